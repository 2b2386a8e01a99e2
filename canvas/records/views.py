"""Keeping the canvas's record: posters, coalition sheets, versions, import and export.

Every member may look: print posters, list, open, compare and export versions. Only
facilitators and coordinators change the record: save, restore and import.
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from canvas.board.read import Board, Room
from canvas.board.render import board_context
from canvas.live import events
from canvas.models import Note
from canvas.prompts import NOTE_BLOCKS
from canvas.records import poster
from canvas.records.compare import compare
from canvas.records.forms import (
    ImportForm,
    PosterForm,
    VersionForm,
    VersionImportForm,
    default_label,
)
from canvas.records.interchange import (
    dumps,
    export_network,
    import_network,
    replace_canvas,
    without_people,
)
from canvas.records.models import AutoLabel, CanvasVersion
from networks.access import get_access, require_may_start_network
from networks.params import parse_id
from networks.spreadsheets import csv_response

NOW = "nu"  # stands for the canvas as it is now, where a version id could be


def _version_or_404(access, pk):
    return get_object_or_404(CanvasVersion, network=access.network, pk=pk)


def _download(content, filename, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _stamp(when):
    return timezone.localtime(when).strftime("%Y-%m-%d")


# ---------------------------------------------------------------------------
# Posters and coalition sheets


def _printable(access, version):
    """Return the source, label and date of what to print: a version, or now."""
    if version is None:
        return poster.Source(network=access.network), "", timezone.now()
    return poster.Source(document=version.document), version.title, version.created_at


def _print_context(access, form, **extra):
    network = access.network
    return {
        "network": network,
        "access": access,
        "form": form,
        "coalitions": network.coalitions.order_by("position", "id"),
        **extra,
    }


@require_GET
def print_page(request, slug):
    """Show the choices for a poster and coalition sheets."""
    access = get_access(request, slug)
    form = PosterForm(network=access.network, initial={"versie": request.GET.get("versie")})
    return render(request, "records/print.html", _print_context(access, form))


@require_GET
@vary_on_headers("HX-Request")
def poster_pdf(request, slug):
    """Answer the poster as a PDF; to htmx, render it first and answer a download link.

    Rendering takes seconds: htmx shows progress meanwhile, and the link then fetches
    the same PDF from the cache at once.
    """
    access = get_access(request, slug)
    form = PosterForm(request.GET, network=access.network)
    if not form.is_valid():
        if request.htmx:
            response = render(
                request, "records/print.html#poster-form", _print_context(access, form), status=422
            )
            return reswap(retarget(response, "#poster-form"), "outerHTML")
        return render(request, "records/print.html", _print_context(access, form), status=422)
    size, version = form.cleaned_data["formaat"], form.cleaned_data["versie"]
    source, label, when = _printable(access, version)
    pdf = poster.poster_pdf(source, size, label=label, when=when)
    filename = f"{slugify(access.network.name)}-{slugify(label) or _stamp(when)}-{size}.pdf"
    if request.htmx:
        context = _print_context(
            access,
            form,
            ready={
                "url": f"{request.path}?{request.GET.urlencode()}",
                "filename": filename,
                "size": size,
                "kb": len(pdf) // 1024,
                "label": label,
            },
        )
        return render(request, "records/print.html#poster-ready", context)
    return _download(pdf, filename, "application/pdf")


@require_GET
def poster_png(request, slug):
    """Answer the poster's first page as a PNG image, for a newsletter or a slide."""
    access = get_access(request, slug)
    form = PosterForm(request.GET, network=access.network)
    if not form.is_valid():
        return render(request, "records/print.html", _print_context(access, form), status=422)
    size, version = form.cleaned_data["formaat"], form.cleaned_data["versie"]
    source, label, when = _printable(access, version)
    png = poster.poster_png(source, size, label=label, when=when)
    filename = f"{slugify(access.network.name)}-{slugify(label) or _stamp(when)}-{size}.png"
    return _download(png, filename, "image/png")


