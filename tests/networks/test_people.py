import re

from django.core import mail

from canvas.models import Note
from coalitions.models import Coalition, CoalitionMember
from networks.models import Activity, Membership, NetworkActor, User
from tests.conftest import make_user


def _url(network, suffix=""):
    return f"/n/{network.slug}/mensen/{suffix}"


def _membership(network, user):
    return Membership.objects.get(network=network, user=user)


def _update(client, network, membership, role, actor=""):
    prefix = f"m{membership.pk}"
    return client.post(
        _url(network, f"{membership.pk}/"), {f"{prefix}-role": role, f"{prefix}-actor": actor}
    )


def test_a_facilitator_sees_people_with_role_and_organisation(network, alice, cora, bob, client):
    hsr = NetworkActor.objects.get(network=network, key="hsr")
    Membership.objects.filter(user=bob).update(actor=hsr)
    client.force_login(alice)
    response = client.get(_url(network))
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("Alice", "Bob", "Cora"):
        assert name in body
    assert re.search(rf'<option value="{hsr.pk}" selected>Hogeschool Rivierenland', body)
    assert '<option value="coordinator" selected>coördinator</option>' in body


def test_the_page_takes_the_same_queries_for_many_people(
    network, alice, client, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(9):
        client.get(_url(network))
    for n in range(15):
        user = make_user(f"Persoon{n}")
        Membership.objects.create(network=network, user=user)
    with django_assert_max_num_queries(9):
        assert client.get(_url(network)).status_code == 200


def test_a_facilitator_changes_a_role_and_organisation(network, alice, bob, client):
    hsr = NetworkActor.objects.get(network=network, key="hsr")
    client.force_login(alice)
    response = _update(client, network, _membership(network, bob), "coordinator", hsr.pk)
    assert response.status_code == 302
    membership = _membership(network, bob)
    assert (membership.role, membership.actor) == ("coordinator", hsr)
    entry = Activity.objects.get(area="people", kind="person.changed")
    assert entry.sentence() == "Alice heeft de rol of organisatie van Bob gewijzigd"
    assert ("rol", "deelnemer", "coördinator") in entry.changes


def test_by_htmx_the_table_comes_back(network, alice, bob, client):
    client.force_login(alice)
    membership = _membership(network, bob)
    response = client.post(
        _url(network, f"{membership.pk}/"),
        {f"m{membership.pk}-role": "coordinator", f"m{membership.pk}-actor": ""},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="people"')
    assert "<html" not in body


def test_the_last_facilitator_cannot_be_demoted(network, alice, client):
    client.force_login(alice)
    response = _update(client, network, _membership(network, alice), "member")
    assert response.status_code == 422
    assert "laatste facilitator" in response.content.decode()
    assert _membership(network, alice).role == "facilitator"


def test_one_of_two_facilitators_may_step_down(network, alice, bob, client):
    Membership.objects.filter(user=bob).update(role="facilitator")
    client.force_login(alice)
    response = _update(client, network, _membership(network, alice), "member")
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/"
    assert _membership(network, alice).role == "member"


def test_a_guest_stays_a_member(network, alice, join_link, client):
    guest = User.objects.create_guest("Gijs")
    join_link.admit(guest)
    client.force_login(alice)
    response = _update(client, network, _membership(network, guest), "coordinator")
    assert response.status_code == 422
    assert "Een gast kan alleen deelnemer zijn" in response.content.decode()
    assert _membership(network, guest).role == "member"


def test_an_unknown_role_or_foreign_organisation_is_refused(network, alice, bob, client):
    from networks.models import Actor, Network

    other = Network.objects.create(name="Ander", slug="ander")
    foreign = NetworkActor.objects.create(
        network=other, actor=Actor.objects.create(name="Vreemd"), key="vreemd"
    )
    client.force_login(alice)
    membership = _membership(network, bob)
    assert _update(client, network, membership, "koning").status_code == 422
    assert _update(client, network, membership, "member", foreign.pk).status_code == 422
    assert _membership(network, bob).actor is None


def test_a_removed_person_loses_access_but_their_notes_stay(network, alice, bob, client):
    note = Note.objects.create(
        network=network, block="identity", prompt="passion", text="Van Bob", author=bob
    )
    coalition = Coalition.objects.filter(network=network).first()
    CoalitionMember.objects.create(coalition=coalition, user=bob)
    client.force_login(alice)
    membership = _membership(network, bob)
    page = client.get(_url(network, f"{membership.pk}/verwijderen/"))
    assert "Wat Bob schreef, blijft staan" in page.content.decode()
    assert Membership.objects.filter(user=bob).exists()  # asking changes nothing
    response = client.post(_url(network, f"{membership.pk}/verwijderen/"))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=bob).exists()
    assert not CoalitionMember.objects.filter(user=bob).exists()
    assert Note.objects.get(pk=note.pk).author == bob
    assert User.objects.filter(pk=bob.pk).exists()
    assert (
        Activity.objects.get(kind="person.removed").sentence()
        == "Alice heeft Bob uit het netwerk gehaald"
    )
    client.force_login(bob)
    assert client.get(f"/n/{network.slug}/").status_code == 404


def test_the_last_facilitator_cannot_be_removed(network, alice, client):
    client.force_login(alice)
    membership = _membership(network, alice)
    response = client.post(_url(network, f"{membership.pk}/verwijderen/"))
    assert response.status_code == 422
    assert "laatste facilitator" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_inviting_someone_new_mails_a_link_to_choose_a_password(network, alice, client, settings):
    settings.SITE_URL = "http://testserver"
    client.force_login(alice)
    data = {"email": "Nina@Example.org", "name": "Nina", "role": "coordinator"}
    response = client.post(_url(network, "uitnodigen/"), data)
    assert response.status_code == 302
    nina = User.objects.get(email="nina@example.org")
    assert not nina.has_usable_password()
    assert _membership(network, nina).role == "coordinator"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nina@example.org"]
    assert "Onderwijsregio Rivierenland" in message.subject
    path = re.search(r"http://testserver(/account/wachtwoord-instellen/\S+)", message.body)[1]
    page = client.get(path, follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "nina-haar-wachtwoord", "new_password2": "nina-haar-wachtwoord"},
    )
    nina.refresh_from_db()
    assert nina.check_password("nina-haar-wachtwoord")
    assert Activity.objects.get(kind="person.invited").sentence() == "Alice heeft Nina uitgenodigd"


