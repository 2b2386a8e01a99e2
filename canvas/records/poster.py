"""Printable posters of a canvas (A3–A0, landscape) and A4 coalition sheets.

Both are drawn from a `netwerkcanvas/1` document, so the live canvas and a saved version
print alike and the document's hash keys the cache. WeasyPrint lays the poster out on
one fixed page: every block is a box of known size whose type is chosen to fill it,
between readable limits; what still does not fit moves to continuation pages that the
block points to. Rendering takes seconds of CPU: call it from sync code only.
"""

import contextlib
import hashlib
import json
import math
import threading
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from canvas.models import NoteStatus
from canvas.prompts import AMBITIONS_TITLE, COALITIONS_BLOCK, IDENTITY, LEADERSHIP, ORGANISATION
from canvas.prompts import RULES as RULES_BLOCK
from canvas.records.interchange import export_network, fingerprint
from coalitions.models import CoalitionStatus, WorkForm
from networks.models import ActorRole, NetworkType

# Landscape page sizes in mm.
SIZES = {"A3": (420, 297), "A2": (594, 420), "A1": (841, 594), "A0": (1189, 841)}
DEFAULT_SIZE = "A1"
A4 = (210, 297)

PT = 25.4 / 72  # mm per point
PX = 25.4 / 96  # mm per CSS px, the unit of WeasyPrint's layout
CHAR_EM = 0.45  # average advance of Source Sans 3 in em (0.43 measured on Dutch notes)
LINE = 1.22  # line height in em
FILL = 0.97  # the share of a region the estimate may fill (it is within a few per cent)
CACHE_ALIAS = "posters"


# ---------------------------------------------------------------------------
# What the poster shows: regions of items, built from the document


@dataclass
class Item:
    """One card on the poster: a note, a rule, an ambition or a coalition."""

    kind: str
    text: str
    n: int = 0  # index within its region, to find it in the layout
    author: str = ""
    votes: int = 0
    status: str = ""
    status_label: str = ""
    description: str = ""
    fields: list = field(default_factory=list)  # (label, value) lines of a card
    _measured: list | None = field(default=None, repr=False, compare=False)

    def paragraphs(self):
        """Return (text, relative size, bold) of each paragraph, to estimate its height."""
        big = 1.08 if self.kind in ("ambition", "coalition") else 1.0
        title = self.text + (f" {self.status_label}" if self.kind == "coalition" else "")
        lines = [(title, big, self.kind in ("ambition", "coalition"))]
        if self.description:
            lines.append((self.description, 0.86, False))
        lines += [(f"{label}: {value}", 0.82, False) for label, value in self.fields]
        if self.author or self.votes or self.kind == "rule":
            meta = f"✓ {self.status_label} {self.author} · {self.votes} stemmen"
            # A rule's status badge (padding, border) makes its line a little taller.
            lines.append((meta, 0.8 if self.kind == "rule" else 0.74, False))
        return lines

    def measured(self):
        """Return each paragraph as (word widths in em, space width, size), computed once."""
        if self._measured is None:
            self._measured = [
                (words, space, size)
                for text, size, bold in self.paragraphs()
                for words, space in word_widths(text, bold)
            ]
        return self._measured


@dataclass
class Group:
    """A prompt with its guiding questions and its items; ambitions and coalitions have one."""

    slug: str
    title: str = ""
    questions: str = ""
    items: list = field(default_factory=list)
    more: int = 0  # how many of its items continue on a later page


