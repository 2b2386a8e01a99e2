"""The identiteitskaart: place a dot and a word from a phone, watch it on the projector,
turn chosen words into notes, print it.

The map of the running workshop takes placements; without one, the page shows the
network's latest map to read. Every change tells the open pages through the live events
(key "identity-map"), with the map rendered once per audience (`map_parts`): nobody's
own dot or word marked, which each page keeps from its own requests (live.js).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from canvas.board.read import Room
from canvas.board.render import audience_access, board_url, each_audience, for_projector
from canvas.identity.forms import MakeNoteForm, PlaceForm
from canvas.identity.models import PART_PROMPTS, PART_QUESTIONS, SPAN, IdentityMap, Part
from canvas.live.events import live_context, publish_change
from canvas.workshops.models import Workshop
from networks.access import get_access

PAGE = "identity/identity_map.html"
PRINT = "identity/identity_map_print.html"
LIVE_KEY = "identity-map"
PAPER = {"A4", "A3"}


def _current(network):
    """Return (the running workshop or None, the map to show or None)."""
    workshop = Room(network).workshop
    if workshop is not None:
        identity_map = IdentityMap.objects.filter(workshop=workshop).first()
        if identity_map is not None:
            identity_map.workshop = workshop
        return workshop, identity_map
    return None, IdentityMap.objects.select_related("workshop").latest_of(network)


def map_parts(network, key, audiences=None):
    """Return {"members:nl": HTML, …}: the map for each audience and language that watches,
    with nobody's own dot or word marked (each page keeps its person's)."""
    if key != LIVE_KEY:
        return None
    workshop, current = _current(network)

    def part(audience):
        access = audience_access(network, audience)
        context = _context(access, workshop, current, presenting=audience == "projector")
        return render_to_string(f"{PAGE}#map", context)

    return each_audience(audiences, part)


def _dot(placement):
    """Return a dot and where its word goes: beside it on the side with room, else
    centred under (or, at the bottom, over) it. The SVG cuts off what leaves the part."""
    x, y = placement.x, placement.y
    width = len(placement.word) * 3.2  # the word's width at the map's type size, roughly
    label = {"label_y": min(max(y + 1.6, 5), 98.5)}
    if x + 3 + width <= 99:
        label.update(label_x=x + 3, anchor="start")
    elif x - 3 - width >= 1:
        label.update(label_x=x - 3, anchor="end")
    else:
        middle = min(max(x, width / 2 + 1), SPAN - width / 2 - 1)
        label.update(label_x=round(middle, 1), anchor="middle", label_y=y + 7 if y < 88 else y - 4)
    return {"placement": placement, **label}


def _parts(identity_map, viewer):
    """Return each part with its question, dots and the spread of its words."""
    placements = list(identity_map.placements()) if identity_map else []
    spread = identity_map.spread() if identity_map else {part: [] for part in Part.values}
    parts = []
    for part in Part:
        dots = [_dot(p) for p in placements if p.part == part]
        own = [d["placement"] for d in dots if viewer and d["placement"].author_id == viewer.pk]
        words = [{**word, "prompt": PART_PROMPTS[part]} for word in spread[part.value]]
        parts.append(
            {
                "slug": part.value,
                "label": part.label,
                "question": PART_QUESTIONS[part],
                "dots": dots,
                "mine": own[0] if own else None,
                "words": words,
            }
        )
    return parts


def _context(access, workshop, identity_map, *, presenting=False, **extra):
    viewer = None if presenting else access.user
    return {
        "network": access.network,
        "access": access,
        "workshop": workshop,
        "identity_map": identity_map,
        "parts": _parts(identity_map, viewer),
        "presenting": presenting,
        "may_place": workshop is not None and access.can_contribute and not presenting,
        "may_make_notes": access.can_steer_workshop and identity_map is not None and not presenting,
        "span": SPAN,
        **extra,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def identity_map(request, slug):
    """The map: everyone in the workshop puts a dot and one word in each part."""
    access = get_access(request, slug)
    workshop, current = _current(access.network)
    form = PlaceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        access.require(access.can_contribute)
        if workshop is None:
            form.add_error(None, _("Er loopt geen workshop: de kaart is nu alleen te lezen."))
            status = 409
        elif form.is_valid():
            data = form.cleaned_data
            current = current or IdentityMap.for_workshop(workshop)
            current.place(request.user, data["part"], data["word"], data["x"], data["y"])
            # Other pages get the map with the event; this one with its answer (below).
            publish_change(access.network, LIVE_KEY, by=request)
            message = _("“%(word)s” staat op de kaart bij %(part)s.") % {
                "word": data["word"],
                "part": Part(data["part"]).label,
            }
            if not request.htmx:
                messages.success(request, message)
                return redirect(reverse("identity:map", args=[slug]) + "#kaart")
            context = _context(access, workshop, current, form=PlaceForm(), placed=message)
            # The map comes along, out of band: one's own dot and word marked.
            html = render_to_string(f"{PAGE}#place-form", context, request)
            html += render_to_string(f"{PAGE}#map", {**context, "oob": True}, request)
            return HttpResponse(html)
        else:
            status = 422
    context = _context(access, workshop, current, form=form, live=live_context(access.network))
    if request.htmx and request.method == "POST":
        return render(request, f"{PAGE}#place-form", context, status=status)
    return render(request, PAGE, context, status=status)


@require_safe
@vary_on_headers("HX-Request")
def map_part(request, slug):
    """Return the map alone: what live.js fetches again when it changed."""
    access = get_access(request, slug)
    if not request.htmx:
        return redirect(reverse("identity:map", args=[slug]) + "#kaart")
    workshop, current = _current(access.network)
    presenting = for_projector(request)
    context = _context(access, workshop, current, presenting=presenting)
    return render(request, f"{PAGE}#map", context)


@require_safe
def present(request, slug):
    """The map on the projector, in large type, live."""
    access = get_access(request, slug)
    live = live_context(access.network)
    workshop, current = _current(access.network)
    context = _context(access, workshop, current, presenting=True, live=live)
    return render(request, PAGE, context)


@require_POST
@vary_on_headers("HX-Request")
def make_note(request, slug):
    """The facilitator writes a word of the map as a note of the Identiteit block."""
    access = get_access(request, slug)
    access.require(access.can_steer_workshop)
    workshop, current = _current(access.network)
    if current is None:
        raise Http404
    form = MakeNoteForm(request.POST)
    on_map = form.is_valid() and (
        current.placement_set.filter(
            part=form.cleaned_data["part"], word__iexact=form.cleaned_data["word"]
        ).exists()
    )
    if not on_map:
        message, status, level = _("Dit woord staat niet (meer) op de kaart."), 422, messages.ERROR
    else:
        data, prompt = form.cleaned_data, form.identity_prompt
        note, created = current.make_note(data["part"], data["word"], prompt, request.user)
        if created:
            # This tab gets the map in the answer; other tabs and boards fetch theirs.
            publish_change(access.network, LIVE_KEY, f"prompt-{note.prompt}", by=request)
            message = _("“%(word)s” is een notitie bij %(prompt)s.")
        else:
            message = _("“%(word)s” staat al als notitie bij %(prompt)s.")
        message = message % {"word": note.text, "prompt": prompt.title}
        status, level = 200, messages.SUCCESS
    if not request.htmx:
        messages.add_message(request, level, message)
        return redirect(reverse("identity:map", args=[slug]) + "#kaart")
    context = _context(access, workshop, current, note_message=message)
    return render(request, f"{PAGE}#map", context, status=status)


@require_safe
def print_map(request, slug, pk):
    """A workshop's map to print, on A4 or A3 (landscape)."""
    access = get_access(request, slug)
    workshop = get_object_or_404(Workshop, network=access.network, pk=pk)
    current = IdentityMap.objects.filter(workshop=workshop).first()
    paper = request.GET.get("formaat", "A4")
    paper = paper if paper in PAPER else "A4"
    context = _context(access, workshop, current, presenting=True, paper=paper)
    context["board_url"] = board_url(access.network)
    return render(request, PRINT, context)
