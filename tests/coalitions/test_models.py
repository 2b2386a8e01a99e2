import pytest
from django.db import IntegrityError, transaction

from coalitions.models import Ambition, Coalition, CoalitionMember


def test_coalition_names_are_unique_per_network_ignoring_case(network):
    Coalition.objects.create(network=network, name="Nieuwe coalitie")
    with pytest.raises(IntegrityError), transaction.atomic():
        Coalition.objects.create(network=network, name="nieuwe COALITIE")


def test_ambition_keys_and_titles_are_unique_per_network(network):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ambition.objects.create(network=network, key="starters", title="Iets anders")
    with pytest.raises(IntegrityError), transaction.atomic():
        Ambition.objects.create(network=network, key="iets", title="startende leraren behouden")


@pytest.mark.parametrize(("field", "value"), [("status", "misschien"), ("work_form", "feestje")])
def test_coalition_choices_are_enforced(network, field, value):
    with pytest.raises(IntegrityError):
        Coalition.objects.filter(network=network).update(**{field: value})


def test_a_coalition_defaults_to_idea_with_nobody_in_it(network):
    coalition = Coalition.objects.create(network=network, name="Leeg")
    assert coalition.status == "idee"
    assert not coalition.members.exists()
    assert not coalition.core_partners.exists()


def test_members_who_take_part_may_edit_the_informed_may_not(network, bob):
    coalition = Coalition.objects.get(name="Techniekdag")
    member = CoalitionMember.objects.create(coalition=coalition, user=bob)
    assert member.may_edit
    member.role = CoalitionMember.Role.INFORMED
    assert not member.may_edit
    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitionMember.objects.create(coalition=coalition, user=bob)


def test_deleting_an_ambition_keeps_its_coalitions(network):
    Ambition.objects.get(key="techniek").delete()
    assert Coalition.objects.get(name="Techniekdag").ambition is None
