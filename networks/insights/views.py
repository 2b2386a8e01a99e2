"""Looking at a network: overlap across networks, self-scans, advice and pitfall signals.

Every figure about a network comes from the people's own networks (Membership); other
networks appear only as counts. Scan answers are shown only in aggregate.
"""

from collections import defaultdict
from dataclasses import dataclass
from html import escape
from math import ceil

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from networks.access import get_access
from networks.insights import advice, charts, overlap, pitfalls, scans
from networks.insights.forms import (
    FactorsForm,
    LeadershipForm,
    NetworkTypeForm,
    OpenScanForm,
    ScanAnswerForm,
)
from networks.insights.models import Assessment, Scan, ScanResponse
from networks.models import Actor, Membership, NetworkActor
from networks.params import local_path
from networks.spreadsheets import csv_response

ACTORS_PER_PAGE = 50
# With more networks than this the picture keeps each network's strongest links only.
ALL_LINKS_UP_TO = 12
STRONGEST_LINKS = 3


def _percent(fraction):
    return f"{round(100 * fraction)}%"


def _decimal(value, places=2):
    # Cheaper than number_format, which the overview would call thousands of times.
    return f"{value:.{places}f}".replace(".", get_format("DECIMAL_SEPARATOR"))


def _pdf(request, template, context, filename):
    from weasyprint import HTML

    # Inline SVG in a PDF needs its styles inside the SVG (the browser's CSP forbids that).
    html = render_to_string(template, {**context, "pdf": True}, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


# Overlap ------------------------------------------------------------------------------


def _members():
    """Return every network's actors (those with a role): {network id: set of actor ids}."""
    members = defaultdict(set)
    pairs = NetworkActor.objects.exclude(role="").values_list("network_id", "actor_id")
    for network_id, actor_id in pairs:
        members[network_id].add(actor_id)
    return members


@dataclass
class NetworkRow:
    number: int
    network: object
    role: str
    steering: bool
    meetings: overlap.Meetings
    partners: list  # (network id, overlap.Pair) of the visible networks sharing actors
    hidden_partners: int  # networks the viewer cannot see that share actors

    @property
    def setting(self):
        return self.meetings.setting


def _pair_title(name, other, figures, text=None):
    """Return the figures of a pair in words; pass `text` (PAIR_TITLE translated) in loops."""
    return (text or _(PAIR_TITLE)) % {
        "a": name,
        "b": other,
        "shared": figures.shared,
        "share": _percent(figures.share),
        "other_share": _percent(figures.other_share),
        "jaccard": _decimal(figures.jaccard),
    }


PAIR_TITLE = gettext_noop(
    "%(a)s en %(b)s: %(shared)d gedeelde actoren, %(share)s en %(other_share)s van hun "
    "actoren (overeenkomst %(jaccard)s)"
)


def _grid_cells(cells):
    """Return the heat-map cells of one row as HTML.

    Built here rather than in the template: the overview of 50 networks has 2,500 cells,
    and the template engine would spend most of the page's time budget on them.
    """
    return mark_safe(  # every text in it is escaped here
        "".join(
            f'<td class="h{level}" title="{escape(title)}">{value}</td>'
            for level, value, title in cells
        )
    )


def _presence_cells(cells, yes):
    """Return one actor's row of the actor × network table as HTML (see _grid_cells)."""
    dot = f'<span class="dot"></span><span class="visually-hidden">{escape(yes)}</span>'
    return mark_safe("".join(f'<td class="cell-col">{dot if cell else ""}</td>' for cell in cells))


def _strongest_links(pairs, count):
    """Keep, for every network, its `count` strongest links (a link kept by either end)."""
    by_network = defaultdict(list)
    for pair in pairs:
        by_network[pair[0]].append(pair)
        by_network[pair[1]].append(pair)
    kept = set()
    for links in by_network.values():
        links.sort(key=lambda pair: -pair[2])
        kept.update(links[:count])
    return [pair for pair in pairs if pair in kept]


def _network_rows(memberships, members, index, visible):
    """Return a NetworkRow per network of the viewer, numbered as on every figure."""
    rows = []
    roles = {role: str(label) for role, label in Membership.Role.choices}
    for number, membership in enumerate(memberships, start=1):
        network = membership.network
        shown, hidden = overlap.partners(members, network.id, visible)
        rows.append(
            NetworkRow(
                number,
                network,
                roles[membership.role],
                membership.edits_everything,
                overlap.meetings(members, network.id, index),
                shown,
                hidden,
            )
        )
    return rows


def _pairs(rows):
    """Return (id, id, shared, title) for each pair of the viewer's networks sharing actors."""
    names = {row.network.id: row.network.name for row in rows}
    text = _(PAIR_TITLE)
    return [
        (
            row.network.id,
            other,
            figures.shared,
            _pair_title(row.network.name, names[other], figures, text),
        )
        for row in rows
        for other, figures in row.partners
        if row.network.id < other
    ]


def _heat_map(rows, pairs, members):
    """Return (row, cells as HTML) per network: shared actors, darker as there are more."""
    heaviest = max((pair[2] for pair in pairs), default=0)
    shared = {}
    for a, b, count, title in pairs:
        shared[a, b] = shared[b, a] = (count, title)
    matrix = []
    for row in rows:
        cells = []
        for column in rows:
            if column is row:
                size = len(members[row.network.id])
                title = _("%(name)s heeft %(count)d actoren.") % {
                    "name": row.network.name,
                    "count": size,
                }
                cells.append(("self", size, title))
            else:
                count, title = shared.get((row.network.id, column.network.id), (0, ""))
                cells.append((ceil(5 * count / heaviest) if count else 0, count, title))
        matrix.append((row, _grid_cells(cells)))
    return matrix


def _meta_picture(rows, links, members):
    nodes = []
    for row in rows:
        size = len(members[row.network.id])
        css = f"node-{row.setting.code if row.setting else 'none'}"
        if row.steering:
            css += " node-steering"
        title = _("%(name)s: %(count)d actoren") % {"name": row.network.name, "count": size}
        nodes.append((row.network.id, row.network.name, row.number, size, css, title))
    return charts.pictures(nodes, [(a, b, count, "link", title) for a, b, count, title in links])


def _shared_actors(rows, index, visible):
    """Return the actors in at least two of the viewer's networks, most shared first."""
    names = Actor.objects.filter(
        pk__in=NetworkActor.objects.filter(network__in=visible).exclude(role="").values("actor")
    ).values_list("id", "name", "kind")
    actors = []
    for actor_id, name, kind in names:
        in_visible = index[actor_id] & visible
        if len(in_visible) >= 2:
            total = len(index[actor_id])
            actors.append(
                {
                    "name": name,
                    "kind": kind,
                    "cells": [row.network.id in in_visible for row in rows],
                    "visible": len(in_visible),
                    "total": total,
                    "elsewhere": total - len(in_visible),
                }
            )
    actors.sort(key=lambda actor: (-actor["visible"], actor["name"].lower()))
    return actors


def _overview(memberships, page_number=1):
    """Return the figures of the meta-network of `memberships` (the viewer's networks)."""
    members = _members()
    visible = {membership.network_id for membership in memberships}
    for network_id in visible:
        members.setdefault(network_id, set())
    index = overlap.networks_of(members)
    rows = _network_rows(memberships, members, index, visible)
    pairs = _pairs(rows)
    links = pairs if len(rows) <= ALL_LINKS_UP_TO else _strongest_links(pairs, STRONGEST_LINKS)
    actors = _shared_actors(rows, index, visible)
    page = Paginator(actors, ACTORS_PER_PAGE).get_page(page_number)
    yes = _("ja")
    for actor in page:
        actor["row"] = _presence_cells(actor["cells"], yes)
    return {
        "members": members,
        "rows": rows,
        "matrix": _heat_map(rows, pairs, members),
        "pictures": _meta_picture(rows, links, members),
        "links_limited": len(links) < len(pairs),
        "actor_page": page,
        "actor_count": len(actors),
        "all_actors": actors,
    }


def _my_memberships(request):
    """Return the viewer's memberships, and whether they asked for only the ones they steer."""
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("network")
        .order_by("network__name")
    )
    steering = [m for m in memberships if m.edits_everything]
    only_steering = request.GET.get("netwerken") == "regie" and len(steering) >= 2
    return (steering if only_steering else memberships), steering, only_steering