@dataclass
class Region:
    """A box on the poster whose type size is fitted to its content."""

    key: str
    block: str  # the block's colour
    title: str
    question: str
    groups: list
    # Layout, set by the fitter (mm and pt).
    x: float = 0
    y: float = 0
    w: float = 0
    h: float = 0
    fs: float = 0
    cols: int = 1
    title_h: float = 0  # the height of the block's title (mm)
    small_pt: float = 0  # the least size of secondary text (pt)
    cut: int | None = None  # items from this index on continue on later pages
    continues_on: int | None = None  # the page where they continue

    @property
    def items(self):
        return [item for group in self.groups for item in group.items]

    def small(self, ratio):
        """Return the size (pt) of secondary text at `ratio` of the type, never too small."""
        return round(max(self.fs * ratio, self.small_pt), 2)

    @property
    def small_sizes(self):
        return {
            "questions": self.small(0.78),
            "meta": self.small(0.74),
            "field": self.small(0.82),
            "desc": self.small(0.86),
            "more": self.small(0.85),
        }

    @property
    def card_width(self):
        """Return the width of a card as a percentage of the row, for `cols` columns."""
        return f"calc({100 / self.cols:.4f}% - .4em)"

    def shown(self):
        """Return the groups with the items that fit on the poster page."""
        if self.cut is None:
            return self.groups
        return [
            Group(
                g.slug,
                g.title,
                g.questions,
                [i for i in g.items if i.n < self.cut],
                more=sum(1 for i in g.items if i.n >= self.cut),
            )
            for g in self.groups
        ]

    def continued(self):
        """Return the groups with the items that continue on later pages."""
        if self.cut is None:
            return []
        groups = [
            Group(g.slug, g.title, g.questions, [i for i in g.items if i.n >= self.cut])
            for g in self.groups
        ]
        return [g for g in groups if g.items]

    def weight(self):
        """Return roughly how much room the content needs, in characters."""
        characters = sum(
            60 + sum(len(text) for text, *_ in item.paragraphs()) for item in self.items
        )
        return characters + 120 * len(self.groups)


def _note_item(note, block):
    if isinstance(note, str):
        note = {"text": note}
    status = note.get("status", "voorstel") if block.has_status else ""
    return Item(
        kind="rule" if block.has_status else "note",
        text=note["text"],
        author=note.get("author", ""),
        votes=note.get("votes", 0),
        status=status,
        status_label=str(NOTE_STATUSES.get(status, "")),
    )


def _prompt_groups(document, block, prompts=None):
    notes = document.get(block.slug, {})
    groups = []
    for prompt in prompts or block.prompts:
        groups.append(
            Group(
                prompt.slug,
                str(prompt.title),
                " ".join(str(q) for q in prompt.questions),
                [_note_item(note, block) for note in notes.get(prompt.slug, [])],
            )
        )
    return groups


def _coalition_lookups(document):
    actors = {actor["key"]: actor for actor in document.get("actors", [])}
    ambitions = {ambition["key"]: ambition for ambition in document.get("ambitions", [])}
    return actors, ambitions


NOTE_STATUSES = dict(NoteStatus.choices)
WORK_FORMS = dict(WorkForm.choices)
COALITION_STATUSES = dict(CoalitionStatus.choices)
ACTOR_ROLES = dict(ActorRole.choices)


def _coalition_item(coalition, actors, ambitions):
    partners = ", ".join(
        actors[key]["name"] for key in coalition.get("core_partners", []) if key in actors
    )
    ambition = ambitions.get(coalition.get("ambition"))
    fields = [
        (_("Werkvorm"), WORK_FORMS.get(coalition.get("work_form", ""), "")),
        (_("Ambitie"), ambition["title"] if ambition else ""),
        (_("Kernpartners"), partners),
        (_("Doelgroep"), coalition.get("target_group", "")),
        (_("Volgende stap"), coalition.get("next_step", "")),
    ]
    status = coalition.get("status", "idee")
    return Item(
        kind="coalition",
        text=coalition["name"],
        status=status,
        status_label=str(COALITION_STATUSES.get(status, status)),
        fields=[(str(label), str(value)) for label, value in fields if value],
    )


def _ambition_item(ambition, coalitions):
    names = [c["name"] for c in coalitions if c.get("ambition") == ambition["key"]]
    value = ", ".join(names) if names else _("nog geen — open uitnodiging")
    return Item(
        kind="ambition",
        text=ambition["title"],
        description=ambition.get("description", ""),
        fields=[(str(_("Coalities")), str(value))],
    )


