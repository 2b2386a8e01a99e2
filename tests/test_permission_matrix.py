"""Who may GET and POST every URL of the project: one table, checked against the resolver.

Every named URL pattern of the project (admin and static aside) must have a row here,
so a new view cannot slip in unchecked: an unknown URL name fails
`test_every_url_has_a_row`. Each row gives the expected status per role, for GET and
for POST. Where a request is refused, nothing in the database may change; a GET never
changes anything.

The roles, relative to the example network and the coalition in question:
anonymous, stranger (signed in, no role), member, coalition member (a member who takes
part in the coalition in question), coordinator, facilitator. The note and the rule in
question were written by the member (so the member may change them, the coalition
member may not); the ambition in question came with the import (nobody's own).
"""

import copy
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

import pytest
from asgiref.sync import async_to_sync
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import connection, transaction
from django.test import AsyncClient, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from canvas.agenda.models import Agenda
from canvas.identity.models import IdentityMap
from canvas.models import Cluster, Note
from canvas.records.models import CanvasVersion
from canvas.sharing.models import ShareLink
from canvas.workshops.models import Workshop
from coalitions.actions.models import Action
from coalitions.digests.models import MailPreference
from coalitions.models import Ambition, Coalition, CoalitionMember
from networks.insights.models import Scan
from networks.insights.scans import SAMENWERKING
from networks.models import JoinLink, Membership
from tests.conftest import FAST_HASHER, example_document, make_user

ROLES = ("anonymous", "stranger", "member", "coalition_member", "coordinator", "facilitator")
L = "login"  # a redirect to the sign-in page
S = "stream"  # an event stream opens (tests/canvas/live/test_live.py reads what it sends)

# Shorthands for whole rows (anonymous, stranger, member, coalition member, coordinator,
# facilitator).
ALL_405 = (L, 405, 405, 405, 405, 405)
PUBLIC_405 = (405,) * 6


def only(allowed_status, *, coordinator=False):
    """Facilitators (and, if said, coordinators) get `allowed_status`; others are refused."""
    return (L, 404, 403, 403, allowed_status if coordinator else 403, allowed_status)


def members(status):
    return (L, 404, status, status, status, status)


def editors(status):
    """Coordinators and facilitators, who edit the whole canvas."""
    return (L, 404, 403, 403, status, status)


def author(status):
    """The author of the note in question (the member), and the editors."""
    return (L, 404, status, 403, status, status)


def coalition_members(status):
    return (L, 404, 403, status, status, status)