@vary_on_headers("HX-Request")
@require_safe
def overlap_overview(request):
    """The meta-network: overlap across all networks the viewer is a member of."""
    memberships, steering, only_steering = _my_memberships(request)
    context = _overview(memberships, request.GET.get("pagina", 1))
    context.update(
        memberships=memberships,
        steering=steering,
        only_steering=only_steering,
        thresholds=_thresholds(),
    )
    template = "insights/overlap.html"
    if request.htmx and request.GET.get("pagina"):
        template += "#actor-table"
    return render(request, template, context)


def _thresholds():
    return {
        "low": _percent(overlap.LOW_DEGREE),
        "high": _percent(overlap.HIGH_DEGREE),
        "few": overlap.FEW_NETWORKS,
    }


def _networks_table(context):
    rows = [
        [
            _("nummer"),
            _("netwerk"),
            _("jouw rol"),
            _("actoren"),
            _("duo's actoren"),
            _("duo's die elkaar ook elders treffen"),
            _("ook elders samen"),
            _("in hoeveel andere netwerken"),
            _("aandeel in de %(few)d drukste") % {"few": overlap.FEW_NETWORKS},
            _("typering"),
        ]
    ]
    for row in context["rows"]:
        m = row.meetings
        rows.append(
            [
                row.number,
                row.network.name,
                row.role,
                m.actors,
                m.pairs,
                m.meeting_pairs,
                "" if m.degree is None else _decimal(m.degree, 3),
                m.spread,
                "" if m.concentration is None else _decimal(m.concentration, 3),
                row.setting.label if row.setting else "",
            ]
        )
    return rows