@require_GET
def notes_csv(request, slug):
    """Answer the canvas's notes as a CSV: block, question, text, status, author, votes.

    Read from the export, so notes still hidden in a silent round are never in it.
    """
    access = get_access(request, slug)
    document = export_network(access.network)
    statuses = dict(Note.Status.choices)
    rows = [[_("Bouwsteen"), _("Vraag"), _("Notitie"), _("Status"), _("Auteur"), _("Stemmen")]]
    for block in NOTE_BLOCKS:
        for prompt in block.prompts:
            for item in document.get(block.slug, {}).get(prompt.slug, []):
                item = {"text": item} if isinstance(item, str) else item
                status = item.get("status", Note.Status.PROPOSED) if block.has_status else ""
                rows.append(
                    [
                        str(block.title),
                        str(prompt.title),
                        item["text"],
                        str(statuses.get(status, "")),
                        item.get("author", ""),
                        item.get("votes", 0),
                    ]
                )
    filename = f"{slugify(access.network.name)}-notities-{_stamp(timezone.now())}"
    return csv_response(rows, filename)


@require_GET
def sheets_pdf(request, slug):
    """Answer the coalition sheets (A4, one page each) as a PDF: all, or `?coalitie=ID`."""
    access = get_access(request, slug)
    form = PosterForm(request.GET, network=access.network)
    if not form.is_valid():
        return render(request, "records/print.html", _print_context(access, form), status=422)
    source, label, when = _printable(access, form.cleaned_data["versie"])
    only = None
    if request.GET.get("coalitie"):
        pk = parse_id(request.GET["coalitie"])
        coalition = access.network.coalitions.filter(pk=pk).first() if pk else None
        names = {item["name"] for item in source.document().get("coalitions", [])}
        if coalition is None or coalition.name not in names:
            return render(
                request,
                "records/print.html",
                _print_context(access, form, sheet_error=_("Deze coalitie bestaat niet (meer).")),
                status=404,
            )
        only = coalition.name
    pdf = poster.sheets_pdf(source, only=only, label=label, when=when)
    name = slugify(only) if only else "coalities"
    return _download(pdf, f"{slugify(access.network.name)}-{name}.pdf", "application/pdf")


# ---------------------------------------------------------------------------
# Versions


def _list_context(access, form=None, **extra):
    return {
        "network": access.network,
        "access": access,
        "versions": access.network.versions.for_list(),
        "form": form or VersionForm(initial={"label": default_label()}),
        **extra,
    }


@require_GET
@vary_on_headers("HX-Request")
def version_list(request, slug):
    access = get_access(request, slug)
    template = "records/versions.html#version-list" if request.htmx else "records/versions.html"
    return render(request, template, _list_context(access))


@require_POST
@vary_on_headers("HX-Request")
def version_save(request, slug):
    """Save the canvas as it is now as a dated version with a label."""
    access = get_access(request, slug)
    access.require(access.can_keep_record)
    form = VersionForm(request.POST)
    if not form.is_valid():
        template = "records/versions.html#versions" if request.htmx else "records/versions.html"
        return render(request, template, _list_context(access, form), status=422)
    version = CanvasVersion.save_current(access.network, request.user, form.cleaned_data["label"])
    if request.htmx:
        return render(
            request,
            "records/versions.html#versions",
            _list_context(access, saved=version),
        )
    messages.success(request, _("Versie “%(label)s” opgeslagen.") % {"label": version.label})
    return redirect("record:versions", access.network.slug)


@require_GET
def version_detail(request, slug, pk):
    """Show a saved version as the board showed it then, read-only."""
    access = get_access(request, slug)
    version = _version_or_404(access, pk)
    board = Board.from_document(access.network, version.document)
    context = board_context(
        access,
        board=board,
        band=board.band,
        readonly=True,
        version=version,
        room=Room.empty(access.network),  # a version has no workshop, votes or commitments
    )
    return render(request, "records/version_detail.html", context)


@require_GET
def version_export(request, slug, pk):
    """Answer a version as a `netwerkcanvas/1` JSON file."""
    access = get_access(request, slug)
    version = _version_or_404(access, pk)
    filename = f"{access.network.slug}-{_stamp(version.created_at)}-{slugify(version.label)}.json"
    document = without_people(version.document)  # account ids stay in the installation
    return _download(dumps(document), filename, "application/json; charset=utf-8")


@require_GET
def canvas_export(request, slug):
    """Answer the canvas as it is now as a `netwerkcanvas/1` JSON file."""
    access = get_access(request, slug)
    filename = f"{access.network.slug}-{_stamp(timezone.now())}.json"
    document = export_network(access.network)
    return _download(dumps(document), filename, "application/json; charset=utf-8")


