"""No lost update on coalition cards and ambitions: a stale save shows both versions."""

from coalitions.models import Ambition, Coalition, CoalitionMember
from tests.coalitions.test_coalitions import _fields

HX = {"HX-Request": "true"}


def test_a_save_over_a_newer_coalition_shows_their_card_beside_my_form(network, alice, bob, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="lid")
    partners = set(coalition.core_partners.values_list("pk", flat=True))
    url = f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    client.force_login(alice)
    assert client.post(url, _fields(network, name="Techniekdag 2027")).status_code == 302
    client.force_login(bob)
    response = client.post(
        url, _fields(network, name="Techniekweek", target_group="Zaal huren"), headers=HX
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "intussen gewijzigd" in html
    assert "Techniekdag 2027</h4>" in html  # their card
    assert 'value="Techniekweek"' in html and "Zaal huren" in html  # my form, still filled
    assert 'name="revision" value="2"' in html
    coalition.refresh_from_db()
    assert (coalition.name, coalition.revision) == ("Techniekdag 2027", 2)
    assert coalition.target_group != "Zaal huren"
    # Saving again keeps mine.
    assert client.post(url, _fields(network, name="Techniekweek", revision="2")).status_code == 302
    coalition.refresh_from_db()
    assert (coalition.name, coalition.revision) == ("Techniekweek", 3)
    assert partners  # the example coalition has partners that survived the conflict


def test_a_stale_coalition_save_changes_no_partners(network, alice, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    before = set(coalition.core_partners.values_list("pk", flat=True))
    Coalition.objects.filter(pk=coalition.pk).update(revision=5)
    client.force_login(alice)
    url = f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    response = client.post(url, {**_fields(network), "core_partners": []}, headers=HX)
    assert response.status_code == 409
    assert set(coalition.core_partners.values_list("pk", flat=True)) == before


def test_a_save_over_a_newer_ambition_shows_theirs(network, cora, client):
    ambition = Ambition.objects.get(key="starters")
    url = f"/n/{network.slug}/ambities/{ambition.pk}/bewerken/"
    client.force_login(cora)
    assert client.post(url, {"title": "Starters binden", "revision": 1}).status_code == 302
    response = client.post(url, {"title": "Starters houden", "revision": 1}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 409
    assert "<strong>Starters binden</strong>" in html and 'value="Starters houden"' in html
    ambition.refresh_from_db()
    assert ambition.title == "Starters binden"