def _pairs_table(context):
    rows = [
        [
            _("netwerk"),
            _("ander netwerk"),
            _("gedeelde actoren"),
            _("aandeel"),
            _("overeenkomst (Jaccard-index)"),
        ]
    ]
    members = context["members"]
    for row in context["rows"]:
        for other in context["rows"]:
            if other is not row:
                figures = overlap.pair(members, row.network.id, other.network.id)
                rows.append(
                    [
                        row.network.name,
                        other.network.name,
                        figures.shared,
                        _decimal(figures.share, 3),
                        _decimal(figures.jaccard, 3),
                    ]
                )
    return rows


def _actors_table(context):
    rows = [
        [
            _("actor"),
            _("soort"),
            *[row.network.name for row in context["rows"]],
            _("netwerken in totaal"),
            _("waarvan niet zichtbaar voor jou"),
        ]
    ]
    for actor in context["all_actors"]:
        cells = ["x" if cell else "" for cell in actor["cells"]]
        rows.append([actor["name"], actor["kind"], *cells, actor["total"], actor["elsewhere"]])
    return rows


OVERLAP_TABLES = {"netwerken": _networks_table, "paren": _pairs_table, "actoren": _actors_table}


@require_safe
def overlap_export(request, fmt):
    """The meta-network as an A4 PDF, or one of its tables as CSV (`?tabel=`)."""
    table = request.GET.get("tabel", "netwerken")
    if fmt not in ("pdf", "csv") or (fmt == "csv" and table not in OVERLAP_TABLES):
        raise Http404
    memberships, _steering, _only = _my_memberships(request)
    context = _overview(memberships)
    if fmt == "pdf":
        context.update(thresholds=_thresholds(), now=timezone.now())
        return _pdf(request, "insights/overlap_pdf.html", context, "overlap-netwerken")
    return csv_response(OVERLAP_TABLES[table](context), f"overlap-{table}")


def _actor_rows(network, index, mine):
    """Return, per actor of `network`, its other networks: named if the viewer sees them."""
    rows = []
    for network_actor in network.network_actors.exclude(role="").select_related("actor"):
        elsewhere = index[network_actor.actor_id] - {network.id}
        rows.append(
            {
                "network_actor": network_actor,
                "seen": sorted((mine[n] for n in elsewhere if n in mine), key=str.lower),
                "unseen": len([n for n in elsewhere if n not in mine]),
                "total": 1 + len(elsewhere),
            }
        )
    rows.sort(key=lambda row: (-row["total"], row["network_actor"].actor.name.lower()))
    return rows


def _neighbour_picture(network, size, shown, mine, hidden, in_hidden):
    """Return the picture of `network` in the middle and its visible partners around it.

    Networks the viewer cannot see become one grey circle, joined by a line as thick as
    the number of this network's actors that are in at least one of them.
    """
    nodes = [(network.id, network.name, "", size, "node-centre", network.name)]
    edges = []
    for number, (other, figures) in enumerate(shown, start=1):
        title = _pair_title(network.name, mine[other], figures)
        nodes.append((other, mine[other], number, figures.other_size, "node-partner", title))
        edges.append((network.id, other, figures.shared, "link", title))
    if in_hidden:
        title = _(
            "%(count)d actoren van %(name)s zitten ook in %(networks)d netwerken die je niet "
            "kunt zien."
        ) % {"count": in_hidden, "name": network.name, "networks": hidden}
        label = _("%(count)d andere netwerken") % {"count": hidden}
        nodes.append((-1, label, "", in_hidden, "node-hidden", title))
        edges.append((network.id, -1, in_hidden, "link link-hidden", title))
    return charts.pictures(nodes, edges, centre=network.id, named_up_to=13)


