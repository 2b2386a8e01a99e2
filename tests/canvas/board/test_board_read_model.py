"""The board's read model (canvas.board.read) renders exactly what Django's model instances do.

Each page and fragment is rendered twice in one test: as the views read it (values into
frozen dataclasses), and from model instances loaded with select_related and
prefetch_related. The HTML must be identical, byte for byte, but for the per-request
tokens.
"""

import re
from types import SimpleNamespace

import pytest
from django.db.models import Prefetch

from canvas import views as canvas_views
from canvas.board.read import Board
from canvas.models import Cluster, Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Vote
from coalitions import views as coalition_views
from coalitions.models import Ambition, Coalition, CoalitionMember, Commitment
from networks.models import NetworkActor
from tests.canvas.workshops import open_vote, start_workshop


def _orm_band(network, viewer=None):
    ambitions = list(
        Ambition.all_objects.visible_to(viewer)
        .filter(network=network)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch(
                "commitments",
                Commitment.objects.select_related("user").order_by("created_at", "id"),
            )
        )
    )
    coalitions = list(
        Coalition.objects.filter(network=network)
        .order_by("position", "id")
        .prefetch_related(
            Prefetch(
                "core_partners",
                NetworkActor.objects.select_related("actor").order_by("actor__name"),
            ),
            Prefetch(
                "members",
                CoalitionMember.objects.select_related("user").order_by("created_at", "id"),
            ),
        )
    )
    for ambition in ambitions:
        ambition.board_coalitions = [c for c in coalitions if c.ambition_id == ambition.pk]
    loose = [c for c in coalitions if c.ambition_id is None]
    return SimpleNamespace(ambitions=ambitions, loose_coalitions=loose)


def _orm_board(network, viewer=None, room=None):
    notes = (
        Note.objects.visible_to(viewer)
        .filter(network=network)
        .order_by("position", "id")
        .select_related("author")
    )
    hidden = room.hidden_counts if room is not None else {}
    clusters = {}
    for cluster in Cluster.objects.filter(network=network).order_by("position", "id"):
        clusters.setdefault(cluster.prompt, []).append(cluster)
    return Board(network, list(notes), _orm_band(network, viewer), hidden, clusters)


@pytest.fixture
def orm(monkeypatch):
    """Switch the views to model instances."""

    def switch():
        monkeypatch.setattr(Board, "load", _orm_board)
        monkeypatch.setattr(
            canvas_views, "board_notes", lambda notes: list(notes.select_related("author"))
        )
        monkeypatch.setattr(coalition_views.Band, "load", _orm_band)

    return switch


def _normalised(response):
    html = response.content.decode()
    html = re.sub(r'(csrfmiddlewaretoken" value=|x-csrftoken": )"[^"]+"', r'\1"X"', html)
    html = re.sub(r'(nonce|data-live-position|data-live-now)="[^"]+"', r'\1="X"', html)
    return response.status_code, html


@pytest.mark.parametrize("target", [Vote.Target.PROMPT, Vote.Target.COALITIONS, None])
def test_pages_and_fragments_read_as_values_render_as_from_model_instances(
    network, alice, bob, client, settings, orm, target
):
    workshop = start_workshop(network, alice)
    for coalition in Coalition.objects.order_by("id")[:2]:
        coalition.take_part(alice, "trekker")
        coalition.take_part(bob, "lid")
    Ambition.objects.order_by("id").first().commit(bob, "meedoen")
    Note.add(network, PROMPTS["passion"], "Bob <b>zegt</b> & vraagt", bob)
    Note.add(network, PROMPTS["style"], "Stil geschreven", bob, hidden=True)
    Note.objects.filter(text="Bob <b>zegt</b> & vraagt").update(anonymous=True)
    if target is not None:
        open_vote(workshop, target=target)
    slug = network.slug
    rule = Note.objects.filter(block="rules").order_by("id").first()
    hx = {"HX-Request": "true"}
    requests = [
        (f"/n/{slug}/", {}),
        (f"/n/{slug}/presentatie/", {}),
        (f"/n/{slug}/coalities/", hx),
        (f"/n/{slug}/vragen/passion/", hx),
        (f"/n/{slug}/vragen/style/", hx),
        (f"/n/{slug}/vragen/{rule.prompt}/", hx),
    ]

    def render_all():
        pages = []
        for user in (alice, bob):
            client.force_login(user)
            for language in ("nl", "en"):
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
                pages += [_normalised(client.get(url, headers=h)) for url, h in requests]
        return pages

    read = render_all()
    assert {status for status, _html in read} == {200}
    orm()
    for (url, _headers), one, other in zip(requests * 4, read, render_all(), strict=True):
        assert one == other, url