def build_regions(document):
    """Return the poster's regions, keyed by name, with their items numbered."""
    actors, ambitions = _coalition_lookups(document)
    coalitions = document.get("coalitions", [])
    regions = [
        Region(
            "rules",
            "rules",
            str(RULES_BLOCK.title),
            str(RULES_BLOCK.question),
            _prompt_groups(document, RULES_BLOCK),
        ),
        *[
            Region(
                f"identity-{prompt.slug}",
                "identity",
                "",
                "",
                _prompt_groups(document, IDENTITY, [prompt]),
            )
            for prompt in IDENTITY.prompts
        ],
        Region(
            "organisation",
            "organisation",
            str(ORGANISATION.title),
            str(ORGANISATION.question),
            _prompt_groups(document, ORGANISATION),
        ),
        Region(
            "leadership",
            "leadership",
            str(LEADERSHIP.title),
            str(LEADERSHIP.question),
            _prompt_groups(document, LEADERSHIP),
        ),
        Region(
            "ambitions",
            "ambitions",
            str(AMBITIONS_TITLE),
            str(_("Wat willen we samen bereiken?")),
            [Group("ambitions", items=[_ambition_item(a, coalitions) for a in ambitions.values()])],
        ),
        Region(
            "coalitions",
            "coalitions",
            str(COALITIONS_BLOCK.title),
            str(COALITIONS_BLOCK.question),
            [
                Group(
                    "coalitions",
                    items=[_coalition_item(c, actors, ambitions) for c in coalitions],
                )
            ],
        ),
    ]
    for region in regions:
        for n, item in enumerate(region.items):
            item.n = n
    return {region.key: region for region in regions}


# ---------------------------------------------------------------------------
# Geometry: where each region sits on the page, in mm


@dataclass
class Format:
    """A poster size: its page, its scale relative to A1, and its type limits in pt."""

    name: str
    width: float
    height: float

    @property
    def k(self):
        return self.width / SIZES["A1"][0]

    @property
    def root_pt(self):
        """Return the size (pt) that rem lengths follow: 10 pt on A1."""
        return round(10 * self.k, 3)

    @property
    def min_fs(self):
        # Readable from the distance one reads a sheet of this size (6 pt on A3 in hand).
        return round(max(6, 8 * math.sqrt(self.k)), 2)

    @property
    def max_fs(self):
        return round(18 * self.k, 2)

    @property
    def small_pt(self):
        """Return the least size (pt) of secondary text: questions, authors, card fields."""
        return round(max(5, 6 * math.sqrt(self.k)), 2)

    @property
    def footer_pt(self):
        return round(max(6, 10 * self.k), 2)


def _split(weights, base, low, high, density):
    """Return shares (summing to 1) between the base design and the content's weights.

    A sparse canvas keeps the canvas's familiar proportions (`base`); the denser it is,
    the more each part gets the room its content needs, within `low`..`high`.
    """
    total = sum(weights) or 1
    shares = [b * (1 - density) + w / total * density for b, w in zip(base, weights, strict=True)]
    for _round in range(4):
        clamped = [min(high, max(low, share)) for share in shares]
        free = [i for i, share in enumerate(clamped) if low < share < high]
        excess = sum(clamped) - 1
        if abs(excess) < 1e-9 or not free:
            shares = clamped
            break
        room = sum(clamped[i] for i in free)
        shares = [
            share - excess * share / room if i in free else share for i, share in enumerate(clamped)
        ]
    return shares


