"""axe-core over every page of the project, for every kind of visitor, at phone and desktop.

The pages come from walking the URL conf: every named URL has a row in
tests/test_permission_matrix.py (a new URL without one fails there), and each row says
which roles GET it with a 200. Those pages are opened here in Chromium for each role, at
390×844 and 1440×900, and axe-core (vendored, tests/browser/vendor/) must find no
violation of WCAG 2.0/2.1 A and AA, of WCAG 2.2 AA or of axe's best practices. Non-HTML
answers (CSV, JSON, PDF) are left out.

The network is in the middle of a workshop: silent writing on (with a hidden note), a
timer running and a vote open, so the board is checked in those states; the add and edit
URLs open the board with their form open.
"""

import time
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Vote
from networks.models import User
from tests.conftest import FAST_HASHER, session_cookie
from tests.test_permission_matrix import EXPECTED, ROLES, _build_world, _kwargs

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, and axe's best practices (the audit of issue 17
# found a form given role=group and a code screen without a heading among them).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Phone, desktop, and desktop at 200 % zoom (1440x900 shows 720x450 CSS pixels).
WIDTHS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1440, "height": 900},
    "desktop at 200 %": {"width": 720, "height": 450},
}
HTML = "text/html"
# 200 % zoom for the two visitors who between them open every page (to keep the run short
# on a small machine): other roles see the same templates with fewer controls.
ZOOMED_FOR = {"facilitator", "anonymous"}

# Who is checked, and which column of the permission matrix says what they may open.
# A guest (joined with only a name) may open what every member may, author or not.
VISITORS = {
    "facilitator": ["facilitator"],
    "coordinator": ["coordinator"],
    "member": ["member"],
    "guest": ["member", "coalition_member"],
    "anonymous": ["anonymous"],
}

# Guests may not start a network, by hand or by import (they could not come back to it).
GUESTS_MAY_NOT = {"networks:create", "record:import"}
# Pages members may not open while silent writing runs (as here): clustering (403). The
# same pages are checked for facilitators and coordinators.
SILENT_REFUSES_MEMBERS = {"canvas:move_note_to"}


def pages_for(visitor):
    """Return the URL names `visitor` GETs with a 200, by the permission matrix."""
    columns = [ROLES.index(role) for role in VISITORS[visitor]]
    return sorted(
        name
        for name, (get, _post) in EXPECTED.items()
        if all(get[column] == 200 for column in columns)
        and not (visitor == "guest" and name in GUESTS_MAY_NOT)
        and not (visitor in ("member", "guest") and name in SILENT_REFUSES_MEMBERS)
    )


def _workshop_in_full_swing(world):
    workshop = world.workshop
    workshop.go_to("identity", "passion")
    workshop.silent = True
    workshop.save(update_fields=["silent"])
    workshop.start_timer(5)
    Vote.objects.create(workshop=workshop, target=Vote.Target.PROMPT, prompt="passion")
    Note.add(
        world.network,
        PROMPTS[world.note.prompt],
        "Nog verborgen",
        world.people["coordinator"],
        hidden=True,
    )


# Before axe looks, the page must be still: no htmx request in flight (the board loads its
# signals after the page), and no finite animation running (a swapped-in part fades in
# from 30 % opacity for 0.2 s, which axe would measure as low contrast).
AXE_RUN = """async (tags) => {
  const deadline = Date.now() + 5000;
  const busy = () => document.querySelector(".htmx-request, [hx-trigger='load']")
    || document.getAnimations().some((a) => a.playState === "running"
      && a.effect && a.effect.getComputedTiming().iterations !== Infinity);
  while (busy() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(" ")),
    why: v.nodes[0].failureSummary,
  }));
}"""


def test_axe_finds_no_violation_on_any_page(server, browser, transactional_db):
    with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
        world = _build_world()
        guest = User.objects.create_guest("Gijs")
    world.join_link.admit(guest)
    _workshop_in_full_swing(world)
    people = {**world.people, "guest": guest}
    axe_source = AXE.read_text(encoding="utf-8")

    violations = []
    checked = 0
    started = time.monotonic()
    not_pages = set()  # URL names that answer a file, not a page: the same for everyone
    for visitor in VISITORS:
        names = [name for name in pages_for(visitor) if name not in not_pages]
        # One browser per visitor; each page is loaded once and checked at every width
        # (the viewport changes in place: media queries apply as on a fresh load).
        context = browser.new_context(viewport=WIDTHS["phone"])
        context.add_init_script(script=axe_source)
        if people[visitor] is not None:
            for key, value in session_cookie(people[visitor]).items():
                context.add_cookies([{"name": key, "value": value, "url": server.url}])
        page = context.new_page()
        try:
            for name in names:
                url = reverse(name, kwargs=_kwargs(name, world))
                page.set_viewport_size(WIDTHS["phone"])
                try:
                    response = page.goto(server.url + url)
                except Exception as error:  # a download (CSV, PDF) is not a page
                    if "Download is starting" in str(error):
                        not_pages.add(name)
                        continue
                    raise
                assert response.status == 200, f"GET {url} as {visitor}: {response.status}"
                if not response.headers.get("content-type", "").startswith(HTML):
                    not_pages.add(name)
                    continue
                for width, size in WIDTHS.items():
                    if width == "desktop at 200 %" and visitor not in ZOOMED_FOR:
                        continue
                    page.set_viewport_size(size)
                    checked += 1
                    for found in page.evaluate(AXE_RUN, AXE_TAGS):
                        violations.append((visitor, width, url, found))
        finally:
            context.close()
    elapsed = time.monotonic() - started

    report = "\n".join(
        f"{found['id']} ({found['impact']}) on {url} as {visitor} at {width}: "
        + ", ".join(found["targets"][:5])
        + (f" and {len(found['targets']) - 5} more" if len(found["targets"]) > 5 else "")
        + f"\n    {' '.join(found['why'].split())}"
        for visitor, width, url, found in violations
    )
    print(f"axe: {checked} page views in {elapsed:.0f} s, {len(violations)} violations")
    assert checked >= 290, f"only {checked} page views were checked"
    assert not violations, f"axe found {len(violations)} violations:\n{report}"
