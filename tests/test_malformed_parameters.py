"""No malformed query parameter or form field gives a 500, on any URL of the project.

Issue 15, item 12. Every URL of the project (walked from the URL conf, as
tests/test_permission_matrix.py does, with its world and its URL arguments) gets, as a
facilitator and as a member, GET and POST, each parameter it reads set to each value of
MALFORMED in turn (the others as a valid request has them). Any 4xx, 200 or 302 is
fine; an exception or a 5xx fails. Each request runs in a savepoint that is rolled back,
so one world serves them all.

Which parameters a URL reads: PARAMETERS lists them (a URL missing there fails
`test_every_url_is_known`), and a probe request records every key the view asks
`request.GET` or `request.POST` for, so a parameter added later is walked too.
"""

import logging
from contextlib import contextmanager
from http.cookies import SimpleCookie

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms.forms import BaseForm
from django.http import QueryDict
from django.urls import reverse

from canvas.workshops.models import Vote
from tests import test_permission_matrix as matrix
from tests.test_permission_matrix import _kwargs, _open_stream, _patterns, _payload

world = matrix.world  # the permission matrix's world: fixtures, built once per module
_module_world = matrix._module_world

MALFORMED = [
    "abc",
    "²",  # str.isdigit() says yes, int() says no
    "-1",
    "0",
    "9" * 25,  # beyond any integer column
    "",
    "\x00",
    "x" * 10_000,
    "1e300",
    ["1", "abc"],  # the parameter twice
]

# url name: (query parameters a GET reads, fields a POST reads) that the view reads
# itself, not through a form. The probe finds these too (and every form's fields); the
# table says what was known when it was written, and makes a new URL fail until it has
# a row.
PARAMETERS = {
    "networks:list": ((), ()),
    "canvas:about": ((), ()),
    "networks:enter_code": ((), ()),
    "networks:join": ((), ("join", "guest", "register")),
    "networks:login": (("next",), ("next",)),
    "networks:logout": ((), ("next",)),
    "networks:password_reset": ((), ()),
    "networks:sign_up": ((), ()),
    "networks:sign_up_sent": ((), ()),
    "networks:confirm_email": ((), ()),
    "networks:password_reset_done": ((), ()),
    "networks:password_reset_confirm": ((), ()),
    "networks:password_reset_complete": ((), ()),
    "set_language": (("next", "language"), ("next", "language")),
    "networks:profile": ((), ("save_name", "save_contact", "change_password", "become_member")),
    "digests:settings": ((), ()),
    "sharing:links": ((), ()),
    "sharing:revoke": ((), ()),
    "sharing:shared": ((), ()),
    "digests:unsubscribe": ((), ()),
    "networks:create": ((), ()),
    "networks:detail": (("verwijderd", "projector", "reacties"), ()),
    "networks:edit": ((), ()),
    "networks:actors": ((), ()),
    "networks:edit_actor": ((), ()),
    "canvas:present": (("deel",), ()),
    "canvas:prompt": ((), ()),
    "canvas:add_note": ((), ()),
    "canvas:note": ((), ()),
    "canvas:edit_note": ((), ()),
    "canvas:delete_note": ((), ()),
    "canvas:restore_note": ((), ()),
    "canvas:move_note": ((), ("text", "version")),
    "canvas:toggle_rule": ((), ()),
    "canvas:move_note_to": ((), ("merge",)),
    "canvas:add_cluster": ((), ()),
    "canvas:dissolve_cluster": ((), ()),
    "replies:replies": (("dicht",), ()),
    "coalitions:band": (("terug", "verwijderd"), ()),
    "coalitions:add_ambition": ((), ()),
    "coalitions:edit_ambition": ((), ()),
    "coalitions:add_coalition": (("ambitie",), ()),
    "coalitions:edit_coalition": ((), ()),
    "coalitions:card": ((), ()),
    "coalitions:participate": ((), ("terug",)),
    "coalitions:delete_ambition": ((), ()),
    "coalitions:restore_ambition": ((), ()),
    "coalitions:delete_coalition": ((), ()),
    "coalitions:restore_coalition": ((), ()),
    "coalitions:choose_lead": ((), ()),
    "actions:mine": ((), ()),
    "actions:coalition": ((), ()),
    "actions:edit_action": (("terug",), ("terug",)),
    "actions:set_status": ((), ("terug",)),
    "networks:join_links": ((), ()),
    "networks:join_link_create": ((), ()),
    "networks:join_link_show": ((), ()),
    "networks:join_link_revoke": ((), ()),
    "networks:people": ((), ()),
    "networks:person_invite": ((), ()),
    "networks:person_update": ((), ()),
    "networks:person_remove": ((), ()),
    "networks:activity": (("page",), ()),
    "workshop:list": ((), ()),
    "workshop:summary": ((), ()),
    "workshop:pdf": ((), ()),
    "workshop:part": (("deel", "projector"), ()),
    "workshop:steer": ((), ("action", "silent", "names", "agenda_step")),
    "workshop:dot": ((), ("item", "dot")),
    "agenda:list": ((), ("bron",)),
    "agenda:detail": ((), ("action",)),
    "agenda:print": ((), ()),
    "workshop:thanks": ((), ()),
    "coalitions:commit": ((), ("projector",)),
    "coalitions:form_coalition": ((), ()),
    "live-events": (("last",), ()),
    "identity:map": ((), ()),
    "identity:part": (("projector",), ()),
    "identity:present": ((), ()),
    "identity:make_note": ((), ()),
    "identity:print": (("formaat",), ()),
    "record:print": (("versie",), ()),
    "record:poster": ((), ()),
    "record:sheets": (("coalitie",), ()),
    "record:poster_png": ((), ()),
    "record:notes_csv": ((), ()),
    "record:export": ((), ()),
    "record:versions": ((), ()),
    "record:save": ((), ()),
    "record:compare": (("a", "b", "alles"), ()),
    "record:version": ((), ()),
    "record:version_export": ((), ()),
    "record:restore": ((), ()),
    "record:import_version": ((), ()),
    "record:import": ((), ()),
    "networks:overlap": (("netwerken", "pagina"), ()),
    "networks:overlap_export": (("tabel", "netwerken"), ()),
    "networks:network_overlap": ((), ()),
    "networks:scans": ((), ()),
    "networks:scan": ((), ()),
    "networks:scan_close": ((), ()),
    "networks:scan_export": ((), ()),
    "networks:advice": (("deel",), ("factors", "leadership", "type")),
    "networks:signals": (("plek",), ()),
    "networks:signal_dismiss": ((), ("next", "terugzetten")),
}

