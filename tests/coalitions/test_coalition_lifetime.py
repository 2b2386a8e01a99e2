"""Coalitions are temporary: a start and end, a character, and what it delivered."""

import datetime

from django.utils import timezone

from coalitions.models import Coalition, CoalitionMember
from networks.models import Activity
from tests.coalitions.test_coalitions import _fields

HX = {"HX-Request": "true"}


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _edit(client, network, coalition, **overrides):
    url = f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    return client.post(url, _fields(network, **overrides), headers=HX)


def test_a_coalition_gets_its_period_character_and_outcome(network, bob, client):
    coalition = Coalition.objects.get(network=network, name="Techniekdag")
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="lid")
    client.force_login(bob)
    response = _edit(
        client,
        network,
        coalition,
        name="Techniekdag",
        starts_on=_days(-30).isoformat(),
        ends_on=_days(60).isoformat(),
        character="kennis",
        status="afgerond",
        delivered="Een techniekdag voor 200 leerlingen",
        learned="Eerder beginnen met de zaal",
    )
    assert response.status_code == 200
    coalition.refresh_from_db()
    assert (coalition.starts_on, coalition.ends_on, coalition.character) == (
        _days(-30),
        _days(60),
        "kennis",
    )
    assert coalition.delivered == "Een techniekdag voor 200 leerlingen"
    assert coalition.learned == "Eerder beginnen met de zaal"
    entry = Activity.objects.filter(kind="coalition.edited").latest("id")
    assert entry.after["character"] == "kennis" and entry.after["ends_on"] == _days(60).isoformat()


def test_an_end_before_the_start_is_refused_next_to_the_end(network, alice, client):
    coalition = Coalition.objects.get(network=network, name="Techniekdag")
    client.force_login(alice)
    response = _edit(
        client,
        network,
        coalition,
        name="Techniekdag",
        starts_on=_days(10).isoformat(),
        ends_on=_days(1).isoformat(),
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Het einde ligt vóór de start." in html
    coalition.refresh_from_db()
    assert coalition.starts_on is None and coalition.revision == 1


def test_a_date_in_1900_or_far_ahead_is_refused(network, alice, client):
    coalition = Coalition.objects.get(network=network, name="Techniekdag")
    client.force_login(alice)
    for field, value in (("starts_on", "1900-01-01"), ("ends_on", _days(6 * 366).isoformat())):
        response = _edit(client, network, coalition, name="Techniekdag", **{field: value})
        assert response.status_code == 422
        assert "Kies een datum tussen" in response.content.decode()
    coalition.refresh_from_db()
    assert (coalition.starts_on, coalition.ends_on, coalition.revision) == (None, None, 1)
