"""The keyboard focus is seen on every background (WCAG 1.4.11: 3:1 against what is next to it).

Tab walks the busiest pages (the board during a workshop, for a facilitator; the advice
and overlap pages; the sign-in page); for every element that takes the focus the test
reads the ring Chromium draws (outline, outline offset, box-shadow) and the colours on
both sides of it: the focus halo where it covers that side, else the page behind it.
"""

import re

import pytest
from django.test import override_settings

from tests.browser.test_accessibility import _workshop_in_full_swing
from tests.conftest import FAST_HASHER, session_cookie
from tests.test_permission_matrix import _build_world

pytestmark = pytest.mark.browser

# What the focused element's ring looks like, and the colour of the page around it.
RING = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  let behind = "rgb(255, 255, 255)";
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== "transparent" && !bg.endsWith(", 0)")) { behind = bg; break; }
  }
  return {
    what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""),
    outline: [style.outlineStyle, style.outlineWidth, style.outlineColor, style.outlineOffset],
    shadow: style.boxShadow,
    behind,
  };
}"""


def _rgb(css):
    inside = css[css.index("(") + 1 : css.index(")")]
    return tuple(float(part) for part in inside.replace("/", ",").split(",")[:3])


def _luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = map(channel, rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


SHADOW = re.compile(r"(rgba?\([^)]*\)) (-?[\d.]+)px (-?[\d.]+)px (-?[\d.]+)px (-?[\d.]+)px")


def _halo(shadow):
    """Return (colour, spread in px) of the widest solid, opaque ring in `shadow`, or None."""
    rings = [
        (_rgb(colour), float(spread))
        for colour, x, y, blur, spread in SHADOW.findall(shadow or "")
        if (x, y, blur) == ("0", "0", "0") and not colour.startswith("rgba")
    ]
    return max(rings, key=lambda ring: ring[1], default=None)


def ring_problems(ring):
    """Return what is wrong with one focused element's ring (empty when it can be seen)."""
    style, width, colour, offset = ring["outline"]
    if style in ("none", "hidden") or float(width.removesuffix("px")) < 2:
        return [f"{ring['what']}: no focus ring ({style} {width})"]
    width, offset = float(width.removesuffix("px")), float(offset.removesuffix("px"))
    ring_colour, behind = _rgb(colour), _rgb(ring["behind"])
    halo = _halo(ring["shadow"])
    # Inside the ring: the halo where it fills the offset, else the page behind.
    inner = halo[0] if halo and halo[1] >= offset else behind
    # Outside it: the halo where it reaches beyond the ring, else the page.
    outer = halo[0] if halo and halo[1] >= offset + width + 1 else behind
    problems = []
    for side, next_to in (("inside", inner), ("outside", outer)):
        if (ratio := contrast(ring_colour, next_to)) < 3:
            problems.append(f"{ring['what']}: ring {colour} {ratio:.2f}:1 {side}")
    return problems


PAGES = ("/n/{slug}/", "/n/{slug}/advies/", "/overlap/", "/n/{slug}/activiteit/")


def test_the_focus_ring_has_3_to_1_on_both_sides_wherever_tab_goes(
    server, browser, transactional_db
):
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        world = _build_world()
    _workshop_in_full_swing(world)
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    for key, value in session_cookie(world.people["facilitator"]).items():
        context.add_cookies([{"name": key, "value": value, "url": server.url}])
    page = context.new_page()
    stops, problems = 0, []
    try:
        for path in PAGES:
            page.goto(server.url + path.format(slug=world.network.slug))
            for _ in range(60):
                page.keyboard.press("Tab")
                ring = page.evaluate(RING)
                if ring is None:
                    continue
                stops += 1
                problems += ring_problems(ring)
    finally:
        context.close()
    assert stops >= 200, f"Tab stopped only {stops} times"
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_contrast_formula():
    assert round(contrast((240, 180, 41), (255, 255, 255)), 2) == 1.86
    assert round(contrast((0, 0, 0), (255, 255, 255)), 1) == 21.0
