from coalitions.models import Coalition
from networks.models import Activity, Actor, Network, NetworkActor

HX = {"HX-Request": "true"}


def _url(network):
    return f"/n/{network.slug}/actoren/"


def test_members_see_the_actors_their_roles_and_coalitions(network, bob, client):
    client.force_login(bob)
    response = client.get(_url(network))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gemeente Tiel" in html and "periferie" in html and "kernpartner" in html
    roc = NetworkActor.objects.get(network=network, key="roc")
    row = html[html.index(f'id="actor-{roc.pk}"') :]
    row = row[: row.index('class="actor-row"')]
    assert "ROC Rivierenland" in row and "Zij-instroom Rivierenland" in row
    assert "/bewerken/" not in html and "Actor toevoegen" not in html


def test_the_list_renders_in_a_constant_number_of_queries(
    network, alice, client, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        client.get(_url(network))


def test_a_facilitator_adds_an_actor(network, alice, client):
    client.force_login(alice)
    response = client.post(
        _url(network), {"name": "Gemeente  Buren", "kind": "gemeente", "role": "periferie"}
    )
    added = NetworkActor.objects.get(network=network, actor__name="Gemeente Buren")
    assert response.status_code == 302 and response.url.endswith(f"#actor-{added.pk}")
    assert (added.role, added.key, added.actor.kind) == ("periferie", "gemeente-buren", "gemeente")
    assert Activity.objects.filter(area="actors", kind="actor.added").exists()


def test_htmx_gets_the_list_back(network, alice, client):
    client.force_login(alice)
    response = client.post(_url(network), {"name": "Gemeente Buren", "role": ""}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="actors"') and "Gemeente Buren" in html
    assert "buiten het netwerk" in html


def test_an_actor_known_elsewhere_is_linked_not_created_twice(network, alice, client):
    other = Network.objects.create(name="Ander", slug="ander")
    known = Actor.objects.create(name="Kennispunt Onderwijs")
    NetworkActor.objects.create(network=other, actor=known, key="kennispunt")
    client.force_login(alice)
    client.post(_url(network), {"name": "kennispunt onderwijs", "role": "deelnemer"})
    assert (
        NetworkActor.objects.get(
            network=network, role="deelnemer", key="kennispunt-onderwijs"
        ).actor
        == known
    )
    assert Actor.objects.filter(name__iexact="kennispunt onderwijs").count() == 1


def test_bad_input_is_refused(network, alice, client):
    client.force_login(alice)
    count = NetworkActor.objects.count()
    cases = [
        ({"name": "", "role": "deelnemer"}, "Geef de naam van de organisatie."),
        (
            {"name": "gemeente tiel", "role": "deelnemer"},
            "Deze organisatie staat al bij de actoren van dit netwerk.",
        ),
        (
            {"name": "Nieuw", "role": "baas"},
            "Kies kernpartner, deelnemer, periferie of buiten het netwerk.",
        ),
        ({"name": "x" * 201, "role": ""}, "Hoogstens 200 tekens; dit zijn er 201."),
    ]
    for fields, message in cases:
        response = client.post(_url(network), fields, headers=HX)
        assert response.status_code == 422
        assert message in response.content.decode()
    assert NetworkActor.objects.count() == count


def test_a_member_may_not_add_actors(network, bob, client):
    client.force_login(bob)
    assert client.post(_url(network), {"name": "Gemeente Buren", "role": ""}).status_code == 403
    assert not Actor.objects.filter(name="Gemeente Buren").exists()


def test_a_stranger_gets_404(network, charlie, client):
    client.force_login(charlie)
    assert client.get(_url(network)).status_code == 404
    assert client.post(_url(network), {"name": "X", "role": ""}).status_code == 404


def test_a_facilitator_edits_an_actors_name_kind_and_role(network, alice, client):
    tiel = NetworkActor.objects.get(network=network, key="tiel")
    client.force_login(alice)
    url = f"/n/{network.slug}/actoren/{tiel.pk}/bewerken/"
    assert "Gemeente Tiel" in client.get(url, headers=HX).content.decode()
    response = client.post(
        url, {"name": "Gemeente Tiel (onderwijs)", "kind": "gemeente", "role": "deelnemer"}
    )
    tiel.refresh_from_db()
    assert response.status_code == 302
    assert (tiel.actor.name, tiel.role, tiel.key) == (
        "Gemeente Tiel (onderwijs)",
        "deelnemer",
        "tiel",
    )
    activity = Activity.objects.get(area="actors", kind="actor.edited")
    assert activity.before == {"name": "Gemeente Tiel", "role": "periferie"}


def test_renaming_a_shared_actor_leaves_other_networks_alone(network, alice, client):
    tiel = NetworkActor.objects.get(network=network, key="tiel")
    other = Network.objects.create(name="Ander", slug="ander")
    NetworkActor.objects.create(network=other, actor=tiel.actor, key="tiel")
    client.force_login(alice)
    client.post(
        f"/n/{network.slug}/actoren/{tiel.pk}/bewerken/",
        {"name": "Tiel", "kind": "gemeente", "role": "periferie"},
    )
    tiel.refresh_from_db()
    assert tiel.actor.name == "Tiel"
    assert NetworkActor.objects.get(network=other).actor.name == "Gemeente Tiel"


def test_editing_keeps_the_actor_in_its_coalitions(network, alice, client):
    roc = NetworkActor.objects.get(network=network, key="roc")
    client.force_login(alice)
    client.post(
        f"/n/{network.slug}/actoren/{roc.pk}/bewerken/",
        {"name": "ROC Rivierenland", "kind": "mbo", "role": "kernpartner"},
    )
    assert roc in Coalition.objects.get(name="Zij-instroom Rivierenland").core_partners.all()


def test_editing_bad_input_or_as_a_member_changes_nothing(network, alice, bob, client):
    tiel = NetworkActor.objects.get(network=network, key="tiel")
    url = f"/n/{network.slug}/actoren/{tiel.pk}/bewerken/"
    client.force_login(alice)
    response = client.post(url, {"name": "ROC Rivierenland", "role": "periferie"}, headers=HX)
    assert response.status_code == 422
    assert "Deze organisatie staat al bij de actoren van dit netwerk." in response.content.decode()
    client.force_login(bob)
    assert client.post(url, {"name": "Gekaapt", "role": ""}).status_code == 403
    tiel.refresh_from_db()
    assert (tiel.actor.name, tiel.role) == ("Gemeente Tiel", "periferie")


def test_an_actor_of_another_network_is_404(network, alice, client):
    other = Network.objects.create(name="Ander", slug="ander")
    foreign = NetworkActor.objects.create(
        network=other, actor=Actor.objects.create(name="Vreemd"), key="v"
    )
    client.force_login(alice)
    assert (
        client.post(
            f"/n/{network.slug}/actoren/{foreign.pk}/bewerken/", {"name": "X", "role": ""}
        ).status_code
        == 404
    )
