"""The board's saving views tell the other open boards what changed, after the commit."""

import pytest

from canvas.models import Note
from canvas.prompts import PROMPTS
from coalitions.models import Coalition
from tests.coalitions.test_coalitions import _fields

# Committed for real, so events leave as they do in production: after the commit.
pytestmark = pytest.mark.django_db(transaction=True)

HX = {"HX-Request": "true", "X-Live-Change": "change-1"}


def test_adding_a_note_names_the_note_its_list_and_the_change(network, bob, client, sent):
    client.force_login(bob)
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": "Nieuw"}, headers=HX)
    note = Note.objects.get(text="Nieuw")
    # Its <li> travels; each board appends it to the list the event names.
    assert sent == [
        (
            network.pk,
            "changed",
            {"keys": [f"note-{note.pk}"], "change": "change-1", "into": "prompt-passion"},
        )
    ]


def test_a_prompts_first_note_names_its_whole_list(network, bob, client, sent):
    """The list gains more than the note: "+ Cluster", for those who may cluster."""
    Note.objects.filter(network=network, prompt="passion").delete()
    client.force_login(bob)
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": "Eerste"}, headers=HX)
    note = Note.objects.get(text="Eerste")
    keys = [event[2]["keys"] for event in sent]
    assert keys == [["prompt-passion", f"note-{note.pk}"]]
    assert "into" not in sent[0][2]


@pytest.mark.parametrize(
    ("action", "data", "whole_list"),
    [
        # An edit leaves the note where it stands: only the note travels.
        ("bewerken", {"text": "Anders", "revision": 1}, False),
        ("verwijderen", {}, True),
        ("verplaatsen", {"direction": "up"}, True),
    ],
)
def test_every_change_to_a_note_is_published(network, bob, client, sent, action, data, whole_list):
    Note.add(network, PROMPTS["passion"], "Eerst", bob)
    note = Note.add(network, PROMPTS["passion"], "Tweede", bob)
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/notities/{note.pk}/{action}/", data, headers=HX)
    assert response.status_code == 200
    keys = ["prompt-passion", f"note-{note.pk}"] if whole_list else [f"note-{note.pk}"]
    assert [event[2]["keys"] for event in sent] == [keys]


def test_toggling_a_rule_names_only_the_rule(network, alice, client, sent):
    rule = Note.add(network, PROMPTS["membership"], "Iedereen schuift aan", alice)
    client.force_login(alice)
    response = client.post(f"/n/{network.slug}/spelregels/{rule.pk}/status/", headers=HX)
    assert response.status_code == 200
    assert [event[2]["keys"] for event in sent] == [[f"note-{rule.pk}"]]


def test_refused_and_conflicting_saves_publish_nothing(network, bob, charlie, client, sent):
    note = Note.objects.get(text="Klein beginnen, snel leren")
    client.force_login(bob)
    assert (
        client.post(f"/n/{network.slug}/notities/{note.pk}/bewerken/", {"text": "x"}).status_code
        == 403
    )
    mine = Note.add(network, PROMPTS["passion"], "Eerst", bob)
    mine.edit("Door een ander")
    url = f"/n/{network.slug}/notities/{mine.pk}/bewerken/"
    assert client.post(url, {"text": "Ik", "revision": 1}, headers=HX).status_code == 409
    client.force_login(charlie)
    assert client.post(url, {"text": "Ik", "revision": 2}, headers=HX).status_code == 404
    assert sent == []


def test_a_change_token_that_is_not_a_plain_token_is_dropped(network, bob, client, sent):
    client.force_login(bob)
    headers = {**HX, "X-Live-Change": "<script>"}
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": "Nieuw"}, headers=headers)
    assert sent[0][2]["change"] == ""


def test_coalition_changes_name_the_band_and_a_card_change_only_the_card(
    network, alice, client, sent
):
    """An edit may move the card to another lane: the band. Taking part or choosing the
    trekkers changes the card alone: each board fetches that one card."""
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(alice)
    client.post(
        f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/", _fields(network), headers=HX
    )
    client.post(
        f"/n/{network.slug}/coalities/{coalition.pk}/meedoen/", {"choice": "lid"}, headers=HX
    )
    member = coalition.members.get(user=alice)
    client.post(
        f"/n/{network.slug}/coalities/{coalition.pk}/trekkers/",
        {"member": member.pk, "role": "trekker"},
        headers=HX,
    )
    assert [event[2]["keys"] for event in sent] == [
        ["band", f"coalition-{coalition.pk}"],
        [f"coalition-{coalition.pk}"],
        [f"coalition-{coalition.pk}"],
    ]