def _side(access, value):
    """Return (document, label, version) for a side of a comparison: a version id or now."""
    if value in (None, "", NOW):
        return export_network(access.network), _("Nu"), None
    pk = parse_id(value)
    if pk is None:
        return None
    version = access.network.versions.filter(pk=pk).first()
    if version is None:
        return None
    return version.document, version.title, version


@require_GET
def version_compare(request, slug):
    """Compare two versions, or a version with now: `?a=ID&b=ID` (`nu` for now)."""
    access = get_access(request, slug)
    versions = list(access.network.versions.for_list())
    default_a = str(versions[0].pk) if versions else NOW
    a_value, b_value = request.GET.get("a", default_a), request.GET.get("b", NOW)
    a, b = _side(access, a_value), _side(access, b_value)
    context = {
        "network": access.network,
        "access": access,
        "versions": versions,
        "a_value": a_value,
        "b_value": b_value,
        "show_all": request.GET.get("alles") == "1",
    }
    if a is None or b is None:
        context["error"] = _("Deze versie bestaat niet (meer). Kies een andere.")
        return render(request, "records/version_compare.html", context, status=404)
    context.update(
        a_label=a[1],
        b_label=b[1],
        a_version=a[2],
        b_version=b[2],
        comparison=compare(a[0], b[0]),
    )
    return render(request, "records/version_compare.html", context)


@require_http_methods(["GET", "POST"])
def version_restore(request, slug, pk):
    """Make a version the canvas again, after keeping the canvas as it is now."""
    access = get_access(request, slug)
    access.require(access.can_keep_record)
    version = _version_or_404(access, pk)
    if request.method == "POST":
        backup = version.restore(request.user)
        # The whole canvas changed: every open board fetches all of it again.
        events.publish_change(access.network, everything=True)
        messages.success(
            request,
            _(
                "Het canvas is teruggezet naar “%(label)s”. "
                "De stand van daarvoor is bewaard als “%(backup)s”."
            )
            % {"label": version.title, "backup": backup.title},
        )
        return redirect("record:versions", access.network.slug)
    comparison = compare(export_network(access.network), version.document)
    return render(
        request,
        "records/version_restore.html",
        {
            "network": access.network,
            "access": access,
            "version": version,
            "comparison": comparison,
        },
    )


# ---------------------------------------------------------------------------
# Import


@require_http_methods(["GET", "POST"])
def version_import(request, slug):
    """Import a `netwerkcanvas/1` file as a new version of this network's canvas."""
    access = get_access(request, slug)
    access.require(access.can_keep_record)
    network = access.network
    form = VersionImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            context = {"form": form, "network": network, "access": access}
            return render(request, "records/import.html", context, status=422)
        label = form.cleaned_data["label"]
        with transaction.atomic():
            CanvasVersion.save_current(
                network,
                request.user,
                AutoLabel("before_import", label),
                kind=CanvasVersion.Kind.AUTOMATIC,
            )
            replace_canvas(network, form.document)
            CanvasVersion.save_current(
                network, request.user, label, kind=CanvasVersion.Kind.IMPORTED
            )
            events.publish_change(network, everything=True)
        messages.success(
            request,
            _("“%(label)s” is geïmporteerd en is nu het canvas; de stand van daarvoor is bewaard.")
            % {"label": label},
        )
        return redirect("record:versions", network.slug)
    return render(
        request, "records/import.html", {"form": form, "network": network, "access": access}
    )


@require_http_methods(["GET", "POST"])
def network_import(request):
    """Import a `netwerkcanvas/1` file as a new network; who imports it facilitates it."""
    require_may_start_network(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "records/import.html", {"form": form}, status=422)
        upload_name = form.cleaned_data["file"].name
        with transaction.atomic():
            network = import_network(form.document, facilitator=request.user)
            CanvasVersion.save_current(
                network,
                request.user,
                AutoLabel("imported", upload_name),
                kind=CanvasVersion.Kind.IMPORTED,
            )
        messages.success(request, _("Netwerk “%(name)s” geïmporteerd.") % {"name": network.name})
        return redirect(network.get_absolute_url())
    return render(request, "records/import.html", {"form": form})
