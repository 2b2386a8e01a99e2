"""Commitment to ambitions (weten, meedenken, meedoen, meebepalen) and forming a coalition."""

import pytest
from django.core.exceptions import ValidationError

from coalitions.models import Ambition, Coalition, CoalitionRole, Commitment
from networks.models import NetworkActor
from tests.canvas.workshops import participant

HX = {"HX-Request": "true"}


@pytest.fixture
def ambition(network):
    return Ambition.objects.filter(network=network).order_by("position").first()


def _commit(client, network, ambition, level, **kwargs):
    return client.post(
        f"/n/{network.slug}/ambities/{ambition.pk}/betrokkenheid/", {"level": level}, **kwargs
    )


def test_choosing_a_level_and_choosing_it_again_takes_it_back(ambition, bob):
    assert ambition.commit(bob, "meedoen") == "meedoen"
    assert ambition.commit(bob, "meebepalen") == "meebepalen"
    assert Commitment.objects.get(ambition=ambition, user=bob).level == "meebepalen"
    assert ambition.commit(bob, "meebepalen") == ""
    assert not Commitment.objects.filter(ambition=ambition, user=bob).exists()


def test_the_card_counts_each_level_and_names_the_people(network, ambition, bob, cora, client):
    ambition.commit(bob, "meedoen")
    ambition.commit(cora, "meedoen")
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    start = html.index(f'id="commitments-{ambition.pk}"')
    card = html[start : html.index("</details>", start)]
    assert 'value="meedoen"' in card
    assert 'aria-pressed="true"' in card  # Bob's own choice
    assert '<span class="level-count">2</span>' in card
    assert "<dt>meedoen</dt><dd>Bob, Cora</dd>" in card


def test_a_member_commits_through_the_view(network, ambition, bob, client):
    client.force_login(bob)
    response = _commit(client, network, ambition, "weten")
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#ambition-{ambition.pk}"
    assert Commitment.objects.get(user=bob).level == "weten"


def test_htmx_gets_the_commitments_fragment(network, ambition, bob, client):
    client.force_login(bob)
    html = _commit(client, network, ambition, "meedenken", headers=HX).content.decode()
    assert html.lstrip().startswith(f'<div class="commitments" id="commitments-{ambition.pk}"')
    assert "<html" not in html
    assert (
        f'id="commit-{ambition.pk}-meedenken" class="level level-meedenken" aria-pressed="true"'
        in html
    )
    get = client.get(f"/n/{network.slug}/ambities/{ambition.pk}/betrokkenheid/", headers=HX)
    assert get.status_code == 200 and 'aria-pressed="true"' in get.content.decode()


def test_an_unknown_level_is_refused(network, ambition, bob, client):
    client.force_login(bob)
    response = _commit(client, network, ambition, "misschien", headers=HX)
    assert response.status_code == 422
    assert "Kies weten, meedenken, meedoen of meebepalen." in response.content.decode()
    assert not Commitment.objects.exists()


def test_a_stranger_gets_a_404(network, ambition, charlie, client):
    client.force_login(charlie)
    assert _commit(client, network, ambition, "weten").status_code == 404
    assert not Commitment.objects.exists()


def test_forming_a_coalition_from_the_commitments(network, ambition):
    hsr = NetworkActor.objects.get(network=network, key="hsr")
    linge = NetworkActor.objects.get(network=network, key="linge")
    lead = participant(network, "Lotte", actor=hsr)
    doer = participant(network, "Daan", actor=linge)
    thinker = participant(
        network, "Tess", actor=NetworkActor.objects.get(network=network, key="roc")
    )
    knower = participant(network, "Wim")
    ambition.commit(lead, "meebepalen")
    ambition.commit(doer, "meedoen")
    ambition.commit(thinker, "meedenken")
    ambition.commit(knower, "weten")
    coalition = ambition.form_coalition()
    roles = dict(coalition.members.values_list("user__name", "role"))
    assert roles == {
        "Lotte": CoalitionRole.LEAD,
        "Daan": CoalitionRole.MEMBER,
        "Tess": CoalitionRole.INFORMED,
        "Wim": CoalitionRole.INFORMED,
    }
    assert set(coalition.core_partners.all()) == {hsr, linge}  # only those who do the work
    assert (coalition.ambition, coalition.name) == (ambition, ambition.title)


