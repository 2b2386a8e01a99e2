"""Deleting (and undoing) ambitions and coalitions from the band, with htmx and without."""

import pytest

from canvas.live.events import broker
from coalitions.models import Ambition, Coalition
from networks.models import Activity, Network

HX = {"HX-Request": "true"}


@pytest.fixture
def coalition(network, bob):
    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.take_part(bob, "trekker")
    return coalition


def _url(thing, action):
    kind = "ambities" if isinstance(thing, Ambition) else "coalities"
    return f"/n/{thing.network.slug}/{kind}/{thing.pk}/{action}/"


def _alive(thing):
    return type(thing).objects.filter(pk=thing.pk).exists()


def test_its_trekker_deletes_a_coalition_and_gets_the_undo(
    coalition, bob, client, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(broker, "send", lambda *event: sent.append(event))
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(coalition, "verwijderen"), headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('\n<article class="coalition-card coalition-deleted"')
    assert "Verwijderd: “Techniekdag”" in html and "ongedaan maken" in html
    assert _url(coalition, "terugzetten") in html
    assert not _alive(coalition)
    assert Activity.objects.filter(kind="coalition.deleted", params__subject="Techniekdag")
    assert sent[0][2]["keys"] == ["band", f"coalition-{coalition.pk}"]


def test_without_javascript_the_board_offers_the_undo(coalition, bob, client):
    client.force_login(bob)
    response = client.post(_url(coalition, "verwijderen"))
    assert response.status_code == 302
    assert response.url == f"/n/{coalition.network.slug}/?verwijderd=coalitie-{coalition.pk}#undo"
    html = client.get(response.url).content.decode()
    assert 'class="undo-bar"' in html and "Verwijderd: “Techniekdag”" in html
    assert f'action="{_url(coalition, "terugzetten")}"' in html
    assert 'id="coalition-' + str(coalition.pk) + '"' not in html


def test_the_undo_bar_is_only_for_whoever_may_undo(coalition, alice, network, client):
    from tests.conftest import make_user

    coalition.soft_delete()
    board = f"/n/{network.slug}/"
    client.force_login(alice)
    assert "undo-bar" in client.get(f"{board}?verwijderd=coalitie-{coalition.pk}").content.decode()
    for junk in ("coalitie-x", "ambitie-999999", "iets-1", f"coalitie-{coalition.pk + 999}"):
        assert "undo-bar" not in client.get(f"{board}?verwijderd={junk}").content.decode()
    erin = make_user("Erin")
    network.memberships.create(user=erin)
    client.force_login(erin)
    assert (
        "undo-bar" not in client.get(f"{board}?verwijderd=coalitie-{coalition.pk}").content.decode()
    )


def test_undo_brings_the_coalition_back_on_the_band(coalition, bob, client):
    client.force_login(bob)
    client.post(_url(coalition, "verwijderen"), headers=HX)
    response = client.post(_url(coalition, "terugzetten"), headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="band" id="band"')
    assert f'id="coalition-{coalition.pk}"' in html and "coalition-deleted" not in html
    assert _alive(coalition)
    assert Activity.objects.filter(kind="coalition.restored").count() == 1


def test_undo_without_javascript_goes_back_to_the_card(coalition, bob, client):
    coalition.soft_delete()
    client.force_login(bob)
    response = client.post(_url(coalition, "terugzetten"))
    assert response.status_code == 302 and response.url.endswith(f"#coalition-{coalition.pk}")
    assert _alive(coalition)


@pytest.mark.parametrize("who", ["alice", "cora"])
def test_facilitators_and_coordinators_delete_any_coalition(coalition, who, client, request):
    client.force_login(request.getfixturevalue(who))
    assert client.post(_url(coalition, "verwijderen")).status_code == 302
    assert not _alive(coalition)


def test_one_who_only_takes_part_may_not_delete(coalition, network, client):
    from tests.conftest import make_user

    dana = make_user("Dana")
    network.memberships.create(user=dana)
    coalition.take_part(dana, "lid")
    client.force_login(dana)
    assert client.post(_url(coalition, "verwijderen"), headers=HX).status_code == 403
    assert _alive(coalition)
    coalition.soft_delete()
    assert client.post(_url(coalition, "terugzetten"), headers=HX).status_code == 403
    assert not _alive(coalition)


def test_strangers_and_other_networks_get_404(coalition, charlie, bob, client):
    client.force_login(charlie)
    assert client.post(_url(coalition, "verwijderen")).status_code == 404
    client.force_login(bob)
    other = Network.objects.create(name="Ander netwerk", slug="ander")
    other.memberships.create(user=bob, role="facilitator")
    assert client.post(f"/n/ander/coalities/{coalition.pk}/verwijderen/").status_code == 404
    assert _alive(coalition)


def test_deleting_takes_a_post(coalition, bob, client):
    client.force_login(bob)
    assert client.get(_url(coalition, "verwijderen")).status_code == 405
    assert _alive(coalition)


def test_deleting_twice_changes_nothing_more(coalition, bob, client):
    client.force_login(bob)
    client.post(_url(coalition, "verwijderen"), headers=HX)
    assert client.post(_url(coalition, "verwijderen"), headers=HX).status_code == 200
    assert Activity.objects.filter(kind__endswith=".deleted").count() == 1


def test_the_edit_form_offers_delete_to_whoever_may(coalition, bob, network, client):
    client.force_login(bob)
    html = client.get(_url(coalition, "bewerken"), headers=HX).content.decode()
    assert f'formaction="{_url(coalition, "verwijderen")}"' in html
    from tests.conftest import make_user

    dana = make_user("Dana")
    network.memberships.create(user=dana)
    coalition.take_part(dana, "lid")
    client.force_login(dana)
    html = client.get(_url(coalition, "bewerken"), headers=HX).content.decode()
    assert "Coalitie bewerken" in html and _url(coalition, "verwijderen") not in html


# Ambitions


@pytest.fixture
def own_ambition(network, bob):
    return Ambition.objects.create(
        network=network, key="eigen", title="Samen opleiden", created_by=bob, position=9
    )


def test_its_author_deletes_an_ambition_and_undoes_it(own_ambition, bob, client):
    client.force_login(bob)
    response = client.post(_url(own_ambition, "verwijderen"), headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<article class="lane lane-deleted"' in html and "Verwijderd: “Samen opleiden”" in html
    assert not _alive(own_ambition)
    assert "Samen opleiden" not in client.get(f"/n/{own_ambition.network.slug}/").content.decode()
    response = client.post(_url(own_ambition, "terugzetten"), headers=HX)
    assert response.status_code == 200 and "Samen opleiden" in response.content.decode()
    assert _alive(own_ambition)
    kinds = Activity.objects.filter(area="ambitions").values_list("kind", flat=True)
    assert sorted(kinds) == ["ambition.deleted", "ambition.restored"]


def test_an_ambition_deleted_without_javascript_gets_the_undo_bar(own_ambition, bob, client):
    client.force_login(bob)
    response = client.post(_url(own_ambition, "verwijderen"))
    assert response.url.endswith(f"?verwijderd=ambitie-{own_ambition.pk}#undo")
    html = client.get(response.url).content.decode()
    assert "Verwijderd: “Samen opleiden”" in html
    assert f'action="{_url(own_ambition, "terugzetten")}"' in html


def test_an_ambition_with_coalitions_stays_and_says_which(network, cora, client):
    ambition = Ambition.objects.get(key="techniek")
    client.force_login(cora)
    response = client.post(_url(ambition, "verwijderen"), headers=HX)
    html = response.content.decode()
    assert response.status_code == 409
    assert response["HX-Retarget"] == "#band"
    assert "Deze ambitie heeft nog coalities: “Techniekdag”" in html
    assert 'id="ambition-form"' in html  # its form stays open
    assert _alive(ambition) and not Activity.objects.filter(kind__endswith=".deleted")


def test_the_refusal_without_javascript_shows_the_board_with_the_reason(network, alice, client):
    ambition = Ambition.objects.get(key="techniek")
    client.force_login(alice)
    response = client.post(_url(ambition, "verwijderen"))
    assert response.status_code == 409
    assert "Deze ambitie heeft nog coalities" in response.content.decode()
    assert _alive(ambition)


def test_another_member_may_not_delete_an_ambition(own_ambition, network, client):
    from tests.conftest import make_user

    erin = make_user("Erin")
    network.memberships.create(user=erin)
    client.force_login(erin)
    assert client.post(_url(own_ambition, "verwijderen")).status_code == 403
    assert _alive(own_ambition)


def test_a_stranger_cannot_tell_the_ambition_exists(own_ambition, charlie, client):
    client.force_login(charlie)
    assert client.post(_url(own_ambition, "verwijderen")).status_code == 404
    assert client.post(_url(own_ambition, "terugzetten")).status_code == 404
    assert _alive(own_ambition)


def test_deleted_items_leave_the_band_fragment_and_the_coalition_form(coalition, bob, client):
    client.force_login(bob)
    ambition = coalition.ambition
    coalition.soft_delete()
    ambition.soft_delete()
    band = client.get(f"/n/{coalition.network.slug}/coalities/", headers=HX).content.decode()
    assert "Techniekdag" not in band and ambition.title not in band
    form = client.get(f"/n/{coalition.network.slug}/coalities/nieuw/", headers=HX)
    assert ambition.title not in form.content.decode()
