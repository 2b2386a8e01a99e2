"""A coalition sheet of the canvas now names who to call and the open actions."""

import datetime

from canvas.records import poster
from coalitions.actions.models import Action
from coalitions.models import Coalition, CoalitionMember
from tests.canvas.records.test_poster import text_of


def _techniekdag(network, bob, alice):
    coalition = Coalition.objects.get(network=network, name="Techniekdag")
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="trekker")
    CoalitionMember.objects.create(coalition=coalition, user=alice, role="lid")
    Coalition.objects.filter(pk=coalition.pk).update(
        character="resultaat",
        starts_on=datetime.date(2027, 1, 10),
        ends_on=datetime.date(2027, 6, 30),
        delivered="Een techniekdag voor 200 leerlingen",
    )
    Action.objects.create(
        coalition=coalition, title="Zaal boeken", owner=bob, due_on=datetime.date(2027, 2, 1)
    )
    Action.objects.create(coalition=coalition, title="Al gedaan", owner=bob, status="klaar")
    return coalition


def test_the_extras_name_people_actions_and_the_period(network, bob, alice):
    _techniekdag(network, bob, alice)
    bob.shows_email = True
    bob.save()
    extras = poster.sheet_extras(network, alice)["Techniekdag"]
    assert [(p["name"], p["lead"], p["email"]) for p in extras["people"]] == [
        ("Bob", True, "bob@example.org"),
        ("Alice", False, ""),
    ]
    assert [a["title"] for a in extras["actions"]] == ["Zaal boeken"]  # open ones only
    assert extras["character"] == "resultaat" and extras["starts"] and extras["ends"]
    # Someone outside the coalition reads no address.
    stranger_view = poster.sheet_extras(network, None)["Techniekdag"]
    assert {p["email"] for p in stranger_view["people"]} == {""}


def test_the_sheet_prints_them(network, bob, alice, client):
    _techniekdag(network, bob, alice)
    client.force_login(alice)
    coalition = Coalition.objects.get(network=network, name="Techniekdag")
    response = client.get(f"/n/{network.slug}/coalitiebladen.pdf?coalitie={coalition.pk}")
    assert response.status_code == 200
    text = text_of(response.content)
    for words in ("Bob", "trekker", "Alice", "Zaal boeken", "resultaat", "200 leerlingen"):
        assert words in text, words
    assert "Al gedaan" not in text


def test_a_new_action_changes_the_cached_sheet(network, bob, alice, client):
    coalition = _techniekdag(network, bob, alice)
    client.force_login(alice)
    url = f"/n/{network.slug}/coalitiebladen.pdf?coalitie={coalition.pk}"
    client.get(url)
    Action.objects.create(coalition=coalition, title="Flyer drukken", owner=alice)
    assert "Flyer drukken" in text_of(client.get(url).content)


def test_the_poster_names_the_trekkers_and_the_next_action_compactly(network, bob, alice):
    coalition = _techniekdag(network, bob, alice)
    Action.objects.create(coalition=coalition, title="Flyer drukken")
    extras = poster.sheet_extras(network, None)
    document = poster.with_extras(poster.export_network(network), extras)
    item = next(
        i for i in poster.build_regions(document)["coalitions"].items if i.text == "Techniekdag"
    )
    assert ("Trekker", "Bob") in item.fields
    assert ("Volgende stap", "Zaal boeken (Bob, 1 februari 2027) · 2 open acties") in item.fields
    assert "_now" not in poster.export_network(network)["coalitions"][0]  # the format stays


def test_the_poster_of_the_canvas_now_prints_them(network, bob, alice, client):
    _techniekdag(network, bob, alice)
    client.force_login(alice)
    response = client.get(f"/n/{network.slug}/poster.pdf?formaat=A3")
    assert response.status_code == 200
    assert "Zaal boeken" in text_of(response.content)
