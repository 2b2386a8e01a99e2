"""Preparing a workshop: agendas and templates, edited step by step, printed on A4.

Facilitators and coordinators prepare; only facilitators start a workshop with an agenda
(they steer it). The editor is one form: every button (up, down, remove, add, save) saves
what was typed in every step first, so nothing typed is lost by pressing another button;
bad input changes nothing and answers 422 with the message beside its field. htmx swaps
the editor; without JavaScript the same form posts and redirects.
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from canvas.agenda.forms import AgendaTitleForm, NewAgendaForm, StepForm
from canvas.agenda.models import MAX_STEPS, Agenda
from canvas.agenda.presets import PRESETS
from canvas.board.render import board_url
from canvas.live.events import publish_change
from canvas.workshops.models import Workshop
from networks.access import get_access
from networks.params import parse_id

AGENDAS = "agenda/agendas.html"
AGENDA = "agenda/agenda.html"
PRINT = "agenda/agenda_print.html"


def _get_agenda(access, pk):
    """Return the agenda `pk` of the access's network; another network's gets a 404."""
    access.require(access.can_prepare_workshop)
    return get_object_or_404(
        Agenda.objects.select_related("workshop").prefetch_related("steps"),
        pk=pk,
        network=access.network,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def agendas(request, slug):
    """List the network's agendas and templates; make a new agenda from a template."""
    access = get_access(request, slug)
    access.require(access.can_prepare_workshop)
    network = access.network
    form = NewAgendaForm(request.POST or None, network=network)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            agenda = Agenda.create_from(network, request.user, form.source())
            return redirect("agenda:detail", network.slug, agenda.pk)
        status = 422
    listed = network.agendas.select_related("workshop").annotate(
        step_count=Count("steps"), minutes=Sum("steps__minutes")
    )
    context = {
        "network": network,
        "access": access,
        "form": form,
        "plans": listed.plans(),
        "templates": listed.templates().order_by("title"),
        "presets": PRESETS.values(),
    }
    return render(request, AGENDAS, context, status=status)


class _Refused(Exception):
    """An action that cannot be done on this agenda (409), with the reason to show."""


def _editor(agenda, data=None):
    """Return the editor's forms: the title, one per step not started yet, a new step."""
    steps = list(agenda.steps.all())
    editable = not agenda.is_done
    title = data if data is not None and "agenda-title" in data else None
    return {
        "title": AgendaTitleForm(title, instance=agenda, prefix="agenda") if editable else None,
        "rows": [
            (step, StepForm.of(step, data) if editable and step.started_at is None else None)
            for step in steps
        ],
        "new": StepForm(data, prefix="new", initial={"minutes": 10}),
    }


def _save_all(forms):
    """Save the title and every step as typed; return False (nothing saved) if any is bad."""
    bound = [form for form in (forms["title"], *_row_forms(forms)) if form and form.is_bound]
    # Every form, not up to the first bad one: each shows its own errors.
    valid = [form.is_valid() for form in bound]
    if not all(valid):
        return False
    if forms["title"] in bound and forms["title"].has_changed():
        forms["title"].save()
    for step, form in forms["rows"]:
        if form in bound and form.changed(step):
            form.apply(step)
    return True


def _row_forms(forms):
    return [form for _step, form in forms["rows"]]


def _step_of(agenda, pk, *, unstarted=True):
    step = next((s for s in agenda.steps.all() if s.pk == pk), None)
    if step is None:
        raise Agenda.DoesNotExist  # a stale id, or one of another agenda: not found
    if unstarted and step.started_at is not None:
        raise _Refused(_("Deze stap is al begonnen; hij blijft zoals hij was."))
    return step


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def agenda(request, slug, pk):
    """Edit an agenda: its title and steps; keep it as a template; start a workshop with it."""
    access = get_access(request, slug)
    agenda = _get_agenda(access, pk)
    if request.method != "POST":
        return _render(request, access, agenda, _editor(agenda))
    verb, _colon, arg = request.POST.get("action", "").partition(":")
    if verb not in _ACTIONS:
        return HttpResponse(_("Onbekende knop."), status=400)
    if agenda.is_done and verb != "template":
        message = _(
            "De workshop van deze agenda is voorbij; de agenda blijft zoals hij was. "
            "Bewaar hem als sjabloon om hem opnieuw te gebruiken."
        )
        return _render(request, access, agenda, _editor(agenda), message=message, status=409)
    forms = _editor(agenda, request.POST)
    try:
        with transaction.atomic():
            if not _save_all(forms):
                return _render(request, access, agenda, forms, status=422)
            answer = _ACTIONS[verb](request, access, agenda, forms, parse_id(arg))
    except Agenda.DoesNotExist:
        return HttpResponse(_("Deze stap staat niet (meer) op deze agenda."), status=404)
    except _Refused as refusal:
        # Nothing was saved; what was typed stays in the form.
        return _render(request, access, agenda, forms, message=str(refusal), status=409)
    if isinstance(answer, HttpResponse):
        return answer
    if answer is False:  # the new step's form has its errors
        return _render(request, access, agenda, forms, status=422)
    focus, anchor, message = answer
    if not request.htmx:
        if message:
            messages.success(request, message)
        return redirect(reverse("agenda:detail", args=[slug, agenda.pk]) + anchor)
    agenda = _get_agenda(access, pk)  # as saved: order, steps, title
    return _render(request, access, agenda, _editor(agenda), focus=focus, message=message)


