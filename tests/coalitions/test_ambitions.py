from coalitions.models import Ambition
from networks.models import Activity

HX = {"HX-Request": "true"}


def test_a_member_adds_an_ambition(network, bob, client):
    client.force_login(bob)
    response = client.post(
        f"/n/{network.slug}/ambities/nieuw/", {"title": "Samen opleiden", "description": "Meer"}
    )
    ambition = Ambition.objects.get(title="Samen opleiden")
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#ambition-{ambition.pk}"
    assert (ambition.key, ambition.created_by, ambition.network) == ("samen-opleiden", bob, network)
    assert ambition.position > Ambition.objects.exclude(pk=ambition.pk).latest("position").position
    assert Activity.objects.filter(area="ambitions", kind="ambition.added").exists()


def test_htmx_gets_the_band_with_the_new_ambition_as_an_open_invitation(network, bob, client):
    client.force_login(bob)
    response = client.post(
        f"/n/{network.slug}/ambities/nieuw/", {"title": "Samen opleiden"}, headers=HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="band" id="band"')
    assert "Samen opleiden" in html and "Open uitnodiging" in html
    assert "<html" not in html


def test_the_form_opens_in_the_band_or_on_the_board(network, bob, client):
    client.force_login(bob)
    fragment = client.get(f"/n/{network.slug}/ambities/nieuw/", headers=HX).content.decode()
    assert 'id="ambition-form"' in fragment and "<html" not in fragment
    page = client.get(f"/n/{network.slug}/ambities/nieuw/").content.decode()
    assert 'id="ambition-form"' in page and "<html" in page


def test_a_duplicate_or_empty_title_is_refused(network, bob, client):
    client.force_login(bob)
    count = Ambition.objects.count()
    response = client.post(
        f"/n/{network.slug}/ambities/nieuw/", {"title": "STARTENDE leraren behouden"}, headers=HX
    )
    assert response.status_code == 422
    assert "Dit netwerk heeft al een ambitie met deze titel." in response.content.decode()
    response = client.post(f"/n/{network.slug}/ambities/nieuw/", {"title": ""})
    assert response.status_code == 422
    assert "Geef de ambitie een titel." in response.content.decode()
    response = client.post(f"/n/{network.slug}/ambities/nieuw/", {"title": "x" * 201})
    assert response.status_code == 422
    assert "Hoogstens 200 tekens; dit zijn er 201." in response.content.decode()
    assert Ambition.objects.count() == count


def test_the_creator_may_edit_their_ambition(network, bob, client):
    client.force_login(bob)
    client.post(f"/n/{network.slug}/ambities/nieuw/", {"title": "Samen opleiden"})
    ambition = Ambition.objects.get(title="Samen opleiden")
    response = client.post(
        f"/n/{network.slug}/ambities/{ambition.pk}/bewerken/",
        {"title": "Samen beter opleiden", "revision": 1},
    )
    ambition.refresh_from_db()
    assert response.status_code == 302
    assert (ambition.title, ambition.key, ambition.revision) == (
        "Samen beter opleiden",
        "samen-opleiden",
        2,
    )
    activity = Activity.objects.get(area="ambitions", kind="ambition.edited")
    assert activity.before == {"title": "Samen opleiden"}


def test_a_member_may_not_edit_an_ambition_they_did_not_create(network, bob, client):
    ambition = Ambition.objects.get(key="starters")
    client.force_login(bob)
    url = f"/n/{network.slug}/ambities/{ambition.pk}/bewerken/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "Gekaapt"}).status_code == 403
    ambition.refresh_from_db()
    assert ambition.title == "Startende leraren behouden"


def test_a_coordinator_edits_any_ambition_and_keeps_its_title_unique(network, cora, client):
    ambition = Ambition.objects.get(key="starters")
    client.force_login(cora)
    url = f"/n/{network.slug}/ambities/{ambition.pk}/bewerken/"
    assert (
        client.post(url, {"title": "Startende leraren behouden", "revision": 1}).status_code == 302
    )
    response = client.post(
        url, {"title": "Meer techniek in het onderwijs", "revision": 2}, headers=HX
    )
    assert response.status_code == 422
    assert 'id="ambition-form"' in response.content.decode()
    ambition.refresh_from_db()
    assert ambition.title == "Startende leraren behouden"


def test_an_ambition_of_another_network_is_404(network, alice, client):
    from networks.models import Network

    other = Network.objects.create(name="Ander", slug="ander")
    foreign = Ambition.objects.create(network=other, key="x", title="Niet van jou")
    client.force_login(alice)
    assert (
        client.post(
            f"/n/{network.slug}/ambities/{foreign.pk}/bewerken/", {"title": "y"}
        ).status_code
        == 404
    )


def test_a_stranger_gets_404(network, charlie, client):
    client.force_login(charlie)
    assert client.post(f"/n/{network.slug}/ambities/nieuw/", {"title": "x"}).status_code == 404
    assert not Ambition.objects.filter(title="x").exists()