ROLES = ("facilitator", "member")

# Parameters whose value has a word before the id: each malformed id after each word.
PREFIXES = {"verwijderd": ("ambitie-", "coalitie-")}


def _values(key):
    prefixed = [f"{word}{value}" for word in PREFIXES.get(key, ()) for value in MALFORMED[:-1]]
    return MALFORMED + prefixed


@contextmanager
def _recording():
    """Record what a request reads while inside: the keys a view asks `request.GET` or
    `request.POST` for, and the fields (by their names in the request) of the forms it
    validates."""
    read, fields = set(), set()
    originals = {
        name: getattr(QueryDict, name) for name in ("get", "getlist", "__getitem__", "__contains__")
    }
    full_clean = BaseForm.full_clean

    def spy(name):
        def method(self, key, *args, **kwargs):
            if isinstance(key, str):
                read.add(key)
            return originals[name](self, key, *args, **kwargs)

        return method

    def spying_full_clean(form):
        if form.is_bound:  # an unbound form reads nothing
            fields.update(form.add_prefix(name) for name in form.fields)
        return full_clean(form)

    for name in originals:
        setattr(QueryDict, name, spy(name))
    BaseForm.full_clean = spying_full_clean
    try:
        yield read, fields
    finally:
        for name, original in originals.items():
            setattr(QueryDict, name, original)
        BaseForm.full_clean = full_clean