# url name: (GET per role, POST per role)
EXPECTED = {
    # Public: home, code, joining, sign-in, password reset, language.
    "networks:list": ((200,) * 6, PUBLIC_405),
    "networks:enter_code": ((200,) * 6, PUBLIC_405),
    "networks:join": ((200, 200, 302, 302, 302, 302), (302,) * 6),
    "networks:login": ((200, 302, 302, 302, 302, 302), (422,) * 6),
    "networks:logout": (ALL_405, (L, 302, 302, 302, 302, 302)),
    "networks:password_reset": ((200,) * 6, (422,) * 6),
    "networks:password_reset_done": ((200,) * 6, PUBLIC_405),
    "networks:password_reset_confirm": ((302,) * 6, (302,) * 6),
    "networks:password_reset_complete": ((200,) * 6, PUBLIC_405),
    # Signing up: only for visitors without an account (the signed-in go home). The
    # confirmation link is public: its token is the proof.
    "networks:sign_up": ((200, 302, 302, 302, 302, 302), (422, 302, 302, 302, 302, 302)),
    "networks:sign_up_sent": ((200,) * 6, PUBLIC_405),
    "networks:confirm_email": ((200,) * 6, PUBLIC_405),
    "set_language": ((302,) * 6, (302,) * 6),
    "canvas:about": ((200,) * 6, PUBLIC_405),
    # Signed in.
    "networks:profile": ((L, 200, 200, 200, 200, 200), (L, 422, 422, 422, 422, 422)),
    # Mail: one's own preferences; unsubscribing by a signed link, signed in or not.
    "digests:settings": ((L, 200, 200, 200, 200, 200), (L, 302, 302, 302, 302, 302)),
    "digests:unsubscribe": ((200,) * 6, (200,) * 6),
    # Networks and their actors.
    "networks:create": ((L, 200, 200, 200, 200, 200), (L, 302, 302, 302, 302, 302)),
    "networks:detail": (members(200), ALL_405),
    "networks:edit": (editors(200), editors(302)),
    "networks:actors": (members(200), editors(302)),
    "networks:edit_actor": (editors(200), editors(302)),
    # The board and its notes (htmx fragments; a plain GET of one redirects to the board).
    "canvas:present": (members(200), ALL_405),
    "canvas:prompt": (members(302), ALL_405),
    "canvas:add_note": (members(200), members(302)),
    "canvas:note": (members(302), ALL_405),
    "canvas:edit_note": (author(200), author(302)),
    "canvas:delete_note": (ALL_405, author(302)),
    "canvas:restore_note": (ALL_405, author(302)),
    "canvas:move_note": (ALL_405, author(302)),
    "canvas:toggle_rule": (ALL_405, author(302)),
    # Clustering: every member (the world's workshop runs without silent writing; during
    # silent writing only those who edit everything, see tests/canvas/test_cluster_views.py).
    "canvas:move_note_to": (members(200), members(302)),
    "canvas:add_cluster": (ALL_405, members(302)),
    "canvas:dissolve_cluster": (ALL_405, members(302)),
    # “Waarom?”: every member reads and writes replies under a note.
    "replies:replies": (members(302), members(302)),
    # Ambitions and coalitions.
    "coalitions:band": (members(302), ALL_405),
    "coalitions:add_ambition": (members(200), members(302)),
    "coalitions:edit_ambition": (editors(200), editors(302)),
    "coalitions:add_coalition": (members(200), members(302)),
    "coalitions:edit_coalition": (coalition_members(200), coalition_members(302)),
    "coalitions:card": (members(302), ALL_405),
    "coalitions:participate": (ALL_405, members(302)),
    # Deleting (and its undo): the ambition's author or the coalition's trekkers (see
    # tests/coalitions), and those who edit everything.
    "coalitions:delete_ambition": (ALL_405, editors(302)),
    "coalitions:restore_ambition": (ALL_405, editors(302)),
    "coalitions:delete_coalition": (ALL_405, editors(302)),
    "coalitions:restore_coalition": (ALL_405, editors(302)),
    "coalitions:choose_lead": (ALL_405, editors(302)),
    # Between the workshops: one's coalitions, a coalition's page and its actions (those
    # who take part in it change them).
    "actions:mine": ((L, 200, 200, 200, 200, 200), ALL_405),
    "actions:coalition": (members(200), coalition_members(302)),
    "actions:edit_action": (coalition_members(200), coalition_members(302)),
    "actions:set_status": (ALL_405, coalition_members(302)),
    # People, codes and the log.
    "networks:join_links": (only(200), ALL_405),
    "networks:join_link_create": (ALL_405, only(302)),
    "networks:join_link_show": (only(200), ALL_405),
    "networks:join_link_revoke": (ALL_405, only(302)),
    "networks:people": (only(200), ALL_405),
    "networks:person_invite": (ALL_405, only(302)),
    "networks:person_update": (ALL_405, only(302)),
    "networks:person_remove": (only(200), only(302)),
    "networks:activity": (only(200, coordinator=True), ALL_405),
    # Read-only links for the achterban: made by those who edit everything, read by anyone.
    "sharing:links": (only(200, coordinator=True), only(302, coordinator=True)),
    "sharing:revoke": (ALL_405, only(302, coordinator=True)),
    "sharing:shared": ((200,) * 6, PUBLIC_405),
    # Workshops: facilitators steer (and form coalitions from commitments); members vote
    # and commit. The world's workshop is running, so starting another is refused (422).
    "workshop:list": (members(200), only(422)),
    "workshop:summary": (members(200), ALL_405),
    "workshop:pdf": (members(200), ALL_405),
    "workshop:part": (members(302), ALL_405),
    "workshop:steer": (ALL_405, only(302)),
    "workshop:dot": (ALL_405, members(302)),
    # The thank-you page is for guests whose access ended; members go to the board.
    "workshop:thanks": (members(302), members(302)),
    "coalitions:commit": (members(302), members(302)),
    "coalitions:form_coalition": (ALL_405, only(302)),
    # Agendas: facilitators and coordinators prepare them (only facilitators start one).
    "agenda:list": (editors(200), editors(302)),
    "agenda:detail": (editors(200), editors(302)),
    "agenda:print": (editors(200), ALL_405),
    # The identiteitskaart: members (guests too) place, facilitators make notes of words.
    "identity:map": (members(200), members(302)),
    "identity:part": (members(302), ALL_405),
    "identity:present": (members(200), ALL_405),
    "identity:make_note": (ALL_405, only(302)),
    "identity:print": (members(200), ALL_405),
    # The live board's event stream.
    "live-events": (members(S), ALL_405),
    # Posters, versions and import (canvas/record_urls.py): members look, editors keep.
    "record:print": (members(200), ALL_405),
    "record:poster": (members(200), ALL_405),
    "record:sheets": (members(200), ALL_405),
    "record:poster_png": (members(200), ALL_405),
    "record:notes_csv": (members(200), ALL_405),
    "record:export": (members(200), ALL_405),
    "record:versions": (members(200), ALL_405),
    "record:save": (ALL_405, editors(302)),
    "record:compare": (members(200), ALL_405),
    "record:version": (members(200), ALL_405),
    "record:version_export": (members(200), ALL_405),
    "record:restore": (editors(200), editors(302)),
    "record:import_version": (editors(200), editors(302)),
    "record:import": ((L, 200, 200, 200, 200, 200), (L, 302, 302, 302, 302, 302)),
    # Looking at a network: overlap (one's own networks), scans, advice, signals.
    "networks:overlap": ((L, 200, 200, 200, 200, 200), ALL_405),
    "networks:overlap_export": ((L, 200, 200, 200, 200, 200), ALL_405),
    "networks:network_overlap": (members(200), ALL_405),
    "networks:scans": (members(200), editors(302)),
    "networks:scan": (members(200), members(302)),
    "networks:scan_close": (ALL_405, editors(302)),
    "networks:scan_export": (members(200), ALL_405),
    "networks:advice": (members(200), editors(302)),
    "networks:signals": (members(200), ALL_405),
    "networks:signal_dismiss": (ALL_405, only(302)),
}