def test_forming_again_updates_the_coalition_with_whoever_committed_since(network, ambition):
    hsr = NetworkActor.objects.get(network=network, key="hsr")
    linge = NetworkActor.objects.get(network=network, key="linge")
    lotte = participant(network, "Lotte", actor=hsr)
    daan = participant(network, "Daan", actor=linge)
    tess, wim = participant(network, "Tess"), participant(network, "Wim")
    ambition.commit(lotte, "meedoen")
    ambition.commit(tess, "weten")
    first = ambition.form_coalition()
    count = Coalition.objects.count()
    ambition.commit(lotte, "meebepalen")  # raised: from doet mee to trekker
    ambition.commit(daan, "meedoen")  # new
    ambition.commit(wim, "meedenken")  # new
    second = ambition.form_coalition()
    assert second.pk == first.pk and Coalition.objects.count() == count
    assert second.name == ambition.title
    roles = dict(second.members.values_list("user__name", "role"))
    assert roles == {
        "Lotte": CoalitionRole.LEAD,
        "Daan": CoalitionRole.MEMBER,
        "Tess": CoalitionRole.INFORMED,
        "Wim": CoalitionRole.INFORMED,
    }
    assert set(second.core_partners.all()) == {hsr, linge}
    assert second.forming.created is False
    assert (second.forming.added, second.forming.raised) == (["Daan", "Wim"], ["Lotte"])


def test_forming_again_removes_nobody_and_says_who_lowered_their_commitment(
    network, ambition, bob, cora
):
    ambition.commit(bob, "meebepalen")
    ambition.commit(cora, "meedoen")
    coalition = ambition.form_coalition()
    ambition.commit(bob, "weten")  # lowered
    ambition.commit(cora, "meedoen")  # withdrawn (choosing it again takes it back)
    again = ambition.form_coalition()
    assert again.pk == coalition.pk
    roles = dict(again.members.values_list("user__name", "role"))
    assert roles == {str(bob): CoalitionRole.LEAD, str(cora): CoalitionRole.MEMBER}
    assert (again.forming.added, again.forming.raised) == ([], [])
    assert again.forming.lowered == [str(bob)]
    assert str(bob) in again.forming.sentence()


def test_forming_after_the_coalition_was_deleted_forms_a_new_one(network, ambition, bob):
    ambition.commit(bob, "meedoen")
    first = ambition.form_coalition()
    first.soft_delete()
    second = ambition.form_coalition()
    assert second.pk != first.pk and second.forming.created
    assert second.name == ambition.title


def test_without_people_who_do_the_work_no_coalition_forms(network, ambition, bob):
    ambition.commit(bob, "weten")
    count = Coalition.objects.count()
    with pytest.raises(ValidationError, match="Nog niemand wil meedoen of meebepalen"):
        ambition.form_coalition()
    assert Coalition.objects.count() == count


def test_only_facilitators_form_coalitions(network, ambition, alice, cora, bob, client):
    ambition.commit(bob, "meedoen")
    url = f"/n/{network.slug}/ambities/{ambition.pk}/coalitie-vormen/"
    count = Coalition.objects.count()
    for person in (cora, bob):
        client.force_login(person)
        assert client.post(url).status_code == 403
    assert Coalition.objects.count() == count
    client.force_login(alice)
    response = client.post(url, headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#band"
    coalition = Coalition.objects.get(name=ambition.title)
    assert f'id="coalition-{coalition.pk}"' in response.content.decode()
    assert client.get(url).status_code == 405


def test_pressing_coalitie_vormen_twice_makes_no_duplicate(network, ambition, alice, bob, client):
    ambition.commit(bob, "meedoen")
    url = f"/n/{network.slug}/ambities/{ambition.pk}/coalitie-vormen/"
    client.force_login(alice)
    assert client.post(url, headers=HX).status_code == 200
    count = Coalition.objects.count()
    cora = participant(network, "Cora Nieuw")
    ambition.commit(cora, "meebepalen")
    response = client.post(url, headers=HX)
    assert response.status_code == 200
    assert Coalition.objects.count() == count
    assert not Coalition.objects.filter(name=f"{ambition.title} (2)").exists()
    coalition = Coalition.objects.get(name=ambition.title)
    assert coalition.role_of(cora) == CoalitionRole.LEAD
    html = response.content.decode()
    start = html.index('class="band-notice"')
    notice = html[start : html.index("</p>", start)]
    assert "bijgewerkt" in notice and "Nieuw: Cora Nieuw." in notice  # who joined
    response = client.post(url)  # without JavaScript: a message on the board
    assert response.status_code == 302
    assert Coalition.objects.count() == count


def test_forming_without_doers_says_so_in_place(network, ambition, alice, client):
    client.force_login(alice)
    url = f"/n/{network.slug}/ambities/{ambition.pk}/coalitie-vormen/"
    response = client.post(url, headers=HX)
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == f"#commitments-{ambition.pk}"
    assert "Nog niemand wil meedoen of meebepalen" in response.content.decode()


def test_the_button_shows_for_facilitators_once_someone_does_the_work(
    network, ambition, alice, bob, client
):
    client.force_login(alice)
    assert "Coalitie vormen" not in client.get(f"/n/{network.slug}/").content.decode()
    ambition.commit(bob, "meedoen")
    assert "Coalitie vormen" in client.get(f"/n/{network.slug}/").content.decode()
    client.force_login(bob)
    assert "Coalitie vormen" not in client.get(f"/n/{network.slug}/").content.decode()