def _save(request, access, agenda, forms, _pk):
    return ("save", "", _("De agenda is bewaard."))


def _move(offset, verb):
    def move(request, access, agenda, forms, pk):
        step = _step_of(agenda, pk, unstarted=False)
        agenda.move(step, offset)
        return ((verb, step.pk), f"#step-{step.pk}", "")

    return move


def _remove(request, access, agenda, forms, pk):
    step = _step_of(agenda, pk)
    title = str(step.title)
    agenda.remove(step)
    return ("removed", "#agenda-steps", _("Stap „%(step)s” is verwijderd.") % {"step": title})


def _add(request, access, agenda, forms, _pk):
    new = forms["new"]
    if agenda.steps.count() >= MAX_STEPS:
        new.is_valid()
        new.add_error(None, _("Hoogstens %(max)d stappen op één agenda.") % {"max": MAX_STEPS})
        return False
    if not new.is_valid():
        return False
    data = new.cleaned_data
    step = agenda.add_step(data["block"], data["prompt"], data["method"], data["minutes"])
    return ("added", f"#step-{step.pk}", _("Stap „%(step)s” is toegevoegd.") % {"step": step.title})


def _template(request, access, agenda, forms, _pk):
    copy = agenda.save_as_template(request.user)
    url = reverse("agenda:detail", args=[access.network.slug, copy.pk])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _start(request, access, agenda, forms, _pk):
    """Start a workshop that walks this agenda, or let the running one walk it."""
    access.require(access.can_steer_workshop)
    if agenda.is_template:
        raise _Refused(_("Een sjabloon start geen workshop: maak er eerst een agenda van."))
    if agenda.workshop_id is not None:
        raise _Refused(_("Deze agenda hoort al bij een workshop."))
    network = access.network
    running = Workshop.objects.running().filter(network=network).first()
    if running is not None and Agenda.objects.filter(workshop=running).exists():
        raise _Refused(_("Er loopt al een workshop met een andere agenda; beëindig die eerst."))
    try:
        with transaction.atomic():
            agenda.workshop = running or Workshop.start(network, request.user, agenda.title)
            agenda.save(update_fields=["workshop", "updated_at"])
    except IntegrityError:  # started twice at once
        raise _Refused(_("Er loopt al een workshop in dit netwerk; beëindig die eerst.")) from None
    publish_change(network, "workshop", by=request)
    url = board_url(network, "workshop")
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def _delete(request, access, agenda, forms, _pk):
    if agenda.workshop_id is not None:
        raise _Refused(_("Deze agenda hoort bij een workshop en blijft daarom bewaard."))
    agenda.delete()
    url = reverse("agenda:list", args=[access.network.slug])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


_ACTIONS = {
    "save": _save,
    "up": _move(-1, "up"),
    "down": _move(+1, "down"),
    "remove": _remove,
    "add": _add,
    "template": _template,
    "start": _start,
    "delete": _delete,
}


def _render(request, access, agenda, forms, *, focus="", message="", status=200):
    """Answer with the editor (htmx) or the whole page."""
    running = None
    if not agenda.is_template and agenda.workshop_id is None:
        running = Workshop.objects.running().filter(network=access.network).first()
    steps = [step for step, _form in forms["rows"]]
    context = {
        "network": access.network,
        "access": access,
        "agenda": agenda,
        "forms": forms,
        "running": running,
        "running_has_agenda": running is not None
        and Agenda.objects.filter(workshop=running).exists(),
        "next_step": agenda.next_step() if agenda.is_running else None,
        "minutes": sum(step.minutes for step in steps),
        "focus": focus if isinstance(focus, str) else "",
        "focus_step": _focus_step(focus, steps),
        "message": message,
        "refused": status >= 400,
    }
    template = f"{AGENDA}#agenda-editor" if request.htmx else AGENDA
    return render(request, template, context, status=status)


def _focus_step(focus, steps):
    """Return (step pk, "up" or "down"): the button to focus after a move.

    A step moved to the top has no "up" button any more, to the bottom no "down".
    """
    if not isinstance(focus, tuple):
        return (None, "")
    verb, pk = focus
    ids = [step.pk for step in steps]
    if verb == "up" and ids[:1] == [pk]:
        verb = "down"
    elif verb == "down" and ids[-1:] == [pk]:
        verb = "up"
    return (pk, verb)


@require_safe
def agenda_print(request, slug, pk):
    """The agenda on A4, for the facilitator: times, steps, methods, room for notes."""
    access = get_access(request, slug)
    agenda = _get_agenda(access, pk)
    rows, at = [], 0
    for step in agenda.steps.all():
        rows.append((step, f"{at // 60}:{at % 60:02d}"))  # from the start, as h:mm
        at += step.minutes
    context = {"network": access.network, "agenda": agenda, "rows": rows, "minutes": at}
    return render(request, PRINT, context)
