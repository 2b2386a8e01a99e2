"""Actions: the next open one is the coalition's next step; contacts; Mijn coalities."""

import pytest
from django.core.exceptions import ValidationError

from coalitions.actions.models import Action, contacts, my_coalitions
from coalitions.models import Coalition, CoalitionMember
from networks import activity
from networks.models import Activity, Membership, Network
from tests.conftest import make_user

from .conftest import days, make_action


def test_the_next_step_is_the_next_open_action_by_date(coalition):
    Action.objects.filter(coalition=coalition).delete()
    make_action(coalition, "Zonder datum")
    make_action(coalition, "Later", due_on=days(20))
    make_action(coalition, "Eerst", due_on=days(2))
    coalition.refresh_from_db()
    assert coalition.next_step == "Eerst"
    Action.objects.get(title="Eerst").set_status("klaar")
    coalition.refresh_from_db()
    assert coalition.next_step == "Later"
    for action in Action.objects.filter(coalition=coalition):
        action.set_status("klaar")
    coalition.refresh_from_db()
    assert coalition.next_step == ""


def test_setting_a_status_logs_it_and_marks_when_it_was_done(coalition, bob):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    assert action.set_status("klaar", by=bob) is True
    assert action.done_at is not None and action.revision == 2
    assert action.set_status("klaar", by=bob) is False  # nothing to change
    entry = Activity.objects.get(kind="action.status")
    assert entry.params == {
        "subject": "Zaal boeken",
        "coalition": coalition.name,
        "status": "klaar",
    }
    said = activity.sentence(entry.kind, entry.params, entry.area, "Bob")
    assert (
        said
        == f"Bob heeft de actie “Zaal boeken” van de coalitie “{coalition.name}” op klaar gezet"
    )
    action.set_status("open", by=bob)
    assert action.done_at is None


def test_overdue_and_due_soon(coalition):
    late = make_action(coalition, "Te laat", due_on=days(-1))
    soon = make_action(coalition, "Bijna", due_on=days(3))
    far = make_action(coalition, "Ver weg", due_on=days(60))
    assert late.overdue and not late.due_soon
    assert soon.due_soon and not soon.overdue
    assert not far.due_soon and not far.overdue
    late.set_status("klaar")
    assert not late.overdue
    assert list(Action.objects.overdue()) == []


def test_an_end_before_the_start_is_refused_by_the_database(coalition):
    coalition.starts_on, coalition.ends_on = days(10), days(1)
    with pytest.raises(ValidationError):
        coalition.full_clean()


def test_addresses_show_only_to_partners_and_only_when_allowed(coalition, bob, alice, cora):
    bob.shows_email = True
    bob.save()
    coalition = Coalition.objects.prefetch_related("members__user").get(pk=coalition.pk)
    seen_by_alice = {c.name: c.email for c in contacts(coalition, alice)}
    assert seen_by_alice == {"Bob": "bob@example.org", "Alice": ""}  # alice did not allow it
    assert {c.email for c in contacts(coalition, cora)} == {""}  # cora is not in it
    assert [c.role for c in contacts(coalition, alice)] == ["trekker", "lid"]


def test_a_guest_s_address_is_never_shown_nor_shown_to_a_guest(coalition, network, alice):
    guest = make_user("Gast", is_guest=True)
    guest.email, guest.shows_email = None, True
    guest.save()
    Membership.objects.create(network=network, user=guest)
    CoalitionMember.objects.create(coalition=coalition, user=guest, role="lid")
    coalition = Coalition.objects.prefetch_related("members__user").get(pk=coalition.pk)
    assert {c.name: c.email for c in contacts(coalition, alice)}["Gast"] == ""
    assert {c.email for c in contacts(coalition, guest)} == {""}


def test_informed_people_are_no_contacts(coalition, cora):
    CoalitionMember.objects.create(coalition=coalition, user=cora, role="informed")
    coalition = Coalition.objects.prefetch_related("members__user").get(pk=coalition.pk)
    assert "Cora" not in [c.name for c in contacts(coalition, cora)]


def test_my_coalitions_across_networks_due_soon_first(coalition, network, bob):
    other = Network.objects.create(name="Tweede netwerk", slug="tweede")
    Membership.objects.create(network=other, user=bob)
    second = Coalition.objects.create(network=other, name="Snel")
    CoalitionMember.objects.create(coalition=second, user=bob, role="lid")
    Action.objects.filter(coalition=coalition).delete()
    make_action(coalition, "Over een maand", owner=bob, due_on=days(30))
    make_action(second, "Morgen", owner=bob, due_on=days(1))
    make_action(second, "Klaar", owner=bob, due_on=days(-3), status="klaar")
    mine, entries = my_coalitions(bob)
    assert [a.title for a in mine] == ["Morgen", "Over een maand"]
    assert [e.coalition.name for e in entries][:2] == ["Snel", coalition.name]
    assert entries[0].done_count == 1


def test_my_coalitions_leaves_out_deleted_coalitions_and_networks_one_left(coalition, network, bob):
    make_action(coalition, "Iets", owner=bob)
    coalition.soft_delete()
    assert my_coalitions(bob) == ([], [])
    coalition.restore()
    Membership.objects.filter(network=network, user=bob).delete()
    assert my_coalitions(bob) == ([], [])


def test_a_guest_whose_link_lapsed_sees_that_networks_coalitions_no_more(
    coalition, network, alice, join_link
):
    from networks.models import User

    guest = User.objects.create_guest("Gijs")
    join_link.admit(guest)
    CoalitionMember.objects.create(coalition=coalition, user=guest, role="lid")
    make_action(coalition, "Iets", owner=guest)
    assert [e.coalition for e in my_coalitions(guest)[1]] == [coalition]
    join_link.revoke()
    assert my_coalitions(guest) == ([], [])
