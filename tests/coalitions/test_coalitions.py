from coalitions.models import Ambition, Coalition, CoalitionMember
from networks.models import Activity, Actor, Network, NetworkActor

HX = {"HX-Request": "true"}


def _partners(network, *keys):
    return [str(NetworkActor.objects.get(network=network, key=key).pk) for key in keys]


def _fields(network, **overrides):
    return {
        "name": "Techniekmiddag",
        "work_form": "evenement",
        "ambition": str(Ambition.objects.get(key="techniek").pk),
        "core_partners": _partners(network, "hsr", "roc"),
        "target_group": "Leraren techniek",
        "status": "idee",
        "character": "resultaat",
        "revision": "1",  # the revision an edit form started from (ignored when adding)
        **overrides,
    }


def test_a_member_creates_a_coalition_and_becomes_its_trekker(network, bob, client):
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/coalities/nieuw/", _fields(network))
    coalition = Coalition.objects.get(name="Techniekmiddag")
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#coalition-{coalition.pk}"
    assert coalition.ambition.key == "techniek"
    assert {p.key for p in coalition.core_partners.all()} == {"hsr", "roc"}
    assert (coalition.work_form, coalition.target_group, coalition.status, coalition.character) == (
        "evenement",
        "Leraren techniek",
        "idee",
        "resultaat",
    )
    assert list(coalition.members.values_list("user__name", "role")) == [("Bob", "trekker")]
    activity = Activity.objects.get(area="coalitions", kind="coalition.added")
    assert activity.after["core_partners"] == sorted(
        [
            str(Actor.objects.get(name="ROC Rivierenland")),
            str(Actor.objects.get(name__startswith="Hogeschool")),
        ]
    )


def test_htmx_gets_the_band_with_the_card_under_its_ambition(network, bob, client):
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/coalities/nieuw/", _fields(network), headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="band"')
    lane = html[html.index("Meer techniek in het onderwijs") :]
    assert "Techniekmiddag" in lane and "Jij bent trekker" in lane
    coalition = Coalition.objects.get(name="Techniekmiddag")
    # The keyboard focus lands on the new card, and only there.
    assert f'/coalities/{coalition.pk}/bewerken/#coalition-{coalition.pk}" autofocus' in html
    assert html.count(" autofocus") == 1


def test_new_outside_partners_are_added_on_the_spot(network, bob, client):
    client.force_login(bob)
    fields = _fields(network, new_partners="Bibliotheek Rivierenland\n\nroc rivierenland\n")
    client.post(f"/n/{network.slug}/coalities/nieuw/", fields)
    coalition = Coalition.objects.get(name="Techniekmiddag")
    library = NetworkActor.objects.get(network=network, actor__name="Bibliotheek Rivierenland")
    assert library.role == "" and library.key == "bibliotheek-rivierenland"
    assert set(coalition.core_partners.all()) == {
        library,
        *NetworkActor.objects.filter(key__in=["hsr", "roc"]),
    }
    assert Actor.objects.filter(name__iexact="ROC Rivierenland").count() == 1


def test_the_form_opens_in_the_lane_of_its_ambition(network, bob, client):
    ambition = Ambition.objects.get(key="techniek")
    client.force_login(bob)
    html = client.get(
        f"/n/{network.slug}/coalities/nieuw/?ambitie={ambition.pk}", headers=HX
    ).content.decode()
    assert 'id="coalition-form"' in html and "<html" not in html
    lane = html[html.index(f'id="ambition-{ambition.pk}"') :]
    assert lane.index('id="coalition-form"') < lane.index(
        "</article>", lane.index('id="coalition-form"')
    )
    assert f'<option value="{ambition.pk}" selected>' in html
    page = client.get(f"/n/{network.slug}/coalities/nieuw/?ambitie={ambition.pk}")
    assert page.status_code == 200 and "<html" in page.content.decode()


def test_a_foreign_ambition_in_the_link_is_404(network, bob, client):
    other = Network.objects.create(name="Ander", slug="ander")
    foreign = Ambition.objects.create(network=other, key="x", title="Niet van jou")
    client.force_login(bob)
    assert client.get(f"/n/{network.slug}/coalities/nieuw/?ambitie={foreign.pk}").status_code == 404


