"""Factories for the agenda tests."""

from canvas.agenda.models import Agenda


def standard_agenda(network, by):
    return Agenda.create_from(network, by, "standaard")


def agenda_with(network, by, *steps, title="Mijn agenda"):
    """Return an agenda with `steps`: (step value, method, minutes)."""
    agenda = Agenda.objects.create(network=network, title=title, created_by=by)
    for value, method, minutes in steps:
        block, _dot, prompt = value.partition(".")
        agenda.add_step(block, prompt, method, minutes)
    return agenda
