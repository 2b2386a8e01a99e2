"""The activity log and silent writing: who wrote a hidden note is theirs to know.

The log may name the author of a hidden note only to that author, and to nobody (the
author included) once the notes were revealed without names.
"""

import pytest

from canvas.models import Note
from networks.models import Activity, Membership
from tests.canvas.workshops import participant, start_workshop

SECRET = "Geheime gedachte over passie"
WHERE = "Identiteit › Verbinding op passie"


def _log(client, network, **query):
    response = client.get(f"/n/{network.slug}/activiteit/", query)
    assert response.status_code == 200
    return response.content.decode()


def _write_hidden(client, network, author, text=SECRET):
    client.force_login(author)
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": text})
    note = Note.objects.get(text=text)
    assert note.hidden
    return note


def _reveal(client, network, facilitator, names):
    client.force_login(facilitator)
    response = client.post(
        f"/n/{network.slug}/workshop/sturen/",
        {"action": "reveal", "names": "ja" if names else "nee"},
    )
    assert response.status_code == 302


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice, silent=True)


@pytest.fixture
def dewi(network):
    return participant(network, "Dewi Deelnemer")


@pytest.fixture
def hidden(network, workshop, dewi, client):
    """Return the note Dewi, a member, writes during silent writing."""
    return _write_hidden(client, network, dewi)


def test_a_facilitator_does_not_learn_who_wrote_a_hidden_note(network, hidden, alice, client):
    client.force_login(alice)
    body = _log(client, network)
    assert f"Iemand heeft tijdens stil schrijven een notitie toegevoegd bij {WHERE}" in body
    assert "Dewi" not in body  # not in the sentence, not in the filter's list of people
    assert SECRET not in body


def test_filtering_by_the_author_does_not_give_it_away(network, hidden, dewi, alice, client):
    Activity.record(network, dewi, "person.joined", role="member")
    client.force_login(alice)
    body = _log(client, network, person=dewi.pk)
    assert "Dewi Deelnemer doet mee in het netwerk" in body
    assert "stil schrijven" not in body


def test_its_author_sees_their_own_entry_by_name(network, workshop, cora, alice, client):
    _write_hidden(client, network, cora)
    client.force_login(cora)
    body = _log(client, network)
    assert f"Cora heeft tijdens stil schrijven een notitie toegevoegd bij {WHERE}" in body
    assert _log(client, network, person=cora.pk).count("stil schrijven") == 1
    client.force_login(alice)
    assert "Cora" not in _log(client, network)


def test_after_an_anonymous_reveal_nobody_is_named_not_even_the_author(
    network, workshop, cora, dewi, alice, client
):
    _write_hidden(client, network, dewi)
    _write_hidden(client, network, cora, text="Van Cora")
    _reveal(client, network, alice, names=False)
    body = _log(client, network)
    assert body.count("Iemand heeft tijdens stil schrijven een notitie toegevoegd") == 2
    assert "Dewi" not in body and "Cora heeft" not in body
    client.force_login(cora)
    assert "Cora heeft tijdens" not in _log(client, network)
    # For good: the entries themselves no longer name anyone.
    entries = Activity.objects.filter(network=network, area="identity")
    assert list(entries.values_list("user", "user_name")) == [(None, ""), (None, "")]


def test_after_a_reveal_with_names_everyone_sees_who_wrote_it(network, hidden, dewi, alice, client):
    _reveal(client, network, alice, names=True)
    body = _log(client, network)
    assert f"Dewi Deelnemer heeft tijdens stil schrijven een notitie toegevoegd bij {WHERE}" in body
    assert "stil schrijven" in _log(client, network, person=dewi.pk)


def test_ending_the_workshop_after_an_anonymous_reveal_keeps_them_anonymous(
    network, workshop, hidden, dewi, alice, client
):
    workshop.reveal_names = False
    workshop.save(update_fields=["reveal_names"])
    client.force_login(alice)
    client.post(f"/n/{network.slug}/workshop/sturen/", {"action": "end"})
    assert "Dewi" not in _log(client, network)


def test_a_coordinator_sees_no_more_than_a_facilitator(network, hidden, client):
    coordinator = participant(network, "Coco", role=Membership.Role.COORDINATOR)
    client.force_login(coordinator)
    assert "Dewi" not in _log(client, network)


def test_the_pitfall_signals_do_not_count_a_hidden_note_before_its_reveal(
    network, hidden, dewi, alice, client
):
    from networks.insights import pitfalls

    def contributed():
        members = pitfalls.gather(network).members
        return next(done for user_id, _joined, done in members if user_id == dewi.pk)

    assert contributed() is False  # or "who never wrote" would shrink by its author
    _reveal(client, network, alice, names=True)
    assert contributed() is True
