"""Geometry for the server-rendered SVG charts: the radar chart and the network picture.

Templates draw the shapes; this module only works out where they go, so the charts need
no chart library and no script, and styling stays in CSS classes (strict CSP).
"""

from dataclasses import dataclass
from math import cos, pi, sin, sqrt


def _point(cx, cy, radius, angle):
    # Rounded here so templates print coordinates as they are (no per-number filters).
    return round(cx + radius * cos(angle), 1), round(cy + radius * sin(angle), 1)


def _anchor(x, cx):
    if x > cx + 1:
        return "start"
    if x < cx - 1:
        return "end"
    return "middle"


def _points(pairs):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs)


@dataclass(frozen=True)
class RadarAxis:
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class RadarSeries:
    css: str
    label: str
    points: str  # the polygon
    dots: list  # (x, y, value)
    whiskers: list  # (x1, y1, x2, y2): mean ± spread along the axis


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    cx: float
    cy: float
    axes: list
    rings: list  # (value, polygon points, label x, label y)
    series: list


def radar(labels, series, *, scale=5, radius=130, margin=105):
    """Return a Radar for values on 1..scale; `series` is [(css, label, values, spreads)].

    A value of None (too few answers) leaves its axis without a dot; the polygon joins
    the values that are there.
    """
    count = len(labels)
    width = int(2 * (radius + margin))
    height = int(2 * radius + 70)
    cx, cy = width / 2, radius + 35
    angles = [-pi / 2 + 2 * pi * i / count for i in range(count)]

    def at(value, angle):
        return _point(cx, cy, radius * max(0, min(value, scale)) / scale, angle)

    axes = []
    for label, angle in zip(labels, angles, strict=True):
        x, y = _point(cx, cy, radius, angle)
        lx, ly = _point(cx, cy, radius + 14, angle)
        axes.append(RadarAxis(str(label), x, y, lx, round(ly + 4, 1), _anchor(lx, cx)))
    rings = []
    for value in range(1, scale + 1):
        corners = [at(value, angle) for angle in angles]
        rings.append((value, _points(corners), cx + 5, round(cy - radius * value / scale + 4, 1)))
    drawn = []
    for css, label, values, spreads in series:
        spreads = spreads or [None] * count
        dots, whiskers = [], []
        for value, spread, angle in zip(values, spreads, angles, strict=True):
            if value is None:
                continue
            x, y = at(value, angle)
            dots.append((x, y, round(value, 2)))
            if spread:
                (x1, y1), (x2, y2) = at(value - spread, angle), at(value + spread, angle)
                whiskers.append((x1, y1, x2, y2))
        drawn.append(
            RadarSeries(css, str(label), _points((x, y) for x, y, _v in dots), dots, whiskers)
        )
    return Radar(width, height, cx, cy, axes, rings, drawn)


@dataclass(frozen=True)
class Node:
    id: int
    label: str
    short: str  # inside the circle: a number
    x: float
    y: float
    r: float
    css: str
    title: str
    label_x: float
    label_y: float
    anchor: str


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    css: str
    title: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: list
    edges: list
    named: bool  # names beside the circles; otherwise numbers and a legend


def _truncate(text, length=26):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def network_picture(nodes, edges, *, centre=None, width=760, height=520, named_up_to=12):
    """Return a Picture of networks as circles joined by lines as thick as their shared actors.

    `nodes` is [(id, name, number, size, css, title)], `edges` [(id, id, shared, css, title)].
    With `centre` that network sits in the middle and the others around it; otherwise all
    sit on one ring.
    """
    named = len(nodes) <= named_up_to
    cx, cy = width / 2, height / 2
    ring = min(width, height) / 2 - (95 if named else 40)
    biggest = max((size for _i, _n, _num, size, _c, _t in nodes), default=1) or 1
    heaviest = max((shared for _a, _b, shared, _c, _t in edges), default=1) or 1
    around = [node for node in nodes if node[0] != centre]
    places = {}
    for i, node in enumerate(around):
        places[node[0]] = -pi / 2 + 2 * pi * i / max(len(around), 1)
    drawn_nodes = []
    for node_id, name, number, size, css, title in nodes:
        r = round(12 + 26 * sqrt(size / biggest), 1)
        if node_id == centre or (centre is None and len(nodes) == 1):
            x, y, angle = cx, cy, pi / 2
            lx, ly, anchor = cx, round(cy + r + 18, 1), "middle"
        else:
            angle = places[node_id]
            x, y = _point(cx, cy, ring, angle)
            lx, ly = _point(cx, cy, ring + r + 10, angle)
            anchor = _anchor(lx, cx)
            ly = round(ly + 5, 1)
        drawn_nodes.append(
            Node(node_id, _truncate(name), str(number), x, y, r, css, title, lx, ly, anchor)
        )
    where = {node.id: node for node in drawn_nodes}
    drawn_edges = [
        Edge(
            where[a].x,
            where[a].y,
            where[b].x,
            where[b].y,
            round(1.5 + 12 * shared / heaviest, 1),
            css,
            title,
        )
        for a, b, shared, css, title in sorted(edges, key=lambda edge: edge[2])
        if a in where and b in where
    ]
    return Picture(width, height, drawn_nodes, drawn_edges, named)
