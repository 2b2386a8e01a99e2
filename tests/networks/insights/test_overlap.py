"""The overlap figures against small cases worked out by hand."""

import pytest

from networks.insights import overlap

# Network 1 has a, b, c; network 2 has a, b; network 3 has c, d.
MEMBERS = {1: {"a", "b", "c"}, 2: {"a", "b"}, 3: {"c", "d"}}


def test_it_counts_the_networks_of_each_actor():
    counts = {actor: len(nets) for actor, nets in overlap.networks_of(MEMBERS).items()}
    assert counts == {"a": 2, "b": 2, "c": 2, "d": 1}


def test_a_pair_has_shared_actors_shares_and_jaccard():
    figures = overlap.pair(MEMBERS, 1, 2)
    assert figures.shared == 2
    assert figures.share == pytest.approx(2 / 3)
    assert figures.other_share == 1
    assert figures.jaccard == pytest.approx(2 / 3)

    figures = overlap.pair(MEMBERS, 1, 3)
    assert (figures.shared, figures.share, figures.other_share) == (1, 1 / 3, 1 / 2)
    assert figures.jaccard == pytest.approx(1 / 4)  # {c} of {a, b, c, d}


def test_networks_without_shared_actors_have_zero_figures():
    figures = overlap.pair({1: {"a"}, 2: {"b"}}, 1, 2)
    assert (figures.shared, figures.share, figures.jaccard) == (0, 0, 0)


def test_the_ontmoetingsgraad_counts_pairs_that_also_meet_elsewhere():
    # Of the pairs ab, ac, bc of network 1 only ab meets again (in network 2).
    result = overlap.meetings(MEMBERS, 1)
    assert (result.pairs, result.meeting_pairs) == (3, 1)
    assert result.degree == pytest.approx(1 / 3)
    # Network 3 holds only c of network 1: no pair meets there.
    assert result.per_network == {2: 1}
    assert result.spread == 1
    assert result.concentration == 1
    assert result.setting is overlap.GEDEELTELIJK


def test_a_pair_meeting_in_two_other_networks_counts_once():
    members = {1: {"a", "b", "c", "d"}, 2: {"a", "b", "c"}, 3: {"b", "c", "d"}}
    # ab ac bc from 2, bc bd cd from 3: five different pairs of the six.
    result = overlap.meetings(members, 1)
    assert result.meeting_pairs == 5
    assert result.degree == pytest.approx(5 / 6)
    assert result.per_network == {2: 3, 3: 3}
    assert result.spread == 2


def test_a_network_with_one_actor_has_no_ontmoetingsgraad_and_no_label():
    result = overlap.meetings({1: {"a"}, 2: {"a", "b"}}, 1)
    assert (result.pairs, result.degree, result.setting) == (0, None, None)


def test_an_empty_network_has_no_label():
    assert overlap.meetings({1: set()}, 1).setting is None


def test_a_network_alone_in_the_installation_has_weinig_overlap():
    result = overlap.meetings({1: {"a", "b", "c"}}, 1)
    assert (result.degree, result.spread, result.concentration) == (0, 0, None)
    assert result.setting is overlap.WEINIG


def test_just_below_a_fifth_is_weinig_and_exactly_a_fifth_is_gedeeltelijk():
    five = {"a", "b", "c", "d", "e"}  # ten pairs
    below = overlap.meetings({1: five, 2: {"a", "b"}, 3: {"c"}}, 1)
    assert below.degree == pytest.approx(0.1)
    assert below.setting is overlap.WEINIG

    tie = overlap.meetings({1: five, 2: {"a", "b"}, 3: {"c", "d"}}, 1)
    assert tie.degree == pytest.approx(0.2)
    assert tie.setting is overlap.GEDEELTELIJK


def test_exactly_six_tenths_concentrated_in_one_network_is_sterk():
    # abcd meet again in network 2: six of the ten pairs.
    result = overlap.meetings({1: {"a", "b", "c", "d", "e"}, 2: {"a", "b", "c", "d"}}, 1)
    assert result.degree == pytest.approx(0.6)
    assert result.concentration == 1
    assert result.setting is overlap.STERK


def test_high_overlap_spread_thin_over_many_networks_is_gedeeltelijk():
    # Each of the six pairs of abcd meets in its own other network: the top three
    # networks hold exactly half the meetings, which is not "most".
    actors = ["a", "b", "c", "d"]
    members = {0: set(actors)}
    pairs = [(x, y) for i, x in enumerate(actors) for y in actors[i + 1 :]]
    for number, (x, y) in enumerate(pairs, start=1):
        members[number] = {x, y}
    result = overlap.meetings(members, 0)
    assert result.degree == 1
    assert result.spread == 6
    assert result.top_networks == (1, 2, 3)  # a tie: the lowest ids first
    assert result.concentration == pytest.approx(0.5)
    assert result.setting is overlap.GEDEELTELIJK


def test_all_meetings_gives_every_network_its_figures():
    results = overlap.all_meetings(MEMBERS)
    assert results[2].degree == 1  # a and b meet again in network 1
    assert results[2].setting is overlap.STERK
    assert results[3].degree == 0  # c and d never meet elsewhere
    assert results[3].setting is overlap.WEINIG


def test_partners_names_only_visible_networks_and_counts_the_rest():
    members = {1: {"a", "b"}, 2: {"a"}, 3: {"b"}, 4: {"c"}}
    shown, hidden = overlap.partners(members, 1, visible={1, 2})
    assert [network for network, _figures in shown] == [2]
    assert hidden == 1  # network 3 shares b; network 4 shares nothing


def test_dakpan_partners_are_the_largest_shares_first():
    members = {1: {"a", "b", "c"}, 2: {"a"}, 3: {"a", "b", "c"}, 4: {"b", "c"}, 5: {"c"}}
    result = overlap.dakpan_partners(members, 1, visible={1, 2, 3, 4, 5}, limit=2)
    assert [network for network, _figures in result] == [3, 4]