@dataclass
class World:
    """The fixtures a URL's arguments and payloads are built from."""

    network: object
    people: dict
    coalition: object
    join_link: object
    erin: object  # the member whom the people pages act on
    note: object
    rule: object
    ambition: object
    actor: object
    version: object  # a saved version of the canvas
    scan: object  # open
    closed_scan: object
    workshop: object
    loose_ambition: object  # one without coalitions, so it may be deleted
    share_link: object  # a valid read-only link of the whole canvas
    agenda: object = None  # the standard session, prepared (not yet walked)
    action: object = None  # an action of the coalition in question
    cluster: object = None  # a cluster of the note's prompt


def _kwargs(name, world):
    """Build the URL's arguments from the world, by argument name (or by URL name)."""
    if name == "networks:confirm_email":
        return {"token": world.people["member"].confirmation_token()}
    if name == "networks:password_reset_confirm":
        bob = world.people["member"]
        return {
            "uidb64": urlsafe_base64_encode(force_bytes(bob.pk)),
            "token": default_token_generator.make_token(bob),
        }
    by_argument = {
        "slug": world.network.slug,
        "token": world.join_link.token,
        "link_pk": world.join_link.pk,
        "membership_pk": Membership.objects.get(network=world.network, user=world.erin).pk,
        "prompt": world.note.prompt,
        "fmt": "csv",
        "code": "coalitie-zonder-stap",  # the example's Techniekdag has no next step
        "share_token": world.share_link.token,
        "signed": MailPreference(user=world.people["member"]).unsubscribe_token("digest"),
        "action_pk": world.action.pk,
    }
    # `pk` means the object the URL is about: its app and path say which.
    by_argument["pk"] = {
        "canvas:toggle_rule": world.rule.pk,
        "canvas:dissolve_cluster": world.cluster.pk,
        "replies:replies": world.note.pk,
        "coalitions:edit_ambition": world.ambition.pk,
        "coalitions:edit_coalition": world.coalition.pk,
        "coalitions:card": world.coalition.pk,
        "coalitions:participate": world.coalition.pk,
        "coalitions:commit": world.ambition.pk,
        "coalitions:form_coalition": world.ambition.pk,
        "coalitions:delete_ambition": world.loose_ambition.pk,
        "coalitions:restore_ambition": world.loose_ambition.pk,
        "coalitions:delete_coalition": world.coalition.pk,
        "coalitions:restore_coalition": world.coalition.pk,
        "coalitions:choose_lead": world.coalition.pk,
        "actions:coalition": world.coalition.pk,
        "actions:edit_action": world.coalition.pk,
        "actions:set_status": world.coalition.pk,
        "networks:edit_actor": world.actor.pk,
        "workshop:summary": world.workshop.pk,
        "workshop:pdf": world.workshop.pk,
        "agenda:detail": world.agenda.pk,
        "agenda:print": world.agenda.pk,
        "identity:print": world.workshop.pk,
        "record:version": world.version.pk,
        "record:version_export": world.version.pk,
        "record:restore": world.version.pk,
        "networks:scan": world.scan.pk,
        "networks:scan_close": world.scan.pk,
        "networks:scan_export": world.closed_scan.pk,
        "sharing:revoke": world.share_link.pk,
    }.get(name, world.note.pk if name.startswith("canvas:") else None)
    pattern = _patterns()[name]
    kwargs = {arg: by_argument[arg] for arg in pattern.pattern.regex.groupindex}
    assert None not in kwargs.values(), f"{name}: say which object its pk is"
    return kwargs


