"""Deleting ambitions and coalitions is soft: hidden everywhere, kept for the undo."""

import pytest
from django.core.exceptions import ValidationError

from canvas.records.interchange import export_network, fingerprint
from canvas.records.models import CanvasVersion
from canvas.workshops.models import Vote, Workshop
from coalitions.models import Ambition, Coalition, CoalitionMember


def _coalition(name="Techniekdag"):
    return Coalition.objects.get(name=name)


def test_a_deleted_coalition_is_gone_from_lists_but_kept(network):
    coalition = _coalition()
    coalition.soft_delete()
    assert coalition.is_deleted
    assert not Coalition.objects.filter(pk=coalition.pk).exists()
    assert coalition.name not in [c.name for c in network.coalitions.all()]
    assert Coalition.all_objects.get(pk=coalition.pk).deleted_at is not None


def test_a_deleted_coalition_leaves_the_actors_lists(network):
    coalition = _coalition()
    partner = coalition.core_partners.first()
    coalition.soft_delete()
    assert coalition not in partner.coalitions.all()


def test_restoring_brings_the_coalition_back_with_its_members(network, bob):
    coalition = _coalition()
    coalition.take_part(bob, "trekker")
    coalition.soft_delete()
    coalition.restore()
    coalition = Coalition.objects.get(pk=coalition.pk)
    assert coalition.deleted_at is None
    assert [m.user for m in coalition.members.all()] == [bob]


def test_a_deleted_name_is_free_and_a_restore_numbers_its_own(network):
    coalition = _coalition()
    coalition.soft_delete()
    Coalition.objects.create(network=network, name="techniekdag")
    coalition.restore()
    assert Coalition.objects.get(pk=coalition.pk).name == "Techniekdag (2)"


def test_a_coalition_whose_ambition_went_meanwhile_comes_back_without_one(network):
    coalition = _coalition()
    ambition = coalition.ambition
    coalition.soft_delete()
    ambition.soft_delete()
    coalition.restore()
    assert Coalition.objects.get(pk=coalition.pk).ambition is None


def test_an_ambition_with_living_coalitions_is_not_deleted(network):
    ambition = Ambition.objects.get(key="techniek")
    with pytest.raises(ValidationError) as refusal:
        ambition.soft_delete()
    assert "“Techniekdag”" in refusal.value.messages[0]
    assert Ambition.objects.filter(pk=ambition.pk).exists()


def test_an_ambition_whose_coalitions_are_deleted_may_go(network):
    ambition = Ambition.objects.get(key="techniek")
    _coalition().soft_delete()
    ambition.soft_delete()
    assert not network.ambitions.filter(pk=ambition.pk).exists()


def test_a_restored_ambition_gets_a_number_when_its_title_was_taken(network, bob):
    ambition = Ambition.objects.get(key="techniek")
    ambition.commit(bob, "meedoen")
    _coalition().soft_delete()
    ambition.soft_delete()
    Ambition.objects.create(
        network=network, key=Ambition.unique_key(network, ambition.title), title=ambition.title
    )
    ambition.restore()
    ambition = Ambition.objects.get(pk=ambition.pk)
    assert ambition.title.endswith("(2)")
    assert [c.user for c in ambition.commitments.all()] == [bob]


def test_a_new_ambition_never_takes_a_deleted_ones_key(network):
    ambition = Ambition.objects.get(key="techniek")
    _coalition().soft_delete()
    ambition.soft_delete()
    assert Ambition.unique_key(network, "Techniek") == "techniek-2"


def test_exports_and_their_fingerprint_leave_deleted_items_out(network):
    before = fingerprint(network)
    _coalition().soft_delete()
    Ambition.objects.get(key="techniek").soft_delete()
    document = export_network(network)
    assert "Techniekdag" not in [c["name"] for c in document["coalitions"]]
    assert "techniek" not in [a["key"] for a in document["ambitions"]]
    assert fingerprint(network) != before


def test_restoring_a_saved_version_brings_deleted_items_back(network, alice, bob):
    coalition = _coalition()
    coalition.take_part(bob, "trekker")
    version = CanvasVersion.save_current(network, alice, "Voor het opruimen")
    coalition.soft_delete()
    coalition.ambition.soft_delete()
    version.restore(alice)
    coalition = Coalition.objects.get(pk=coalition.pk)  # the same row: its people stay
    assert coalition.ambition.key == "techniek"
    assert list(CoalitionMember.objects.filter(coalition=coalition).values_list("role")) == [
        ("trekker",)
    ]


def test_a_version_saved_after_deleting_leaves_the_item_out(network, alice):
    _coalition().soft_delete()
    version = CanvasVersion.save_current(network, alice, "Na het opruimen")
    assert "Techniekdag" not in [c["name"] for c in version.document["coalitions"]]


def test_a_deleted_coalition_leaves_the_vote_and_its_dots_count_for_nobody(network, alice, bob):
    workshop = Workshop.objects.create(network=network, title="W", started_by=alice)
    vote = Vote.objects.create(workshop=workshop, target="coalitions")
    coalition = _coalition()
    vote.place(bob, coalition)
    coalition.soft_delete()
    assert coalition.pk not in vote.items().values_list("pk", flat=True)
    assert not vote.covers(coalition)
    assert vote.dots_of(bob) == {} and vote.totals() == {}
    with pytest.raises(ValidationError):
        vote.place(bob, coalition)
    coalition.restore()
    assert vote.dots_of(bob) == {coalition.pk: 1}


# Trekkers: a coalition always keeps one.


def test_a_member_becomes_trekker_and_steps_down_again(network, alice, bob):
    coalition = _coalition()
    coalition.take_part(alice, "trekker")
    member = coalition.take_part(bob, "lid")
    assert coalition.set_role(member, "trekker") is True
    assert coalition.set_role(member, "trekker") is False
    assert coalition.set_role(member, "lid") is True
    assert CoalitionMember.objects.get(pk=member.pk).role == "lid"


def test_the_last_trekker_cannot_step_down(network, alice, bob):
    coalition = _coalition()
    lead = coalition.take_part(alice, "trekker")
    coalition.take_part(bob, "lid")
    with pytest.raises(ValidationError) as refusal:
        coalition.set_role(lead, "lid")
    assert "Alice is de enige trekker" in refusal.value.messages[0]
    assert CoalitionMember.objects.get(pk=lead.pk).role == "trekker"


def test_the_last_trekker_cannot_leave_or_only_listen_while_others_remain(network, alice, bob):
    coalition = _coalition()
    coalition.take_part(alice, "trekker")
    coalition.take_part(bob, "lid")
    with pytest.raises(ValidationError):
        coalition.leave(alice)
    with pytest.raises(ValidationError):
        coalition.take_part(alice, "informed")
    assert coalition.role_of(alice) == "trekker"


def test_a_trekker_alone_may_still_leave(network, alice):
    coalition = _coalition()
    coalition.take_part(alice, "trekker")
    assert coalition.leave(alice) is True


def test_a_member_of_another_coalition_is_not_found(network, bob):
    other = _coalition("Startersnetwerk")
    member = other.take_part(bob, "lid")
    with pytest.raises(CoalitionMember.DoesNotExist):
        _coalition().set_role(member, "trekker")
