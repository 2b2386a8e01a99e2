"""Scan results against small cases worked out by hand, and the < 3 respondents rule."""

import pytest

from networks.insights import scans
from networks.insights.scans import KENMERKEN, SAMENWERKING


def test_the_scans_hold_the_statements_of_the_analysis():
    assert len(KENMERKEN.characteristics) == 7
    assert all(len(c.items) == 2 for c in KENMERKEN.characteristics)
    assert [c.title for c in SAMENWERKING.characteristics] == [
        "Motivatie",
        "Organisatie",
        "Interactie",
        "Realisatie",
    ]
    codes = KENMERKEN.item_codes + SAMENWERKING.item_codes
    assert len(codes) == len(set(codes))


def test_a_figure_has_mean_spread_and_distribution():
    figure = scans.summarise([2, 4, 4, 5])
    assert figure.mean == pytest.approx(3.75)
    # Deviations -1.75, .25, .25, 1.25: squares sum to 4.75, over 4 people.
    assert figure.spread == pytest.approx((4.75 / 4) ** 0.5)
    assert figure.counts == (0, 1, 0, 2, 1)
    assert figure.shown


def test_nothing_but_the_count_is_shown_for_two_answers():
    figure = scans.summarise([1, 5])
    assert (figure.n, figure.mean, figure.spread, figure.counts) == (2, None, None, ())
    assert not figure.shown


def test_three_answers_are_enough():
    assert scans.summarise([3, 3, 3]).shown


def test_a_wide_spread_is_called_divided():
    assert scans.summarise([1, 1, 5, 5]).divided  # spread 2
    assert not scans.summarise([3, 4, 4, 3]).divided  # spread 0.5


def answers(doel_1, doel_2):
    return {"doel-1": doel_1, "doel-2": doel_2}


def test_results_per_item_and_per_characteristic():
    result = scans.results(
        KENMERKEN, [answers(5, 3), answers(4, None), answers(1, 1), answers(None, None)]
    )
    assert result.respondents == 4
    item = result.items["doel-1"]
    assert (item.n, item.mean, item.dont_know) == (3, pytest.approx(10 / 3), 1)
    # doel-2 has only two numbers (3 and 1): not shown, though four people answered.
    assert not result.items["doel-2"].shown
    assert result.items["doel-2"].dont_know == 2
    # Per person: 4, 4 and 1 (the fourth person only said "weet ik niet").
    characteristic = result.characteristics["doel"]
    assert characteristic.n == 3
    assert characteristic.mean == pytest.approx(3)
    assert not result.characteristics["vertrouwen"].shown


def test_fewer_than_three_respondents_show_nothing_at_all():
    result = scans.results(KENMERKEN, [answers(5, 5), answers(1, 1)])
    assert result.respondents == 2
    assert not result.shown
    assert all(figure.n == 0 for figure in result.items.values())
    assert all(figure.dont_know == 0 for figure in result.items.values())
    assert all(not figure.shown for figure in result.characteristics.values())


def test_rows_compare_with_the_previous_run():
    before = scans.results(KENMERKEN, [answers(2, 2), answers(3, 3), answers(1, 1)])
    now = scans.results(KENMERKEN, [answers(4, 4), answers(3, 3), answers(5, 5)])
    first = now.rows(before)[0]
    assert first["characteristic"].code == "doel"
    assert first["change"] == pytest.approx(2)  # from 2 to 4
    assert now.rows(before)[1]["change"] is None  # no figures on "onderzoek"
    assert now.rows()[0]["change"] is None


def test_no_comparison_with_a_run_that_had_too_few_answers():
    before = scans.results(KENMERKEN, [answers(2, 2)])
    now = scans.results(KENMERKEN, [answers(4, 4), answers(3, 3), answers(5, 5)])
    row = now.rows(before)[0]
    assert (row["before"], row["change"]) == (None, None)


def test_combined_takes_each_persons_mean_over_several_characteristics():
    people = [
        {"vertrouwen-1": 5, "vertrouwen-2": 3, "eigenaarschap-1": 4},  # 4
        {"vertrouwen-1": 2, "eigenaarschap-2": 2},  # 2
        {"eigenaarschap-1": 3},  # 3
    ]
    figure = scans.combined(KENMERKEN, people, scans.COHESION_CHARACTERISTICS)
    assert figure.mean == pytest.approx(3)
    assert not scans.combined(KENMERKEN, people[:2], scans.COHESION_CHARACTERISTICS).shown