def test_bad_input_is_refused_with_messages_and_nothing_is_created(network, bob, client):
    other = Network.objects.create(name="Ander", slug="ander")
    foreign_actor = NetworkActor.objects.create(
        network=other, actor=Actor.objects.create(name="Vreemd"), key="vreemd"
    )
    foreign_ambition = Ambition.objects.create(network=other, key="x", title="Niet van jou")
    client.force_login(bob)
    cases = [
        ({"name": ""}, "Geef de coalitie een naam."),
        ({"name": "techniekdag"}, "Dit netwerk heeft al een coalitie met deze naam."),
        ({"work_form": "feestje"}, "Kies een werkvorm uit de lijst."),
        ({"status": "misschien"}, "Kies idee, actief of afgerond."),
        ({"ambition": str(foreign_ambition.pk)}, "Kies een ambitie van dit netwerk."),
        (
            {"core_partners": [str(foreign_actor.pk)]},
            "Kies kernpartners uit de actoren van dit netwerk.",
        ),
        ({"core_partners": ["abc"]}, "Kies kernpartners uit de actoren van dit netwerk."),
        ({"delivered": "x" * 5001}, "Hoogstens 5000 tekens; dit zijn er 5001."),
        ({"character": "feest"}, "Kies resultaat of kennis delen."),
        ({"starts_on": "1900-01-01"}, "Kies een datum tussen"),
        ({"ends_on": "morgen"}, "Vul een datum in, zoals 2027-03-14."),
        ({"new_partners": "y" * 201}, "is te lang: hoogstens 200 tekens per naam."),
    ]
    count = Coalition.objects.count()
    for overrides, message in cases:
        response = client.post(
            f"/n/{network.slug}/coalities/nieuw/", _fields(network, **overrides), headers=HX
        )
        assert response.status_code == 422, overrides
        assert message in response.content.decode(), overrides
    assert Coalition.objects.count() == count
    assert not NetworkActor.objects.filter(network=network, key__startswith="yyy").exists()


def test_a_participant_edits_their_coalition(network, bob, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="lid")
    client.force_login(bob)
    url = f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    fields = _fields(network, name="Techniekdag 2027", status="actief", ambition="")
    response = client.post(url, fields)
    coalition.refresh_from_db()
    assert response.status_code == 302
    assert (coalition.name, coalition.status, coalition.ambition, coalition.revision) == (
        "Techniekdag 2027",
        "actief",
        None,
        2,
    )
    activity = Activity.objects.get(area="coalitions", kind="coalition.edited")
    assert activity.before["name"] == "Techniekdag" and activity.after["name"] == "Techniekdag 2027"


def test_the_edit_form_opens_in_place_of_the_card(network, alice, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(alice)
    html = client.get(
        f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/", headers=HX
    ).content.decode()
    assert 'id="coalition-form"' in html and 'value="Techniekdag"' in html
    assert f'id="coalition-{coalition.pk}"' not in html  # the form replaced the card


def test_only_participants_and_those_who_run_the_network_edit_a_coalition(network, bob, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    url = f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    client.force_login(bob)
    assert client.get(url).status_code == 403
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="informed")
    assert client.post(url, _fields(network, name="Gekaapt")).status_code == 403
    coalition.refresh_from_db()
    assert coalition.name == "Techniekdag"


def test_a_coalition_of_another_network_is_404(network, alice, client):
    other = Network.objects.create(name="Ander", slug="ander")
    foreign = Coalition.objects.create(network=other, name="Niet van jou")
    client.force_login(alice)
    assert (
        client.post(
            f"/n/{network.slug}/coalities/{foreign.pk}/bewerken/", _fields(network)
        ).status_code
        == 404
    )


def test_a_stranger_gets_404(network, charlie, client):
    client.force_login(charlie)
    assert client.post(f"/n/{network.slug}/coalities/nieuw/", _fields(network)).status_code == 404
    assert client.get(f"/n/{network.slug}/coalities/", headers=HX).status_code == 404
    assert not Coalition.objects.filter(name="Techniekmiddag").exists()


def test_the_band_comes_back_for_cancel(network, bob, client):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/coalities/", headers=HX)
    assert response.status_code == 200 and "<html" not in response.content.decode()
    plain = client.get(f"/n/{network.slug}/coalities/")
    assert plain.status_code == 302 and plain.url.endswith("#band")