def _payload(name, world):
    """POST data that an allowed role's request succeeds with."""
    erin = Membership.objects.get(network=world.network, user=world.erin)
    actor = {"name": "Gemeente Buren", "kind": "gemeente", "role": "deelnemer"}
    return {
        "networks:create": {"name": "Nieuw netwerk"},
        "networks:edit": {
            "name": "Onderwijsregio Rivierenland",
            "description": "Nieuw.",
            "revision": world.network.revision,
        },
        "networks:actors": actor,
        "networks:edit_actor": actor,
        "canvas:add_note": {"text": "Een nieuwe notitie"},
        "canvas:edit_note": {"text": "Anders gezegd", "revision": world.note.revision},
        "canvas:move_note": {"direction": "down"},
        "canvas:move_note_to": {"target": "prompt-style", "revision": world.note.revision},
        "canvas:add_cluster": {"name": "Een nieuwe cluster"},
        "replies:replies": {"text": "Omdat we het samen beter doen"},
        "coalitions:add_ambition": {"title": "Een nieuwe ambitie"},
        "coalitions:edit_ambition": {
            "title": "Een scherpere ambitie",
            "revision": world.ambition.revision,
        },
        "coalitions:add_coalition": {"name": "Een nieuwe coalitie", "status": "idee"},
        "coalitions:edit_coalition": {
            "name": "Zij-instroom samen",
            "status": "actief",
            "revision": world.coalition.revision,
        },
        "coalitions:participate": {"choice": "lid"},
        "coalitions:choose_lead": {
            "member": CoalitionMember.objects.get(user=world.people["coalition_member"]).pk,
            "role": "trekker",
        },
        "coalitions:commit": {"level": "weten"},
        "actions:coalition": {
            "title": "Zaal boeken",
            "owner": world.people["coalition_member"].pk,
            "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
        "actions:edit_action": {
            "title": "Zaal boeken in Tiel",
            "owner": world.people["coalition_member"].pk,
            "status": "bezig",
            "revision": world.action.revision,
        },
        "actions:set_status": {"status": "klaar"},
        "workshop:list": {"title": "Nog een workshop"},
        "workshop:steer": {"action": "step", "step": "identity"},
        "workshop:dot": {"item": world.note.pk},
        "agenda:list": {"bron": "standaard"},
        "agenda:detail": {"action": "save", "agenda-title": "Dag 2"},
        "identity:map": {"part": "passie", "word": "Samen", "x": "40", "y": "60"},
        "identity:make_note": {"part": "opgave", "word": "Kansengelijkheid", "prompt": "position"},
        "networks:join": {"join": "1", "guest": "1", "guest-name": "Gast"},
        "networks:join_link_create": {"valid_for": "4h"},
        "networks:person_invite": {"email": "nieuw@example.org", "name": "Nieuw", "role": "member"},
        "networks:person_update": {f"m{erin.pk}-role": "coordinator", f"m{erin.pk}-actor": ""},
        "set_language": {"language": "en", "next": "/"},
        "record:save": {"label": "Workshop 2"},
        "record:import_version": {"file": _upload()},
        "record:import": {"file": _upload()},
        "networks:scans": {
            "kind": "kenmerken",
            "closes_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
        },
        "networks:scan": dict.fromkeys(SAMENWERKING.item_codes, "3"),
        "networks:advice": {"factors": "", "factors_discussed": ["3"]},
        "sharing:links": {"valid_for": "30d", "label": "Bestuur"},
        "digests:settings": {"digest": "daily", "reminders": "on", "language": ""},
    }.get(name, {})


def _upload():
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("canvas.json", json.dumps(example_document()).encode())


async def _open_stream(url, cookies):
    """Open an event stream, signed in with `cookies`, without reading it (it never ends)."""
    client = AsyncClient()
    client.cookies = cookies
    return await client.get(url)


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else None, entry


def _patterns():
    return dict(_walk(get_resolver().url_patterns))


@cache
def _snapshot_queries():
    quote = connection.ops.quote_name
    return {
        model._meta.label: f"SELECT * FROM {quote(model._meta.db_table)} "
        f"ORDER BY {quote(model._meta.pk.column)}"
        for app in apps.get_app_configs()
        if app.name.split(".")[0] in ("canvas", "networks", "coalitions")  # every room
        for model in app.get_models()
        # Counting refused tries (sign-in, codes) is what a throttle is for.
        if model._meta.label != "networks.ThrottleCount"
    }


def _snapshot():
    """Every row of the app's tables, to prove a refused request changed nothing.

    Every column of every row, deleted ones (waiting for their undo) too, read with plain
    SQL: the ORM's query building made this half of the module's time.
    """
    with connection.cursor() as cursor:
        snapshot = {}
        for label, query in _snapshot_queries().items():
            cursor.execute(query)
            snapshot[label] = cursor.fetchall()
    return snapshot


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """Build the world once for the module, inside a transaction rolled back at its end.

    Each test still runs alone: pytest-django's `db` wraps it in a savepoint of its own,
    rolled back after it, and `world` hands it a deep copy of the instances (as Django's
    setUpTestData does), so nothing one case writes or caches reaches the next. (A case
    that needs `transactional_db` or a live server cannot share this open transaction:
    it belongs in another module.)
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
                built = _build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(_module_world, db):
    return copy.deepcopy(_module_world)


def _build_world():
    from canvas.records.interchange import import_network

    network = import_network(example_document())
    people = {"anonymous": None, "stranger": make_user("Charlie")}
    for role, name, membership_role in (
        ("member", "Bob", "member"),
        ("coalition_member", "Dana", "member"),
        ("coordinator", "Cora", "coordinator"),
        ("facilitator", "Alice", "facilitator"),
    ):
        people[role] = make_user(name)
        Membership.objects.create(network=network, user=people[role], role=membership_role)
    erin = make_user("Erin")
    Membership.objects.create(network=network, user=erin)
    coalition = Coalition.objects.filter(network=network).first()
    CoalitionMember.objects.create(coalition=coalition, user=people["coalition_member"])
    join_link = JoinLink.create_for(network, people["facilitator"], timedelta(hours=4))
    bob = people["member"]
    note = Note.objects.create(
        network=network, block="identity", prompt="passion", text="Van Bob", author=bob
    )
    rule = Note.objects.create(
        network=network,
        block="rules",
        prompt="decisions",
        text="Regel van Bob",
        status="voorstel",
        author=bob,
    )
    ambition = Ambition.objects.filter(network=network, created_by=None).first()
    ambition.commit(bob, "meedoen")  # so a coalition can form from it
    actor = network.network_actors.first()
    version = CanvasVersion.save_current(network, people["facilitator"], "Workshop 1")
    workshop = Workshop.objects.create(
        network=network, title="Workshop", started_by=people["facilitator"]
    )
    identity_map = IdentityMap.for_workshop(workshop)
    identity_map.place(bob, "opgave", "Kansengelijkheid", 30, 70)
    now = timezone.now()
    scan = Scan.objects.create(network=network, kind="samenwerking", closes=now + timedelta(7))
    closed_scan = Scan.objects.create(
        network=network, kind="kenmerken", opens=now - timedelta(9), closes=now - timedelta(2)
    )
    share_link = ShareLink.create_for(network, people["facilitator"], timedelta(days=7))
    world = World(
        network,
        people,
        coalition,
        join_link,
        erin,
        note,
        rule,
        ambition,
        actor,
        version,
        scan,
        closed_scan,
        workshop,
        Ambition.objects.create(network=network, key="los", title="Een losse ambitie", position=9),
        share_link,
        action=Action.objects.create(coalition=coalition, title="Eerste actie"),
        cluster=Cluster.objects.create(network=network, prompt=note.prompt, name="Een cluster"),
    )
    world.agenda = Agenda.create_from(network, people["facilitator"], "standaard")
    return world


def test_every_url_has_a_row():
    names = set(_patterns())
    assert None not in names, "every URL pattern needs a name, so it can have a row here"
    assert names - set(EXPECTED) == set(), "new URLs: add their rows to EXPECTED"
    assert set(EXPECTED) - names == set(), "rows for URLs that no longer exist"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_matrix(name, role, method, world, client):
    expected = EXPECTED[name][0 if method == "get" else 1][ROLES.index(role)]
    if world.people[role] is not None:
        client.force_login(world.people[role])
    url = reverse(name, kwargs=_kwargs(name, world))
    before = _snapshot()
    data = _payload(name, world) if method == "post" else {}
    if expected == S:
        response = async_to_sync(_open_stream)(url, client.cookies)
        assert response.status_code == 200, f"GET {url} as {role}"
        assert response["Content-Type"] == "text/event-stream"
        assert _snapshot() == before
        return
    response = getattr(client, method)(url, data)
    if expected == L:
        assert response.status_code == 302, f"{method.upper()} {url} as {role}"
        assert response.url.startswith(reverse("networks:login") + "?next=")
    else:
        assert response.status_code == expected, f"{method.upper()} {url} as {role}"
    refused = expected == L or expected >= 400
    if method == "get" or refused:
        assert _snapshot() == before, f"{method.upper()} {url} as {role} changed data"


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_guest_whose_link_lapsed_is_refused_in_every_network_url(method, world, client):
    from networks.models import User

    guest = User.objects.create_guest("Gijs")
    world.join_link.admit(guest)
    world.join_link.revoke()
    client.force_login(guest)
    network_urls = [
        name
        for name, pattern in _patterns().items()
        if "slug" in pattern.pattern.regex.groupindex and name != "workshop:thanks"
    ]
    assert len(network_urls) >= 10
    thanks = reverse("workshop:thanks", args=[world.network.slug])
    for name in network_urls:
        url = reverse(name, kwargs=_kwargs(name, world))
        before = _snapshot()
        response = getattr(client, method)(url, _payload(name, world))
        if method == "get" and response.status_code == 302:
            # A page opened whole sends them to the thank-you page, which shows no more.
            assert response.url == thanks, f"GET {url}"
        else:
            assert response.status_code in (403, 405), f"{method.upper()} {url}"
        assert _snapshot() == before
    # Fragments (htmx) and the event stream are refused plainly: nothing to redirect.
    board = reverse("networks:detail", args=[world.network.slug])
    assert client.get(board, headers={"HX-Request": "true"}).status_code == 403
