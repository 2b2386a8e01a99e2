from coalitions.models import Coalition, CoalitionMember
from networks.models import Activity

HX = {"HX-Request": "true"}


def _url(coalition):
    return f"/n/{coalition.network.slug}/coalities/{coalition.pk}/meedoen/"


def _role(coalition, user):
    member = CoalitionMember.objects.filter(coalition=coalition, user=user).first()
    return member.role if member else None


def test_a_member_joins_is_kept_informed_and_leaves(network, bob, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(bob)
    response = client.post(_url(coalition), {"choice": "lid"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<article class="coalition-card status-actief" id="coalition-{coalition.pk}"'
    )
    assert "Jij doet mee" in html and "Bob" in html and "Bewerken" in html
    assert 'autofocus value="weg"' in html  # focus stays in the card, on the way back out
    assert _role(coalition, bob) == "lid"
    client.post(_url(coalition), {"choice": "informed"})
    assert _role(coalition, bob) == "informed"
    response = client.post(_url(coalition), {"choice": "weg"})
    assert response.status_code == 302 and response.url.endswith(f"#coalition-{coalition.pk}")
    assert _role(coalition, bob) is None
    sentences = [entry.sentence() for entry in Activity.objects.order_by("id")]
    assert sentences == [
        "Bob doet mee in de coalitie “Techniekdag”",
        "Bob wordt op de hoogte gehouden van de coalitie “Techniekdag”",
        "Bob doet niet meer mee in de coalitie “Techniekdag”",
    ]


def test_the_card_shows_who_leads_who_takes_part_and_who_is_informed(
    network, alice, bob, cora, client
):
    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.take_part(alice, "trekker")
    coalition.take_part(bob, "lid")
    coalition.take_part(cora, "informed")
    client.force_login(bob)
    html = client.post(_url(coalition), {"choice": "lid"}, headers=HX).content.decode()
    assert "Trekker</dt><dd>Alice" in html
    assert "Doen mee</dt><dd>Bob" in html
    assert "Op de hoogte</dt><dd>Cora" in html


def test_a_trekker_who_joins_stays_trekker(network, alice, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.take_part(alice, "trekker")
    client.force_login(alice)
    client.post(_url(coalition), {"choice": "lid"})
    assert _role(coalition, alice) == "trekker"


def test_an_unknown_choice_is_refused(network, bob, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(bob)
    response = client.post(_url(coalition), {"choice": "trekker"}, headers=HX)
    assert response.status_code == 422
    assert "Kies meedoen, op de hoogte blijven of stoppen." in response.content.decode()
    assert client.post(_url(coalition), {"choice": "trekker"}).status_code == 422
    assert _role(coalition, bob) is None


def test_leaving_when_not_in_it_changes_nothing(network, bob, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(bob)
    assert client.post(_url(coalition), {"choice": "weg"}).status_code == 302
    assert not Activity.objects.exists()


def test_it_needs_a_post_and_strangers_get_404(network, bob, charlie, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(bob)
    assert client.get(_url(coalition)).status_code == 405
    client.force_login(charlie)
    assert client.post(_url(coalition), {"choice": "lid"}).status_code == 404
    assert _role(coalition, charlie) is None
