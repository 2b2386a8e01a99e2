"""Trekkers (and facilitators, coordinators) choose who leads a coalition; one always stays."""

import pytest

from coalitions.models import Coalition, CoalitionMember
from networks.models import Activity
from tests.conftest import make_user

HX = {"HX-Request": "true"}


@pytest.fixture
def dana(network):
    user = make_user("Dana")
    network.memberships.create(user=user)
    return user


@pytest.fixture
def coalition(network, bob, dana):
    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.take_part(bob, "trekker")
    coalition.take_part(dana, "lid")
    return coalition


def _url(coalition):
    return f"/n/{coalition.network.slug}/coalities/{coalition.pk}/trekkers/"


def _member(coalition, user):
    return CoalitionMember.objects.get(coalition=coalition, user=user)


def _roles(coalition):
    return dict(coalition.members.values_list("user__name", "role"))


def test_a_trekker_makes_someone_trekker_too(coalition, bob, dana, client):
    client.force_login(bob)
    data = {"member": _member(coalition, dana).pk, "role": "trekker"}
    response = client.post(_url(coalition), data, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<article class="coalition-card status-actief" id="coalition-{coalition.pk}"'
    )
    assert "Trekker</dt><dd>Bob, Dana" in html
    assert '<details class="lead-picker" open>' in html
    assert _roles(coalition) == {"Bob": "trekker", "Dana": "trekker"}
    activity = Activity.objects.get(area="coalitions", kind="coalition.lead")
    assert activity.sentence() == "Bob heeft Dana trekker gemaakt van de coalitie “Techniekdag”"
    assert (activity.before, activity.after) == ({"leads": ["Bob"]}, {"leads": ["Bob", "Dana"]})


def test_then_the_first_trekker_steps_down(coalition, bob, dana, client):
    coalition.set_role(_member(coalition, dana), "trekker")
    client.force_login(bob)
    response = client.post(_url(coalition), {"member": _member(coalition, bob).pk, "role": "lid"})
    assert response.status_code == 302 and response.url.endswith(f"#coalition-{coalition.pk}")
    assert _roles(coalition) == {"Bob": "lid", "Dana": "trekker"}


def test_the_last_trekker_is_told_to_hand_over_first(coalition, bob, client):
    client.force_login(bob)
    data = {"member": _member(coalition, bob).pk, "role": "lid"}
    response = client.post(_url(coalition), data, headers=HX)
    assert response.status_code == 422
    assert "Bob is de enige trekker van deze coalitie" in response.content.decode()
    assert _roles(coalition)["Bob"] == "trekker"
    assert not Activity.objects.filter(kind="coalition.lead")
    response = client.post(_url(coalition), data)  # without JavaScript: the board says it
    assert response.status_code == 422 and "de enige trekker" in response.content.decode()


def test_the_card_hides_stepping_down_for_the_only_trekker(coalition, bob, client):
    client.force_login(bob)
    html = client.get(f"/n/{coalition.network.slug}/").content.decode()
    assert "enige trekker" in html
    assert "Maak trekker" in html and "Terug naar meedoen" not in html


@pytest.mark.parametrize("who", ["alice", "cora"])
def test_facilitators_and_coordinators_choose_trekkers(coalition, dana, who, client, request):
    client.force_login(request.getfixturevalue(who))
    client.post(_url(coalition), {"member": _member(coalition, dana).pk, "role": "trekker"})
    assert _roles(coalition)["Dana"] == "trekker"


def test_one_who_only_takes_part_may_not(coalition, dana, client):
    client.force_login(dana)
    data = {"member": _member(coalition, dana).pk, "role": "trekker"}
    assert client.post(_url(coalition), data).status_code == 403
    assert _roles(coalition)["Dana"] == "lid"
    html = client.get(f"/n/{coalition.network.slug}/").content.decode()
    assert "lead-picker" not in html


def test_a_stranger_gets_404(coalition, charlie, dana, client):
    client.force_login(charlie)
    data = {"member": _member(coalition, dana).pk, "role": "trekker"}
    assert client.post(_url(coalition), data).status_code == 404
    assert _roles(coalition)["Dana"] == "lid"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "trekker"}, "Kies wie trekker wordt."),
        ({"member": "abc", "role": "trekker"}, "Die persoon zit (niet meer) in deze coalitie."),
        ({"member": "DANA", "role": "baas"}, "Kies trekker of meedoen."),
        ({"member": "DANA", "role": "informed"}, "Kies trekker of meedoen."),
        (
            {"member": "ELSEWHERE", "role": "trekker"},
            "Die persoon zit (niet meer) in deze coalitie.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_reason(coalition, bob, dana, data, message, client):
    elsewhere = Coalition.objects.get(name="Startersnetwerk").take_part(dana, "lid")
    ids = {"DANA": _member(coalition, dana).pk, "ELSEWHERE": elsewhere.pk}
    data = {key: ids.get(value, value) for key, value in data.items()}
    client.force_login(bob)
    response = client.post(_url(coalition), data, headers=HX)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert _roles(coalition) == {"Bob": "trekker", "Dana": "lid"}


def test_it_takes_a_post(coalition, bob, client):
    client.force_login(bob)
    assert client.get(_url(coalition)).status_code == 405


def test_the_last_trekker_cannot_leave_through_the_card_either(coalition, bob, client):
    client.force_login(bob)
    url = f"/n/{coalition.network.slug}/coalities/{coalition.pk}/meedoen/"
    response = client.post(url, {"choice": "weg"}, headers=HX)
    assert response.status_code == 422
    assert "Bob is de enige trekker" in response.content.decode()
    assert _roles(coalition)["Bob"] == "trekker"
    assert not Activity.objects.filter(kind="coalition.left")