def layout(regions, fmt):
    """Place the regions on the page: three columns above, a band of cards below."""
    k = fmt.k
    margin, gap = 12 * k, 5 * k
    header, footer = 30 * k, 9 * k
    x0, y0 = margin, margin + header + gap
    width = fmt.width - 2 * margin
    height = fmt.height - 2 * margin - header - footer - 2 * gap

    # How full the canvas is: its characters against what fits at a comfortable size.
    comfortable = 12 * k * PT
    capacity = width * height / (CHAR_EM * LINE * comfortable**2) * 0.6
    weight = {key: region.weight() for key, region in regions.items()}
    density = min(1.0, sum(weight.values()) / capacity)

    identity = [weight[f"identity-{p.slug}"] for p in IDENTITY.prompts]
    top = [weight["rules"], sum(identity) * 1.1, weight["organisation"] + weight["leadership"]]
    band = weight["ambitions"] + weight["coalitions"]
    _top_share, band_share = _split([sum(top), band], [0.7, 0.3], 0.2, 0.8, density)
    band_share = min(band_share, 0.5)
    band_h = height * band_share
    top_h = height - band_h - gap

    columns = _split(top, [0.265, 0.47, 0.265], 0.2, 0.5, density)
    side_l, centre_w, side_r = (share * (width - 2 * gap) for share in columns)
    rules = regions["rules"]
    rules.x, rules.y, rules.w, rules.h = x0, y0, side_l, top_h

    # Identity: a frame with its title, around the four connections two by two.
    id_title, inset = 17 * k, 4 * k
    ix = x0 + side_l + gap
    passion, ambition, position, style = identity
    col = _split([passion + position, ambition + style], [0.5, 0.5], 0.3, 0.7, density)[0]
    row = _split([passion + ambition, position + style], [0.5, 0.5], 0.3, 0.7, density)[0]
    inner_w, inner_h = centre_w - 2 * inset - gap, top_h - id_title - inset - gap
    widths, heights = (inner_w * col, inner_w * (1 - col)), (inner_h * row, inner_h * (1 - row))
    for i, prompt in enumerate(IDENTITY.prompts):
        quadrant = regions[f"identity-{prompt.slug}"]
        quadrant.x = ix + inset + (i % 2) * (widths[0] + gap)
        quadrant.y = y0 + id_title + (i // 2) * (heights[0] + gap)
        quadrant.w, quadrant.h = widths[i % 2], heights[i // 2]

    org, lead = regions["organisation"], regions["leadership"]
    share = _split([weight["organisation"], weight["leadership"]], [0.5, 0.5], 0.25, 0.75, density)
    rx = ix + centre_w + gap
    org.x, org.y, org.w, org.h = rx, y0, side_r, (top_h - gap) * share[0]
    lead.x, lead.y, lead.w = rx, y0 + org.h + gap, side_r
    lead.h = top_h - org.h - gap

    amb, coal = regions["ambitions"], regions["coalitions"]
    by = y0 + top_h + gap
    amb_share = _split([weight["ambitions"], weight["coalitions"]], [0.36, 0.64], 0.2, 0.6, density)
    amb.x, amb.y, amb.w, amb.h = x0, by, (width - gap) * amb_share[0], band_h
    coal.x, coal.y, coal.h = x0 + amb.w + gap, by, band_h
    coal.w = width - amb.w - gap
    for region in regions.values():
        region.title_h = 38 * PT * k if region.title else 0
        region.small_pt = fmt.small_pt
    # Continuation pages: cards about as wide as on the poster, in as many columns as fit.
    cont_cols = max(2, int(width // (fmt.min_fs * PT * 16)))
    return {
        "identity": {"x": ix, "y": y0, "w": centre_w, "h": top_h, "title_h": id_title},
        "cont_card": f"calc({100 / cont_cols:.4f}% - .4em)",
        "header_h": header,
        "footer_h": footer,
        "margin": margin,
        "density": density,
    }


# ---------------------------------------------------------------------------
# Fitting: choose each region's type size, estimate first and measure after


def _max_columns(region, fs):
    """Return how many columns of cards fit at size `fs`: cards at least ~14 em wide."""
    em = fs * PT
    per = 22 if region.key in ("ambitions", "coalitions") else 14
    return max(1, int((region.w - em) // (per * em)))


FONT_FILES = {
    False: ("source-sans-3-latin-400-normal.ttf", "source-sans-3-latin-ext-400-normal.ttf"),
    True: ("source-sans-3-latin-700-normal.ttf", "source-sans-3-latin-ext-700-normal.ttf"),
}


@cache
def _advances(bold):
    """Return the advance of each character of the text face, in em (the real metrics)."""
    from fontTools.ttLib import TTFont

    advances = {}
    for name in FONT_FILES[bold]:
        font = TTFont(finders.find(f"fonts/{name}"), lazy=True)
        units, metrics = font["head"].unitsPerEm, font["hmtx"].metrics
        for codepoint, glyph in font.getBestCmap().items():
            advances.setdefault(codepoint, metrics[glyph][0] / units)
    return advances


def word_widths(text, bold=False):
    """Return each line of `text` (it keeps its line breaks) as (word widths, space), in em."""
    advances = _advances(bold)
    space = advances.get(32, 0.2)
    # Characters the face lacks (emoji, symbols) come from a fallback font: about 1 em.
    return [
        ([sum(advances.get(ord(c), 1.0) for c in word) for word in line.split()] or [0], space)
        for line in text.split("\n")
    ]


def _lines(words, space, width):
    """Return how many lines the words take when wrapped at `width` (em), as the browser does."""
    lines, x = 1, 0.0
    for word in words:
        if x and x + space + word <= width:
            x += space + word
            continue
        if x:
            lines += 1
        x = word
        while x > width > 0:  # a word longer than the line breaks (overflow-wrap)
            lines, x = lines + 1, x - width
    return lines


def estimate_height(region, fs, cols, cut=None):
    """Return an estimate, in mm, of the height the region's content needs at size `fs`.

    With `cut`, only the items before it count, plus the line saying where the rest goes.
    """
    em = fs * PT
    height = region.title_h + 1.0 * em  # the title and the region's padding
    inner = region.w - 1.0 * em
    card_w = (inner - (cols - 1) * 0.4 * em) / cols - 0.9 * em

    def rel(size):
        # Secondary text never gets smaller than the format's least size.
        return max(size, region.small_pt / fs) if region.small_pt else size

    for group in region.groups:
        if group.title:
            height += 1.05 * em * 1.2 + 0.3 * em
        if group.questions:
            q = rel(0.78)
            [(words, space)] = word_widths(group.questions)
            height += _lines(words, space, inner / (q * em)) * q * em * 1.25 + 0.25 * em
        items = [item for item in group.items if cut is None or item.n < cut]
        if len(items) < len(group.items):
            height += 0.85 * em * LINE + 0.2 * em  # "+ 3 op pagina 2"
        rows = [items[i : i + cols] for i in range(0, len(items), cols)]
        for row in rows:
            tallest = 0
            for item in row:
                h = 0.6 * em
                for words, space, size in item.measured():
                    size = rel(size) if size < 1 else size
                    h += _lines(words, space, card_w / (size * em)) * size * em * LINE
                tallest = max(tallest, h)
            height += tallest + 0.4 * em
        height += 0.6 * em
    return height


def _largest_fs(region, fmt, cols):
    """Return the largest size (pt) at which `cols` columns are estimated to fit."""

    def fits(fs):
        return estimate_height(region, fs, cols) <= region.h * FILL

    low, high = fmt.min_fs, min(fmt.max_fs, _fs_for_columns(region, cols))
    if high <= low or fits(high):
        return max(low, high)
    for _step in range(10):
        mid = (low + high) / 2
        low, high = (mid, high) if fits(mid) else (low, mid)
    return math.floor(low * 100) / 100  # rounding up could tip it over


def _fs_for_columns(region, cols):
    """Return the largest size (pt) at which `cols` columns are still wide enough."""
    per = 22 if region.key in ("ambitions", "coalitions") else 14
    return region.w / ((cols * per + 1) * PT)


def choose_size(region, fmt):
    """Return (type size, columns) with the largest type estimated to fit the region.

    Fewer, wider columns win a near tie: they read better than many narrow ones.
    """
    best = (fmt.min_fs, _max_columns(region, fmt.min_fs))
    for cols in range(1, _max_columns(region, fmt.min_fs) + 1):
        fs = _largest_fs(region, fmt, cols)
        if fs > best[0] * 1.04:
            best = (fs, cols)
    return best


def estimate_cut(region, factor=1.0, below=None):
    """Return the index of the first item that will not fit at the region's size, or None.

    `factor` corrects the estimate by what the layout measured; `below` bounds the
    answer, so each correction moves at least one more item on.
    """

    def fits(cut):
        return estimate_height(region, region.fs, region.cols, cut) * factor <= region.h * FILL

    if below is None and fits(None):
        return None
    low, high = 0, len(region.items) if below is None else below  # low fit, high does not
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if fits(mid) else (low, mid)
    return low


@dataclass
class Measure:
    """What the layout did with one region: the height it needed and where its items ended."""

    needed: float = 0
    available: float = 0
    bottoms: dict = field(default_factory=dict)  # item index -> bottom (px from region top)

    @property
    def fits(self):
        # Positions are in CSS px; allow a third of a millimetre for rounding.
        return self.needed * PX <= self.available * PX + 0.3


def _walk(box):
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def measure(page, regions):
    """Return a Measure for each region of the laid-out poster page."""
    found = {}
    for box in _walk(page._page_box):
        element = getattr(box, "element", None)
        if element is None or box.element_tag == "" or not hasattr(box, "height"):
            continue
        key = element.get("data-region")
        if key and key not in found and box.style["position"] == "absolute":
            top = box.content_box_y()
            bottom = max(
                (child.position_y + child.margin_height() for child in box.children),
                default=top,
            )
            result = Measure(needed=bottom - top, available=box.height)
            for inner in _walk(box):
                n = getattr(inner, "element", None) is not None and inner.element.get("data-n")
                if n and n.isdigit() and int(n) not in result.bottoms:
                    result.bottoms[int(n)] = inner.position_y + inner.margin_height() - top
            found[key] = result
    measures = {}
    for key, region in regions.items():
        result = found.get(key, Measure())
        shown = [item.n for item in region.items if region.cut is None or item.n < region.cut]
        if any(n not in result.bottoms for n in shown):
            # Items the layout dropped at the page's edge: certainly too much.
            result.needed = max(result.needed, result.available * 1.2)
        measures[key] = result
    return measures


# ---------------------------------------------------------------------------
# Rendering


def _fetcher():
    # Posters read our own files (the stylesheet's fonts) and never the network.
    return URLFetcher(allowed_protocols={"file"})


class _Stylesheets:
    """Parsed poster stylesheets with their fonts, lent to one render at a time.

    Parsing the CSS and loading its fonts costs ~0.2 s, so they are kept and reused. A
    font configuration is not safe to share between threads at once, and under ASGI each
    request runs in a thread of its own: a lock-guarded pool lends each render its own.
    """

    def __init__(self):
        self._idle, self._lock = [], threading.Lock()

    @contextlib.contextmanager
    def lend(self):
        with self._lock:
            pair = self._idle.pop() if self._idle else None
        if pair is None:
            fonts = FontConfiguration()
            css = CSS(
                filename=finders.find("css/poster.css"), font_config=fonts, url_fetcher=_fetcher()
            )
            pair = (css, fonts)
        try:
            yield pair
        finally:
            with self._lock:
                self._idle.append(pair)


_stylesheets = _Stylesheets()


def _render(template, context, style):
    css, fonts = style
    html = render_to_string(template, context)
    base = str(settings.BASE_DIR / "static")
    return HTML(string=html, base_url=base, url_fetcher=_fetcher()).render(
        stylesheets=[css], font_config=fonts
    )


def _when_text(when):
    return formats.date_format(timezone.localtime(when), "j F Y")


def _network_type(network):
    """Return the network's type as the reader's language names it ("" without one)."""
    value = network.get("network_type", "")
    return str(dict(NetworkType.choices).get(value, value))


def _poster_context(document, regions, fmt, geometry, label, when, part):
    return {
        "part": part,  # "poster" (the one big page) or "continuation" (the pages after)
        "network": document["network"],
        "network_type": _network_type(document["network"]),
        "fmt": fmt,
        "regions": regions,
        "geometry": geometry,
        "identity_block": IDENTITY,
        "label": label,
        "when": _when_text(when),
        "continued": [r for r in regions.values() if r.cut is not None],
    }


def _shrink(region, result, fmt):
    """Return a smaller size for an overflowing region, from how much it overflowed."""
    ratio = result.available / max(result.needed, 1)
    return max(fmt.min_fs, round(region.fs * min(0.97, math.sqrt(ratio) * 0.98), 2))


def _cut(region, result, urgency=1):
    """Move more items to the continuation pages, by how far the layout overflowed.

    Each later pass moves a little more than measured, so the fitting always ends.
    """
    factor = result.needed * PX / estimate_height(region, region.fs, region.cols, region.cut)
    factor = max(factor, 1.0) * 1.05 ** (urgency - 1)
    region.cut = estimate_cut(region, factor, below=region.cut or len(region.items))


def _continuation_pages(document, regions, fmt, geometry, label, when, style):
    """Lay out the continuation pages; note on each region the page its rest starts on."""
    doc = _render(
        "records/poster.html",
        _poster_context(document, regions, fmt, geometry, label, when, "continuation"),
        style,
    )
    for number, page in enumerate(doc.pages, start=2):
        for key, region in regions.items():
            if f"cont-{key}" in page.anchors and region.continues_on is None:
                region.continues_on = number
    return doc


@dataclass
class Fitted:
    """A laid-out poster: its big page, its continuation pages, and how it got there."""

    page: object  # weasyprint.Document of one page
    continuation: object  # weasyprint.Document, or None when everything fits
    regions: dict
    measures: dict
    passes: int

    @property
    def fits(self):
        return all(result.fits for result in self.measures.values())

    def pdf(self):
        pages = self.page.pages[:1] + (self.continuation.pages if self.continuation else [])
        return self.page.copy(pages).write_pdf()


MAX_PASSES = 10


def fit_poster(document, size=DEFAULT_SIZE, *, label="", when=None, style=None):
    """Lay the poster out until every region fits: shrink its type, then continue it.

    The estimate usually fits at once. The big page and the continuation pages are two
    documents: as one, WeasyPrint would lay the big page out again and again to resolve
    the page numbers between them. `style` is a (stylesheet, fonts) pair lent by
    `_stylesheets`; keep it until the PDF is written (render_poster does).
    """
    if style is None:
        with _stylesheets.lend() as style:
            return fit_poster(document, size, label=label, when=when, style=style)
    fmt = Format(size, *SIZES[size])
    when = when or timezone.now()
    regions = build_regions(document)
    geometry = layout(regions, fmt)
    for region in regions.values():
        region.fs, region.cols = choose_size(region, fmt)
        region.cut = estimate_cut(region)

    continuation, stale = None, True
    for passes in range(1, MAX_PASSES + 1):
        if stale:
            continuation = None
            for region in regions.values():
                region.continues_on = None
            if any(region.cut is not None for region in regions.values()):
                continuation = _continuation_pages(
                    document, regions, fmt, geometry, label, when, style
                )
        stale = False
        page = _render(
            "records/poster.html",
            _poster_context(document, regions, fmt, geometry, label, when, "poster"),
            style,
        )
        measures = measure(page.pages[0], regions)
        overflowing = [
            (regions[key], result) for key, result in measures.items() if not result.fits
        ]
        if not overflowing or passes == MAX_PASSES:
            break
        for region, result in overflowing:
            if region.fs > fmt.min_fs and passes < MAX_PASSES // 2:
                region.fs = _shrink(region, result, fmt)
                region.cols = min(_max_columns(region, region.fs), max(region.cols, 1))
            else:
                region.fs, region.cols = fmt.min_fs, _max_columns(region, fmt.min_fs)
                _cut(region, result, urgency=passes)
                stale = True
    return Fitted(page, continuation, regions, measures, passes)


def render_poster(document, size=DEFAULT_SIZE, *, label="", when=None):
    """Return the PDF (bytes) of the document's poster, and how many layouts it took."""
    with _stylesheets.lend() as style:
        fitted = fit_poster(document, size, label=label, when=when, style=style)
        return fitted.pdf(), fitted.passes


# ---------------------------------------------------------------------------
# Coalition sheets: one A4 page per coalition


def coalition_sheets(document, only=None):
    """Return what each coalition's sheet shows; `only` keeps the coalition of that name."""
    actors, ambitions = _coalition_lookups(document)
    sheets = []
    for index, coalition in enumerate(document.get("coalitions", [])):
        if only is not None and coalition["name"] != only:
            continue
        status = coalition.get("status", "idee")
        sheets.append(
            {
                "index": index,
                "name": coalition["name"],
                "status": status,
                "status_label": COALITION_STATUSES.get(status, status),
                "work_form": WORK_FORMS.get(coalition.get("work_form", ""), ""),
                "ambition": ambitions.get(coalition.get("ambition")),
                "partners": [
                    {
                        "name": actors[key]["name"],
                        "kind": actors[key].get("kind", ""),
                        "role": ACTOR_ROLES.get(actors[key].get("role", ""), ""),
                    }
                    for key in coalition.get("core_partners", [])
                    if key in actors
                ],
                "target_group": coalition.get("target_group", ""),
                "next_step": coalition.get("next_step", ""),
                "compact": False,
            }
        )
    return sheets


# A sheet that runs over one page first loses its space for notes, then gets smaller type.
SHEET_SIZES = (11, 11, 9.5, 8.5, 7.5)


def render_sheets(document, *, only=None, label="", when=None):
    """Return the PDF of the coalition sheets: one A4 page each, all or the one named `only`."""
    when = when or timezone.now()
    sheets = coalition_sheets(document, only)
    with _stylesheets.lend() as style:
        return _fit_sheets(document, sheets, label, when, style).write_pdf()


def _fit_sheets(document, sheets, label, when, style):
    """Lay the sheets out, shrinking each that runs over a page, and return the document."""
    smaller = {}
    for attempt in range(len(SHEET_SIZES)):
        doc = _render(
            "records/coalition_sheets.html",
            {
                "network": document["network"],
                "sheets": sheets,
                "smaller": smaller,
                "label": label,
                "when": _when_text(when),
            },
            style,
        )
        if not sheets:
            break
        starts = [
            next(i for i, page in enumerate(doc.pages) if f"sheet-{sheet['index']}" in page.anchors)
            for sheet in sheets
        ]
        ends = [*starts[1:], len(doc.pages)]
        long = [
            sheet for sheet, start, end in zip(sheets, starts, ends, strict=True) if end - start > 1
        ]
        if not long or attempt == len(SHEET_SIZES) - 1:
            break  # one page each; or, past the smallest size, the rest runs on (never cut)
        for sheet in long:
            sheet["compact"] = True
            if SHEET_SIZES[attempt + 1] < SHEET_SIZES[0]:
                smaller[sheet["index"]] = SHEET_SIZES[attempt + 1]
    return doc


@cache
def _design_hash():
    """Return a hash of the poster's design, so a new design is never served from the cache."""
    digest = hashlib.sha256()
    for path in (finders.find("css/poster.css"),):
        with open(path, "rb") as file:
            digest.update(file.read())
    for name in ("records/poster.html", "records/coalition_sheets.html"):
        from django.template.loader import get_template

        digest.update(get_template(name).template.source.encode())
    return digest.hexdigest()[:16]


class Source:
    """What to print: a saved document, or a network's canvas as it is now.

    The cache key of the canvas now comes from `fingerprint`, a few cheap queries; the
    document itself is exported only when the cache has no PDF for it yet.
    """

    def __init__(self, *, document=None, network=None):
        self._document, self.network = document, network

    def key(self):
        if self._document is not None:
            return hashlib.sha256(json.dumps(self._document, sort_keys=True).encode()).hexdigest()
        return f"network-{self.network.pk}-{fingerprint(self.network)}"

    def document(self):
        if self._document is None:
            self._document = export_network(self.network)
        return self._document


def cache_key(kind, source, *parts):
    digest = hashlib.sha256(source.key().encode())
    for part in (_design_hash(), translation.get_language(), *parts):
        digest.update(b"\0" + str(part).encode())
    return f"{kind}:{digest.hexdigest()}"


def poster_pdf(source, size=DEFAULT_SIZE, *, label="", when=None):
    """Return the poster PDF of a Source, from the cache when it was rendered before."""
    when = when or timezone.now()
    key = cache_key("poster", source, size, label, _when_text(when))
    pdf = caches[CACHE_ALIAS].get(key)
    if pdf is None:
        pdf, _passes = render_poster(source.document(), size, label=label, when=when)
        caches[CACHE_ALIAS].set(key, pdf)
    return pdf


def sheets_pdf(source, *, only=None, label="", when=None):
    """Return the coalition sheets PDF of a Source, from the cache when rendered before."""
    when = when or timezone.now()
    key = cache_key("sheets", source, only, label, _when_text(when))
    pdf = caches[CACHE_ALIAS].get(key)
    if pdf is None:
        pdf = render_sheets(source.document(), only=only, label=label, when=when)
        caches[CACHE_ALIAS].set(key, pdf)
    return pdf


# A newsletter's image: wide enough for a full-width picture on a retina screen, small
# enough to mail (a few hundred KB).
PNG_WIDTH = 2400


def png_of_pdf(pdf, width=PNG_WIDTH):
    """Return the first page of `pdf` as PNG bytes, `width` pixels wide.

    PDFium (pypdfium2's wheel) rasterises in-process: no external binary, and WeasyPrint
    has written PDF only since version 53.
    """
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=width / page.get_width(), fill_color=(255, 255, 255, 255))
        out = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def poster_png(source, size=DEFAULT_SIZE, *, label="", when=None):
    """Return the poster's first page as a PNG, from the cache when made before.

    Continuation pages are left out: an image in a newsletter shows the canvas at a glance.
    """
    when = when or timezone.now()
    key = cache_key("poster-png", source, size, label, _when_text(when), PNG_WIDTH)
    png = caches[CACHE_ALIAS].get(key)
    if png is None:
        png = png_of_pdf(poster_pdf(source, size, label=label, when=when))
        caches[CACHE_ALIAS].set(key, png)
    return png