@require_safe
def network_overlap(request, slug):
    """One network: its ontmoetingsgraad and setting, its actors elsewhere, its partners."""
    access = get_access(request, slug)
    network = access.network
    members = _members()
    members.setdefault(network.id, set())
    mine = dict(
        Membership.objects.filter(user=request.user).values_list("network_id", "network__name")
    )
    meetings = overlap.meetings(members, network.id)
    shown, hidden = overlap.partners(members, network.id, set(mine))
    actors = _actor_rows(network, overlap.networks_of(members), mine)
    in_hidden = sum(1 for row in actors if row["unseen"])
    partner_rows = [
        {"number": number, "name": mine[other], "figures": figures}
        for number, (other, figures) in enumerate(shown, start=1)
    ]
    picture = _neighbour_picture(network, len(members[network.id]), shown, mine, hidden, in_hidden)
    setting = meetings.setting
    return render(
        request,
        "insights/network_overlap.html",
        {
            "network": network,
            "access": access,
            "meetings": meetings,
            "setting": setting,
            "partners": partner_rows,
            "hidden_partners": hidden,
            "actors_in_hidden": in_hidden,
            "dakpan": partner_rows[: overlap.FEW_NETWORKS] if setting is overlap.STERK else [],
            "actors": actors,
            "pictures": picture,
            "thresholds": _thresholds(),
        },
    )


# Self-scans ---------------------------------------------------------------------------


def scan_list(request, slug):
    """The network's scans; facilitators and coordinators open a new one here."""
    access = get_access(request, slug)
    network = access.network
    form = None
    status = 200
    if request.method == "POST":
        access.require(access.edits_everything)
        form = OpenScanForm(request.POST, network=network)
        if form.is_valid():
            scan = form.save(request.user)
            messages.success(request, _("De scan staat open. Deel de link met de deelnemers."))
            return redirect("networks:scan", network.slug, scan.pk)
        status = 422
    elif access.edits_everything:
        form = OpenScanForm(network=network)
    now = timezone.now()
    # Aggregating drops Meta.ordering: order explicitly, newest first.
    all_scans = list(
        network.scans.annotate(respondent_count=Count("responses")).order_by("-opens", "-id")
    )
    answered = set(
        ScanResponse.objects.filter(scan__network=network, respondent=request.user).values_list(
            "scan_id", flat=True
        )
    )
    context = {
        "network": network,
        "access": access,
        "form": form,
        "open_scans": [s for s in all_scans if s.is_open(now)],
        "closed_scans": [s for s in all_scans if s.is_closed(now)],
        "answered": answered,
    }
    return render(request, "insights/scan_list.html", context, status=status)


def _get_scan(access, pk):
    return get_object_or_404(Scan, pk=pk, network=access.network)


def _results_context(scan):
    results = scan.results()
    previous = scan.previous()
    before = previous.results() if previous else None
    withheld = None
    if (
        before is not None
        and before.shown
        and results.shown
        and not scans.comparable(scan.counted_respondents(), previous.counted_respondents())
    ):
        # The change would mostly be the answers of the one or two who differ.
        withheld, before = previous, None
    definition = scan.definition
    series = []
    if before is not None and before.shown:
        series.append(
            (
                "series-before",
                _("vorige keer (%(date)s)")
                % {"date": date_format(timezone.localtime(previous.closes))},
                [before.characteristics[c.code].mean for c in definition.characteristics],
                None,
            )
        )
    series.append(
        (
            "series-now",
            _("deze keer"),
            [results.characteristics[c.code].mean for c in definition.characteristics],
            [results.characteristics[c.code].spread for c in definition.characteristics],
        )
    )
    radar = charts.radar([c.short for c in definition.characteristics], series)
    return {
        "results": results,
        "rows": results.rows(before),
        "previous": previous if before is not None and before.shown else None,
        "radar": radar,
        "min_respondents": scans.MIN_RESPONDENTS,
        "divided": scans.DIVIDED,
        "comparison_withheld": withheld,
    }


