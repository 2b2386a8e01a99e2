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


def radar(labels, series, *, scale=5, radius=150, margin=130):
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
    lines: tuple  # the name, wrapped over at most two lines
    short: str  # inside the circle: a number, or ""
    x: float
    y: float
    r: float
    css: str
    title: str
    label_x: float
    label_y: float  # the baseline of the first line
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
    count: int  # shown at the middle of the line
    mx: float
    my: float


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: list
    edges: list
    named: bool  # names beside the circles; otherwise numbers and a legend
    counted: bool  # the number of shared actors on each line


LINE_HEIGHT = 17


def wrap(text, width=18, count=2):
    """Return `text` over at most `count` lines of about `width` characters."""
    lines = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > count:
        lines = lines[:count]
        lines[-1] += " …"
    # A long single word (Samenwerkingsverband) may stick out a little.
    return tuple(line if len(line) <= width + 4 else line[: width + 3] + "…" for line in lines)


def network_picture(nodes, edges, *, centre=None, width=760, height=540, named_up_to=12):
    """Return a Picture of networks as circles joined by lines as thick as their shared actors.

    `nodes` is [(id, name, number, size, css, title)], `edges` [(id, id, shared, css, title)].
    With `centre` that network sits in the middle and the others around it; otherwise all
    sit on one ellipse, leaving room at the sides for the names.
    """
    named = len(nodes) <= named_up_to
    cx, cy = width / 2, height / 2
    rx = width / 2 - (190 if named else 45)
    ry = height / 2 - (80 if named else 45)
    biggest = max((node[3] for node in nodes), default=1) or 1
    heaviest = max((edge[2] for edge in edges), default=1) or 1
    around = [node[0] for node in nodes if node[0] != centre]
    angles = {
        node_id: -pi / 2 + 2 * pi * i / max(len(around), 1) for i, node_id in enumerate(around)
    }
    drawn_nodes = []
    for node_id, name, number, size, css, title in nodes:
        r = round(12 + 26 * sqrt(size / biggest), 1)
        # The centre needs no name (the page says what it is); lines would cross it.
        lines = wrap(name) if node_id != centre else ()
        if node_id not in angles:  # the centre, or a lone network
            x, y = round(cx, 1), round(cy, 1)
            lx, ly, anchor = x, round(cy + r + LINE_HEIGHT, 1), "middle"
        else:
            angle = angles[node_id]
            x, y = round(cx + rx * cos(angle), 1), round(cy + ry * sin(angle), 1)
            dx, dy = cos(angle), sin(angle)
            lx = round(x + dx * (r + 8), 1)
            anchor = _anchor(lx, x) if abs(dx) > 0.3 else "middle"
            if dy < -0.7:  # above the circle: the last line ends just above it
                ly = y - r - 8 - (len(lines) - 1) * LINE_HEIGHT
            elif dy > 0.7:  # below the circle
                ly = y + r + LINE_HEIGHT
            else:  # beside it, centred on its middle
                ly = y + 5 - (len(lines) - 1) * LINE_HEIGHT / 2
            ly = round(ly, 1)
        drawn_nodes.append(Node(node_id, lines, str(number), x, y, r, css, title, lx, ly, anchor))
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
            shared,
            round((where[a].x + where[b].x) / 2, 1),
            round((where[a].y + where[b].y) / 2, 1),
        )
        for a, b, shared, css, title in sorted(edges, key=lambda edge: edge[2])
        if a in where and b in where
    ]
    counted = centre is not None or len(nodes) <= 6
    return Picture(width, height, drawn_nodes, drawn_edges, named, counted)


@dataclass(frozen=True)
class Pictures:
    """The same picture twice: named for wide screens, numbered for phones (CSS picks one)."""

    wide: Picture
    narrow: Picture
    key: list  # (number, name) of the numbered circles, for the legend under the picture


def pictures(nodes, edges, *, centre=None, named_up_to=12):
    return Pictures(
        network_picture(nodes, edges, centre=centre, named_up_to=named_up_to),
        network_picture(nodes, edges, centre=centre, width=420, height=420, named_up_to=0),
        [(node[2], node[1]) for node in nodes if node[2]],
    )
