"""The network-type suggestion, its warnings, and the 4C table."""

import pytest

from networks.insights import advice
from networks.insights.advice import CHAIN, GOALS, HIGH, INTERACTION, LEARNING, LOW, ORGANISATION
from networks.insights.scans import summarise


def test_the_type_most_answers_point_to_is_suggested():
    suggestion = advice.suggest_type(
        {"purpose": ORGANISATION, "dependence": ORGANISATION, "impact": CHAIN}
    )
    assert suggestion.network_type == ORGANISATION
    assert suggestion.votes == {ORGANISATION: 2, CHAIN: 1}
    assert suggestion.answered == 3


def test_one_answer_suggests_its_type():
    assert advice.suggest_type({"purpose": LEARNING, "impact": ""}).network_type == LEARNING


@pytest.mark.parametrize(
    "answers",
    [
        {"purpose": LEARNING, "dependence": CHAIN, "impact": ORGANISATION},
        {"purpose": LEARNING, "dependence": CHAIN},
        {},
    ],
)
def test_a_tie_or_no_answers_suggest_nothing(answers):
    assert advice.suggest_type(answers).network_type is None


def test_a_mismatch_with_the_recorded_type_is_a_warning():
    suggestion = advice.suggest_type({"purpose": ORGANISATION, "dependence": ORGANISATION})
    warnings = advice.type_warnings(LEARNING, suggestion, ["school", "gemeente"])
    assert len(warnings) == 1
    assert "lerend netwerk" in warnings[0].text
    assert "organisatienetwerk" in warnings[0].text
    assert advice.type_warnings(ORGANISATION, suggestion, ["school", "gemeente"]) == []
    assert advice.type_warnings("", suggestion, ["school", "gemeente"]) == []


def test_an_organisatienetwerk_of_one_kind_of_actor_is_a_warning():
    nothing = advice.suggest_type({})
    kinds = ["schoolbestuur", "Schoolbestuur ", "", "schoolbestuur"]
    warnings = advice.type_warnings(ORGANISATION, nothing, kinds)
    assert [w.title for w in warnings] == ["Alle partners zijn van één soort"]
    assert "3 actoren" in warnings[0].text
    assert advice.type_warnings(ORGANISATION, nothing, [*kinds, "gemeente"]) == []
    assert advice.type_warnings(LEARNING, nothing, kinds) == []
    assert advice.type_warnings(ORGANISATION, nothing, ["schoolbestuur"]) == []


@pytest.mark.parametrize(
    ("cohesion", "orientation", "role"),
    [
        (LOW, INTERACTION, "verbindend"),
        (LOW, GOALS, "consulterend"),
        (HIGH, INTERACTION, "coachend"),
        (HIGH, GOALS, "katalyserend"),
    ],
)
def test_the_4c_table(cohesion, orientation, role):
    assert advice.leadership_role(cohesion, orientation).code == role


def test_no_4c_role_without_both_judgements():
    assert advice.leadership_role(LOW, "") is None
    assert advice.leadership_role("", GOALS) is None


def test_cohesion_from_a_scan_is_high_from_three_and_a_half():
    assert advice.cohesion_from_scan(summarise([3, 4, 3.5])) == HIGH
    assert advice.cohesion_from_scan(summarise([3, 4, 3.4])) == LOW
    assert advice.cohesion_from_scan(summarise([5, 5])) is None  # too few people
    assert advice.cohesion_from_scan(None) is None


def test_orientation_follows_the_type():
    assert advice.orientation_from_type(LEARNING) == INTERACTION
    assert advice.orientation_from_type(CHAIN) == GOALS
    assert advice.orientation_from_type(ORGANISATION) == GOALS
    assert advice.orientation_from_type("") is None


def test_what_the_facilitator_entered_wins_over_the_data():
    assert advice.judge(HIGH, LOW, "scan") == advice.Judgement(HIGH, "facilitator")
    assert advice.judge("", LOW, "scan") == advice.Judgement(LOW, "scan")
    assert advice.judge("", None, "scan") == advice.Judgement(None, "")


def test_there_are_nine_factors_each_with_a_place_to_work_on_it():
    assert [f.number for f in advice.FACTORS] == list(range(1, 10))
    assert {f.where for f in advice.FACTORS} <= {
        "identity",
        "rules",
        "organisation",
        "leadership",
        "coalitions",
        "overlap",
        "scan",
    }