def test_inviting_someone_with_an_account_adds_them_at_once(network, alice, charlie, client):
    client.force_login(alice)
    response = client.post(
        _url(network, "uitnodigen/"), {"email": "charlie@example.org", "role": "member"}
    )
    assert response.status_code == 302
    assert _membership(network, charlie).role == "member"
    assert f"/n/{network.slug}/" in mail.outbox[0].body


def test_inviting_a_member_again_or_without_a_name_is_refused(network, alice, bob, client):
    client.force_login(alice)
    response = client.post(
        _url(network, "uitnodigen/"), {"email": "bob@example.org", "role": "member"}
    )
    assert response.status_code == 422
    assert "Bob doet al mee in dit netwerk" in response.content.decode()
    response = client.post(
        _url(network, "uitnodigen/"),
        {"email": "nieuw@example.org", "role": "member"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<section id="invite"')
    assert "Vul een naam in" in response.content.decode()
    assert mail.outbox == []
    assert not User.objects.filter(email="nieuw@example.org").exists()


def test_only_facilitators_manage_people(network, cora, bob, charlie, client):
    membership = _membership(network, bob)
    for person, status in ((cora, 403), (bob, 403), (charlie, 404)):
        client.force_login(person)
        assert client.get(_url(network)).status_code == status
        assert _update(client, network, membership, "facilitator").status_code == status
        assert client.post(_url(network, f"{membership.pk}/verwijderen/")).status_code == status
        invite = {"email": "x@example.org", "name": "X", "role": "member"}
        assert client.post(_url(network, "uitnodigen/"), invite).status_code == status
    assert _membership(network, bob).role == "member"
    assert not User.objects.filter(email="x@example.org").exists()


def test_a_membership_of_another_network_is_not_found(network, alice, client):
    from networks.models import Network

    other = Network.objects.create(name="Ander", slug="ander")
    stranger = make_user("Stan")
    foreign = Membership.objects.create(network=other, user=stranger, role="facilitator")
    client.force_login(alice)
    assert _update(client, network, foreign, "member").status_code == 404
    assert client.post(_url(network, f"{foreign.pk}/verwijderen/")).status_code == 404
    assert Membership.objects.get(pk=foreign.pk).role == "facilitator"


def test_saving_an_unchanged_row_logs_nothing(network, alice, bob, client):
    client.force_login(alice)
    assert _update(client, network, _membership(network, bob), "member").status_code == 302
    assert not Activity.objects.filter(kind="person.changed").exists()
