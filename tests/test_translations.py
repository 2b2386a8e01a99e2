"""The English catalogue: complete, compiled, and in step with the Dutch strings in the code.

The .po is read with a small parser (no polib): enough for what makemessages writes.
"""

import ast
import gettext
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

import pytest
from django.conf import settings

LC_MESSAGES = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    fuzzy: bool = False
    msgstr: tuple = ()

    @property
    def key(self):
        return (self.context, self.msgid)

    @property
    def untranslated(self):
        return not self.msgstr or not all(self.msgstr)


def read_po(path):
    """Return the catalogue's entries (the header and obsolete `#~` entries left out)."""
    entries, fuzzy, strings, field = [], False, {}, None

    def finish():
        if strings.get("msgid"):
            msgstr = tuple(strings[key] for key in sorted(strings) if key.startswith("msgstr"))
            entries.append(
                Entry(
                    strings.get("msgctxt"),
                    strings["msgid"],
                    strings.get("msgid_plural"),
                    fuzzy,
                    msgstr,
                )
            )

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            finish()
            fuzzy, strings, field = False, {}, None
        elif line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            strings[field] += ast.literal_eval(line)
        else:
            field, _space, text = line.partition(" ")
            strings[field] = ast.literal_eval(text)
    return entries


@pytest.fixture(scope="module")
def entries():
    return read_po(PO)


def test_the_parser_reads_the_catalogue(entries):
    by_key = {entry.key: entry for entry in entries}
    assert by_key[(None, "Identiteit")].msgstr == ("Identity",)
    votes = by_key[("aantal", "stemming")]
    assert votes.plural == "stemmingen"
    assert votes.msgstr == ("vote", "votes")
    assert len(entries) > 1000


def test_every_string_has_an_english_translation(entries):
    untranslated = [entry.msgid for entry in entries if entry.untranslated]
    fuzzy = [entry.msgid for entry in entries if entry.fuzzy]
    assert untranslated == [], "untranslated in locale/en/LC_MESSAGES/django.po"
    assert fuzzy == [], "fuzzy (check the translation, then drop the flag)"


# Words that are the same in Dutch and English: an English msgstr that copies its Dutch
# msgid is a forgotten translation ("ORGANISATIENETWERK" on an English poster) unless
# it is one of these.
SAME_IN_BOTH = {
    "%(who)s: %(subject)s (%(action)s)",
    "(document)",
    "+1 min",
    "1 week",
    "Actor",
    "Agenda",
    "agenda",
    "CSV",
    "Canvas",
    "Code",
    "Codes",
    "English",
    "JSON",
    "Live",
    "Workshop",
    "Min.",
    "Nederlands",
    "Overlap",
    "PDF (A4)",
    "Poster",
    "Scans",
    "Start",
    "Status",
    "Stop",
    "Timer",
    "Later",
    "Workshops",
    "actor",
    "code",
    "document",
    "facilitator",
    "facilitator %(name)s",
    "impact",
    "min",
    "open",
    "project",
    "scan",
    "scans",
    "slug",
    "status",
    "token",
    "was %(before)s",
    "workshop",
    "workshops",
}


def test_every_message_has_both_languages(entries):
    """A Dutch msgid and an English msgstr that is not a copy of it, with the same
    placeholders (a missing one would raise, a stray one show as %(name)s)."""
    copies = [
        entry.msgid
        for entry in entries
        if entry.msgstr[0] == entry.msgid and entry.msgid not in SAME_IN_BOTH
    ]
    assert copies == [], "the English is a copy of the Dutch: translate it, or list it"
    placeholders = re.compile(r"%\((\w+)\)[sd]")
    mismatched = [
        entry.msgid
        for entry in entries
        for text in entry.msgstr
        if set(placeholders.findall(text)) != set(placeholders.findall(entry.msgid))
        and set(placeholders.findall(text)) != set(placeholders.findall(entry.plural or ""))
    ]
    assert mismatched == [], "the English has other placeholders than the Dutch"
    assert not SAME_IN_BOTH - {entry.msgid for entry in entries}, "no longer in the catalogue"


def test_the_compiled_catalogue_matches_the_po(entries):
    """The committed .mo was compiled from this .po (run compilemessages after editing)."""
    with open(LC_MESSAGES / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in entries:
        if entry.plural:
            found = tuple(
                compiled.npgettext(entry.context, entry.msgid, entry.plural, n)
                if entry.context
                else compiled.ngettext(entry.msgid, entry.plural, n)
                for n in (1, 2)
            )
        elif entry.context:
            found = (compiled.pgettext(entry.context, entry.msgid),)
        else:
            found = (compiled.gettext(entry.msgid),)
        if found != entry.msgstr:
            stale.append(entry.msgid)
    assert stale == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt: gettext)")
def test_the_catalogue_holds_every_translatable_string_in_the_code(entries, tmp_path):
    """Run makemessages on a copy of the code: the catalogue must come out unchanged.

    A new or reworded Dutch string shows up here until it is in the .po and translated.
    """
    for name in ("canvas", "networks", "coalitions", "templates", "locale"):
        shutil.copytree(
            settings.BASE_DIR / name,
            tmp_path / name,
            ignore=shutil.ignore_patterns("__pycache__", "*.mo"),
        )
    shutil.copy(settings.BASE_DIR / "manage.py", tmp_path)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    regenerated = {
        entry.key: entry for entry in read_po(tmp_path / PO.relative_to(settings.BASE_DIR))
    }
    committed = {entry.key: entry for entry in entries}
    assert sorted(regenerated.keys() - committed.keys(), key=str) == [], "not in the catalogue"
    assert sorted(committed.keys() - regenerated.keys(), key=str) == [], "no longer in the code"
    changed = [key for key in committed if regenerated[key] != committed[key]]
    assert changed == [], "run makemessages and translate what changed"