def scan_detail(request, slug, pk):
    """Answer an open scan (and change the answer while it is open); results once closed."""
    access = get_access(request, slug)
    scan = _get_scan(access, pk)
    now = timezone.now()
    response = ScanResponse.objects.filter(scan=scan, respondent=request.user).first()
    form, status = None, 200
    if request.method == "POST":
        if not scan.is_open(now):
            messages.error(request, _("Deze scan is gesloten; antwoorden kan niet meer."))
            return redirect("networks:scan", access.network.slug, scan.pk)
        form = ScanAnswerForm(request.POST, definition=scan.definition)
        if form.is_valid():
            ScanResponse.objects.update_or_create(
                scan=scan, respondent=request.user, defaults={"answers": form.answers()}
            )
            messages.success(request, _("Dank je wel! Je antwoorden zijn bewaard."))
            return redirect("networks:scan", access.network.slug, scan.pk)
        status = 422
    elif scan.is_open(now):
        initial = ScanAnswerForm.initial_from(response.answers) if response else None
        form = ScanAnswerForm(initial=initial, definition=scan.definition)
    context = {
        "network": access.network,
        "access": access,
        "scan": scan,
        "definition": scan.definition,
        "form": form,
        "answered": response is not None,
        "respondents": scan.responses.count(),
        "is_open": scan.is_open(now),
        "is_closed": scan.is_closed(now),
    }
    if scan.is_closed(now):
        context.update(_results_context(scan))
    return render(request, "insights/scan_detail.html", context, status=status)


@require_POST
def scan_close(request, slug, pk):
    access = get_access(request, slug)
    access.require(access.edits_everything)
    scan = _get_scan(access, pk)
    if scan.is_open():
        scan.close(by=request.user)
        messages.success(request, _("De scan is gesloten. De resultaten staan hieronder."))
    return redirect("networks:scan", access.network.slug, scan.pk)


@require_safe
def scan_export(request, slug, pk, fmt):
    """The results of a closed scan as an A4 PDF or CSV: aggregates only."""
    access = get_access(request, slug)
    scan = _get_scan(access, pk)
    if fmt not in ("pdf", "csv") or not scan.is_closed():
        raise Http404
    context = {"network": access.network, "scan": scan, "definition": scan.definition}
    context.update(_results_context(scan))
    filename = f"scan-{slugify(access.network.name)}-{scan.kind}-{scan.closes:%Y-%m-%d}"
    if fmt == "pdf":
        context["now"] = timezone.now()
        return _pdf(request, "insights/scan_results_pdf.html", context, filename)
    results = context["results"]
    rows = [
        [
            _("kenmerk"),
            _("uitspraak"),
            _("aantal antwoorden"),
            _("gemiddelde"),
            _("verschil in antwoorden (sd)"),
            *[f"{value} ({label})" for value, label in scans.SCALE],
            scans.DONT_KNOW,
            _("vorige keer"),
        ]
    ]
    for row in context["rows"]:
        figure = row["figure"]
        rows.append(
            [
                row["characteristic"].title,
                _("(alle uitspraken samen, per persoon)"),
                figure.n if results.shown else "",
                _decimal(figure.mean) if figure.shown else "",
                _decimal(figure.spread) if figure.shown else "",
                *[""] * len(scans.SCALE),
                "",
                _decimal(row["before"].mean) if row["before"] else "",
            ]
        )
        for item, item_figure in row["items"]:
            rows.append(
                [
                    row["characteristic"].title,
                    item.text,
                    item_figure.n if results.shown else "",
                    _decimal(item_figure.mean) if item_figure.shown else "",
                    _decimal(item_figure.spread) if item_figure.shown else "",
                    *(item_figure.counts or [""] * len(scans.SCALE)),
                    item_figure.dont_know if item_figure.shown else "",
                    "",
                ]
            )
    return csv_response(rows, filename)


# Advice -------------------------------------------------------------------------------


