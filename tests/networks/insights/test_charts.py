"""Where the radar chart and the network picture put their shapes."""

import pytest

from networks.insights import charts


def test_the_radar_puts_the_first_axis_straight_up():
    radar = charts.radar(["A", "B", "C", "D"], [("now", "nu", [5, 5, 5, 5], None)], radius=100)
    first = radar.axes[0]
    assert (first.x, first.y) == (radar.cx, radar.cy - 100)
    assert first.anchor == "middle"
    assert radar.axes[1].anchor == "start"  # right
    assert radar.axes[3].anchor == "end"  # left
    assert len(radar.rings) == 5


def test_a_value_sits_at_its_share_of_the_radius():
    radar = charts.radar(["A", "B", "C"], [("now", "nu", [2.5, None, 5], None)], radius=100)
    dots = radar.series[0].dots
    assert len(dots) == 2  # no dot without a value
    x, y, value = dots[0]
    assert (x, y, value) == (radar.cx, radar.cy - 50, 2.5)


def test_a_spread_draws_a_whisker_along_the_axis():
    radar = charts.radar(["A", "B", "C"], [("now", "nu", [3, 3, 3], [1, 0, None])], radius=100)
    assert len(radar.series[0].whiskers) == 1
    x1, y1, x2, y2 = radar.series[0].whiskers[0]
    assert (x1, x2) == (radar.cx, radar.cx)
    assert (y1, y2) == (radar.cy - 40, radar.cy - 80)


def test_circles_grow_with_the_actors_and_lines_with_the_shared_actors():
    nodes = [(1, "Groot", 1, 100, "", ""), (2, "Klein", 2, 25, "", ""), (3, "Ook", 3, 25, "", "")]
    edges = [(1, 2, 10, "link", ""), (1, 3, 5, "link", "")]
    picture = charts.network_picture(nodes, edges)
    sizes = {node.id: node.r for node in picture.nodes}
    assert sizes[1] == 38 and sizes[2] == 25  # 12 + 26 × √(share of the largest)
    widths = sorted(edge.width for edge in picture.edges)
    assert widths == [7.5, 13.5]
    assert picture.named


def test_the_centre_network_sits_in_the_middle_without_a_name():
    nodes = [(1, "Midden", "", 10, "", ""), (2, "Buur", 1, 10, "", "")]
    picture = charts.network_picture(nodes, [(1, 2, 3, "link", "")], centre=1)
    centre = next(node for node in picture.nodes if node.id == 1)
    assert (centre.x, centre.y) == (picture.width / 2, picture.height / 2)
    assert centre.lines == ()
    assert picture.counted


def test_many_networks_are_numbered_instead_of_named():
    nodes = [(n, f"Netwerk {n}", n, 5, "", "") for n in range(1, 15)]
    picture = charts.network_picture(nodes, [])
    assert not picture.named
    assert charts.pictures(nodes, []).key[0] == (1, "Netwerk 1")


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Onderwijsregio Rivierenland", ("Onderwijsregio", "Rivierenland")),
        ("Kort", ("Kort",)),
        (
            "Een heel lang netwerk met een naam van vele woorden",
            ("Een heel lang", "netwerk met een …"),
        ),
    ],
)
def test_names_wrap_over_at_most_two_lines(name, lines):
    assert charts.wrap(name) == lines
