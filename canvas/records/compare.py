"""Compare two versions of a canvas: per block and prompt, what was added, removed, changed.

Both sides are `netwerkcanvas/1` documents, so a saved version, an imported file and the
canvas as it is now compare alike. Notes have no identity of their own: they match by
text, and a note whose text changed a little (difflib's ratio ≥ SIMILAR) counts as changed
rather than as one removed and one added. Ambitions match by key, coalitions and actors by
name.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

from canvas.models import NoteStatus
from canvas.prompts import AMBITIONS_TITLE, COALITIONS_BLOCK, NOTE_BLOCKS
from coalitions.models import CoalitionStatus, WorkForm
from networks.models import ActorRole

SIMILAR = 0.6
WORK_FORMS = dict(WorkForm.choices)
COALITION_STATUSES = dict(CoalitionStatus.choices)
ACTOR_ROLES = dict(ActorRole.choices)
ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"


@dataclass
class Row:
    """One line of the side-by-side view: the old thing, the new thing, and how they differ."""

    change: str
    old: str = ""
    new: str = ""
    old_parts: list = field(default_factory=list)  # [(text, "del" or "")]
    new_parts: list = field(default_factory=list)  # [(text, "ins" or "")]
    details: list = field(default_factory=list)  # [(what, before, after)]


@dataclass
class Section:
    """A prompt (or the ambitions, coalitions, actors) with its rows."""

    title: str
    question: str = ""
    rows: list = field(default_factory=list)

    def count(self, change):
        return sum(1 for row in self.rows if row.change == change)

    @property
    def changes(self):
        return [row for row in self.rows if row.change != SAME]

    @property
    def same(self):
        return self.count(SAME)


@dataclass
class Part:
    """A block of the canvas with its sections."""

    slug: str
    title: str
    question: str
    sections: list

    def count(self, change):
        return sum(section.count(change) for section in self.sections)

    @property
    def has_changes(self):
        return any(section.changes for section in self.sections)


@dataclass
class Comparison:
    parts: list

    def count(self, change):
        return sum(part.count(change) for part in self.parts)

    @property
    def added(self):
        return self.count(ADDED)

    @property
    def removed(self):
        return self.count(REMOVED)

    @property
    def changed(self):
        return self.count(CHANGED)

    @property
    def unchanged(self):
        return self.count(SAME)

    @property
    def has_changes(self):
        return bool(self.added or self.removed or self.changed)


def word_diff(old, new):
    """Return the parts of both texts, with the words that differ marked del / ins."""
    split = re.compile(r"\s+|[^\s]+")
    a, b = split.findall(old), split.findall(new)
    old_parts, new_parts = [], []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            old_parts.append(("".join(a[i1:i2]), ""))
            new_parts.append(("".join(b[j1:j2]), ""))
        else:
            if i2 > i1:
                old_parts.append(("".join(a[i1:i2]), "del"))
            if j2 > j1:
                new_parts.append(("".join(b[j1:j2]), "ins"))
    return old_parts, new_parts


STATUSES = dict(NoteStatus.choices)


def _note(item, block):
    if isinstance(item, str):
        item = {"text": item}
    status = item.get("status", "voorstel") if block.has_status else ""
    return {
        "text": item["text"],
        "author": item.get("author", ""),
        "votes": item.get("votes", 0),
        "status": str(STATUSES.get(status, status)),
        "cluster": item.get("cluster", ""),
    }


def _similarity(a, b):
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # The cheap upper bounds first: most pairs of notes have little in common.
    if matcher.real_quick_ratio() < SIMILAR or matcher.quick_ratio() < SIMILAR:
        return 0
    return matcher.ratio()


def pair(old_texts, new_texts):
    """Return {new index: old index}: equal texts first, then the most similar ones."""
    pairs = {}
    waiting = defaultdict(list)
    for i, text in enumerate(old_texts):
        waiting[text].append(i)
    for j, text in enumerate(new_texts):
        if waiting[text]:
            pairs[j] = waiting[text].pop(0)
    used = set(pairs.values())
    candidates = []
    for j, new in enumerate(new_texts):
        if j in pairs:
            continue
        for i, old in enumerate(old_texts):
            if i not in used and (ratio := _similarity(old, new)) >= SIMILAR:
                candidates.append((ratio, -j, -i))
    for _ratio, j, i in sorted(candidates, reverse=True):
        j, i = -j, -i
        if j not in pairs and i not in used:
            pairs[j] = i
            used.add(i)
    return pairs


def _note_details(old, new):
    details = []
    if old["status"] != new["status"]:
        details.append((_("status"), old["status"], new["status"]))
    if old["votes"] != new["votes"]:
        details.append((_("stemmen"), old["votes"], new["votes"]))
    if old["author"] != new["author"]:
        details.append((_("auteur"), old["author"] or "—", new["author"] or "—"))
    if old["cluster"] != new["cluster"]:
        details.append((_("cluster"), old["cluster"] or "—", new["cluster"] or "—"))
    return details


def _rows(old_items, new_items, text, details):
    """Return the rows for two lists, matched by `text` of each item (see `pair`)."""
    old_texts = [text(item) for item in old_items]
    new_texts = [text(item) for item in new_items]
    pairs = pair(old_texts, new_texts)
    rows = []
    for j, item in enumerate(new_items):
        if j not in pairs:
            rows.append(Row(ADDED, new=new_texts[j], new_parts=[(new_texts[j], "")]))
            continue
        before = old_items[pairs[j]]
        old, new = old_texts[pairs[j]], new_texts[j]
        extra = details(before, item)
        if old == new and not extra:
            rows.append(Row(SAME, old=old, new=new, old_parts=[(old, "")], new_parts=[(new, "")]))
            continue
        old_parts, new_parts = word_diff(old, new)
        rows.append(Row(CHANGED, old, new, old_parts, new_parts, extra))
    paired = set(pairs.values())
    for i, old in enumerate(old_texts):
        if i not in paired:
            rows.append(Row(REMOVED, old=old, old_parts=[(old, "")]))
    return rows


def _by(items, key):
    """Return the items keyed by `key`, and the keys in order."""
    found = {}
    for item in items:
        found.setdefault(key(item), item)
    return found


def _keyed_rows(old_items, new_items, key, title, details):
    """Return rows for items with an identity (key or name): changed when they differ."""
    old_by, new_by = _by(old_items, key), _by(new_items, key)
    rows = []
    for k, item in new_by.items():
        if k not in old_by:
            rows.append(Row(ADDED, new=title(item), new_parts=[(title(item), "")]))
            continue
        before = old_by[k]
        extra = details(before, item)
        old, new = title(before), title(item)
        if old == new and not extra:
            rows.append(Row(SAME, old=old, new=new, old_parts=[(old, "")], new_parts=[(new, "")]))
        else:
            old_parts, new_parts = word_diff(old, new)
            rows.append(Row(CHANGED, old, new, old_parts, new_parts, extra))
    for k, item in old_by.items():
        if k not in new_by:
            rows.append(Row(REMOVED, old=title(item), old_parts=[(title(item), "")]))
    return rows


def _field_details(fields, old, new):
    return [
        (label, before or "—", after or "—")
        for label, before, after in fields(old, new)
        if before != after
    ]


def compare(old, new):
    """Return the Comparison of two `netwerkcanvas/1` documents, `old` before `new`."""
    parts = []
    for block in NOTE_BLOCKS:
        sections = []
        for prompt in block.prompts:
            old_notes = [_note(n, block) for n in old.get(block.slug, {}).get(prompt.slug, [])]
            new_notes = [_note(n, block) for n in new.get(block.slug, {}).get(prompt.slug, [])]
            rows = _rows(old_notes, new_notes, lambda n: n["text"], _note_details)
            sections.append(Section(str(prompt.title), " ".join(map(str, prompt.questions)), rows))
        parts.append(Part(block.slug, str(block.title), str(block.question), sections))

    def ambition_title(document):
        titles = {a["key"]: a["title"] for a in document.get("ambitions", [])}
        return lambda key: titles.get(key, "")

    def ambition_fields(a, b):
        return [(_("toelichting"), a.get("description", ""), b.get("description", ""))]

    ambitions = _keyed_rows(
        old.get("ambitions", []),
        new.get("ambitions", []),
        lambda a: a["key"],
        lambda a: a["title"],
        lambda a, b: _field_details(ambition_fields, a, b),
    )
    parts.append(Part("ambitions", str(AMBITIONS_TITLE), "", [Section("", "", ambitions)]))

    old_actor = {a["key"]: a["name"] for a in old.get("actors", [])}
    new_actor = {a["key"]: a["name"] for a in new.get("actors", [])}
    old_ambition, new_ambition = ambition_title(old), ambition_title(new)

    def coalition_fields(a, b):
        def partners(item, names):
            return ", ".join(names.get(key, key) for key in item.get("core_partners", []))

        def choice(choices, value):
            return str(choices.get(value, value)) if value else ""

        return [
            (
                _("werkvorm"),
                choice(WORK_FORMS, a.get("work_form")),
                choice(WORK_FORMS, b.get("work_form")),
            ),
            (_("ambitie"), old_ambition(a.get("ambition")), new_ambition(b.get("ambition"))),
            (_("kernpartners"), partners(a, old_actor), partners(b, new_actor)),
            (_("doelgroep"), a.get("target_group", ""), b.get("target_group", "")),
            (
                _("status"),
                choice(COALITION_STATUSES, a.get("status")),
                choice(COALITION_STATUSES, b.get("status")),
            ),
            (_("volgende stap"), a.get("next_step", ""), b.get("next_step", "")),
        ]

    coalitions = _keyed_rows(
        old.get("coalitions", []),
        new.get("coalitions", []),
        lambda c: c["name"].casefold(),
        lambda c: c["name"],
        lambda a, b: _field_details(coalition_fields, a, b),
    )
    parts.append(
        Part(
            "coalitions",
            str(COALITIONS_BLOCK.title),
            str(COALITIONS_BLOCK.question),
            [Section("", "", coalitions)],
        )
    )

    def actor_fields(a, b):
        def role(item):
            return str(ACTOR_ROLES.get(item.get("role", ""), _("buiten het netwerk")))

        return [(_("rol"), role(a), role(b)), (_("soort"), a.get("kind", ""), b.get("kind", ""))]

    actors = _keyed_rows(
        old.get("actors", []),
        new.get("actors", []),
        lambda a: a["name"].casefold(),
        lambda a: a["name"],
        lambda a, b: _field_details(actor_fields, a, b),
    )
    parts.append(Part("actors", str(_("Actoren")), "", [Section("", "", actors)]))
    return Comparison(parts)