@pytest.fixture
def no_pdfs(monkeypatch):
    """Rendering PDFs costs seconds and reads no parameter: answer a stub."""
    import weasyprint

    from canvas.records import poster
    from canvas.workshops.summary import WorkshopSummary

    monkeypatch.setattr(poster, "poster_pdf", lambda *args, **kwargs: b"%PDF-stub")
    monkeypatch.setattr(poster, "sheets_pdf", lambda *args, **kwargs: b"%PDF-stub")
    monkeypatch.setattr(poster, "poster_png", lambda *args, **kwargs: b"\x89PNG-stub")
    monkeypatch.setattr(WorkshopSummary, "pdf", lambda self, request: b"%PDF-stub")
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, *args, **kwargs: b"%PDF-stub")


def test_every_url_is_known():
    names = set(_patterns())
    assert names - set(PARAMETERS) == set(), "new URLs: add the parameters they read"
    assert set(PARAMETERS) - names == set(), "rows for URLs that no longer exist"


class _Walker:
    """Sends requests as one signed-in person, each in a savepoint that is rolled back."""

    def __init__(self, client, world):
        self.client, self.world, self.failures, self.requests = client, world, [], 0
        self.session = client.cookies[settings.SESSION_COOKIE_NAME].value

    def walk(self, name, method, listed):
        """Walk one URL and method: a probe, then each malformed value."""
        url = reverse(name, kwargs=_kwargs(name, self.world))
        base = _payload(name, self.world) if method == "post" else {}
        with _recording() as (read, fields):
            status = self.send(url, method, {**base, "_probe": "1"})
        if status in (403, 404, 405) and not read - {"_probe"}:
            return  # refused before anything was read
        # A form cleans each field on its own: all of them malformed at once.
        fields -= {"_probe", "csrfmiddlewaretoken"}
        for value in MALFORMED if fields else ():
            self.send(url, method, {**base, **dict.fromkeys(fields, value)})
        # What a view reads itself it may read only while the rest is valid: one by one.
        for key in sorted((set(listed) | read | set(base)) - fields - {"_probe"}):
            for value in _values(key):
                self.send(url, method, {**base, key: value})

    def send(self, url, method, data):
        """Send one request; note a 5xx or an exception. Return the status."""
        self.requests += 1
        data = {key: _fresh(value) for key, value in data.items()}
        # The session as it was: signing out (rolled back) must not sign out the walk.
        self.client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: self.session})
        try:
            with transaction.atomic():
                if url.endswith("/live/") and method == "get":
                    # An event stream never ends: open it (the view reads `last`), don't read it.
                    response = async_to_sync(_open_stream)(
                        f"{url}?{_encode(data)}", self.client.cookies
                    )
                elif method == "post":
                    # As htmx sends it: the same forms, a fragment to render instead of a page.
                    response = self.client.post(url, data, headers={"HX-Request": "true"})
                else:
                    response = self.client.get(url, data)
                transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - any exception is the finding
            self.failures.append(f"{method.upper()} {url} {_show(data)}: {error!r:.200}")
            return 500
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url} {_show(data)}: {response.status_code}")
        return response.status_code


def _fresh(value):
    """An upload is read once: each request gets its own copy."""
    if isinstance(value, SimpleUploadedFile):
        value.seek(0)
        return SimpleUploadedFile(value.name, value.read(), value.content_type)
    return value


def _encode(data):
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query.urlencode()


def _show(data):
    return {
        key: (f"{value[:20]}…" if isinstance(value, str) and len(value) > 20 else value)
        for key, value in data.items()
    }


@pytest.fixture
def quiet():
    """Django logs every refused request: thousands of lines here."""
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


@pytest.mark.parametrize("role", ROLES)
def test_no_malformed_parameter_gives_a_500(role, world, client, no_pdfs, quiet):
    # An open vote on the notes of the world's note, so the dot form reads its item.
    Vote.objects.create(workshop=world.workshop, target="prompt", prompt=world.note.prompt)
    client.force_login(world.people[role])
    walker = _Walker(client, world)
    for name in sorted(PARAMETERS):
        for method, listed in zip(("get", "post"), PARAMETERS[name], strict=True):
            walker.walk(name, method, listed)
    assert walker.failures == [], "\n".join(walker.failures)
    assert walker.requests > 300  # the walk reached the views