def _advice_context(access, assessment, forms=None):
    network = access.network
    suggestion = advice.suggest_type(assessment.type_answers)
    kinds = network.network_actors.exclude(role="").values_list("actor__kind", flat=True)
    forms = forms or {}
    answers = assessment.type_answers
    context = {
        "network": network,
        "access": access,
        "assessment": assessment,
        "type_answers": [
            (question.text, dict(question.options).get(answers[question.code], ""))
            for question in advice.TYPE_QUESTIONS
        ],
        "suggestion": suggestion,
        "type_warnings": advice.type_warnings(network.network_type, suggestion, list(kinds)),
        "leadership": advice.leadership_for(network, assessment),
        "fourc_rows": [
            (
                label,
                [advice.ROLES[(cohesion, orientation)] for orientation in advice.Orientation],
            )
            for cohesion, label in advice.COHESION_ROWS
        ],
        "factors": [(factor, _factor_url(factor, network)) for factor in advice.FACTORS],
        "high_cohesion": _decimal(advice.HIGH_COHESION, 2),
    }
    if access.edits_everything:
        context["type_form"] = forms.get("type") or NetworkTypeForm(instance=assessment)
        context["leadership_form"] = forms.get("leadership") or LeadershipForm(instance=assessment)
        context["factors_form"] = forms.get("factors") or FactorsForm(instance=assessment)
    return context


def _factor_url(factor, network):
    """Return where a factor is worked out: a canvas block, or one of these pages."""
    if factor.where == "overlap":
        return reverse("networks:network_overlap", args=[network.slug])
    if factor.where == "scan":
        return reverse("networks:scans", args=[network.slug])
    if factor.where == "leadership":
        return reverse("networks:advice", args=[network.slug]) + "#leadership"
    return network.get_absolute_url() + f"#block-{factor.where}"


ADVICE_FORMS = {"type": NetworkTypeForm, "leadership": LeadershipForm, "factors": FactorsForm}
ADVICE_PARTIALS = {"type": "network-type", "leadership": "leadership", "factors": "factors"}


@vary_on_headers("HX-Request")
def advice_page(request, slug):
    """Vorm volgt inhoud, the 4C leadership role and the nine factors, for one network."""
    access = get_access(request, slug)
    assessment = Assessment.for_network(access.network)
    template = "insights/advice.html"
    if request.method != "POST" and request.htmx and request.GET.get("deel") == "leiderschap":
        # The board shows the 4C advice beside its Regie en leiderschap block.
        leadership = advice.leadership_for(access.network, assessment)
        context = {"network": access.network, "leadership": leadership, "on_board": True}
        return render(request, "insights/_leadership_advice.html#leadership-advice", context)
    if request.method != "POST":
        return render(request, template, _advice_context(access, assessment))
    access.require(access.edits_everything)
    part = next((name for name in ADVICE_FORMS if name in request.POST), None)
    if part is None:
        return HttpResponse(_("Onbekende actie."), status=400)
    form = ADVICE_FORMS[part](request.POST, instance=assessment)
    status = 200
    if form.is_valid():
        assessment = form.save(commit=False)
        assessment.updated_by = request.user
        assessment.save()
        form = None
        if not request.htmx:
            messages.success(request, _("Bewaard."))
            return redirect(f"{request.path}#{ADVICE_PARTIALS[part]}")
    else:
        status = 422
    context = _advice_context(access, assessment, {part: form} if form else None)
    if request.htmx:
        template += "#" + ADVICE_PARTIALS[part]
    return render(request, template, context, status=status)


# Pitfall signals ----------------------------------------------------------------------


def signals_context(access):
    """Return what insights/_signals.html#signals needs besides `network` and `access`."""
    return {"signals": pitfalls.for_network(access.network)}


@vary_on_headers("HX-Request")
@require_safe
def signal_list(request, slug):
    access = get_access(request, slug)
    context = {"network": access.network, "access": access, **signals_context(access)}
    template = "insights/signals.html"
    if request.htmx:
        on_board = request.GET.get("plek") == "bord"
        template = "insights/_signals.html#" + ("board-signals" if on_board else "signals")
    return render(request, template, context)


def _back(request, access):
    target = local_path(request, request.POST.get("next"))
    if target:
        return redirect(target)
    return redirect("networks:signals", access.network.slug)


@require_POST
def signal_dismiss(request, slug, code):
    """Put a signal aside, or back (facilitators only); it returns when the situation changes."""
    access = get_access(request, slug)
    access.require(access.is_facilitator)
    if code not in pitfalls.CODES:
        raise Http404
    if "terugzetten" in request.POST:
        pitfalls.restore(access.network, code)
    elif pitfalls.dismiss(access.network, code, request.user) is None and not request.htmx:
        # A stale page: the situation changed and the signal is gone by itself.
        messages.info(request, _("Dit signaal speelt niet meer."))
    if request.htmx:
        context = {"network": access.network, "access": access, **signals_context(access)}
        return render(request, "insights/_signals.html#signals", context)
    return _back(request, access)
