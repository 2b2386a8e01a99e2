from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from canvas.agenda.models import Agenda, AgendaStep, Method, method_problem
from canvas.agenda.presets import PRESETS
from canvas.workshops.models import Vote
from tests.canvas.agenda import agenda_with, standard_agenda
from tests.canvas.workshops import open_vote, start_workshop


def _plan(agenda):
    return [(s.value, s.method, s.minutes) for s in agenda.steps.all()]


def test_the_standard_template_walks_the_canvas_in_the_usual_order(network, alice):
    agenda = standard_agenda(network, alice)
    blocks = []
    for step in agenda.steps.all():
        if not blocks or blocks[-1] != step.block:
            blocks.append(step.block)
    assert blocks == ["identity", "coalitions", "rules", "organisation", "leadership"]
    assert agenda.title == "Standaardsessie Netwerk Canvas"
    assert agenda.planned_minutes == PRESETS["standaard"].minutes == 170
    assert [s.position for s in agenda.steps.all()] == list(range(15))


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_every_preset_is_a_valid_agenda(key, network, alice):
    agenda = Agenda.create_from(network, alice, key)
    for step in agenda.steps.all():
        assert method_problem(step.block, step.prompt, step.method) == "", step
        step.full_clean()


def test_an_empty_agenda_has_no_steps(network, alice):
    agenda = Agenda.create_from(network, alice, None)
    assert agenda.title == "Nieuwe agenda"
    assert not agenda.steps.exists()


def test_steps_move_up_and_down_and_stay_at_the_ends(network, alice):
    agenda = agenda_with(
        network,
        alice,
        ("identity", "plenair", 10),
        ("rules", "stil", 5),
        ("leadership", "bespreken", 7),
    )
    first, second, third = agenda.steps.all()
    agenda.move(third, -1)
    assert [s.pk for s in agenda._fresh_steps()] == [first.pk, third.pk, second.pk]
    agenda.move(first, -1)  # at the top already
    agenda.move(second, +1)  # at the bottom already
    assert [s.pk for s in agenda._fresh_steps()] == [first.pk, third.pk, second.pk]
    assert [s.position for s in agenda._fresh_steps()] == [0, 1, 2]


def test_removing_a_step_renumbers_the_rest(network, alice):
    agenda = agenda_with(
        network,
        alice,
        ("identity", "plenair", 10),
        ("rules", "stil", 5),
        ("leadership", "bespreken", 7),
    )
    agenda.remove(agenda.steps.all()[0])
    assert [(s.block, s.position) for s in agenda._fresh_steps()] == [
        ("rules", 0),
        ("leadership", 1),
    ]


def test_saving_as_template_copies_the_plan_without_its_times(network, alice):
    agenda = standard_agenda(network, alice)
    agenda.workshop = start_workshop(network, alice)
    agenda.save()
    agenda.start_step(agenda.steps.first())
    template = agenda.save_as_template(alice)
    assert template.is_template and template.workshop is None
    assert _plan(template) == _plan(agenda)
    assert not template.steps.filter(started_at__isnull=False).exists()
    again = Agenda.create_from(network, alice, template)
    assert not again.is_template and _plan(again) == _plan(agenda)


@pytest.mark.parametrize("minutes", [0, 241, 1000])
def test_the_database_refuses_minutes_out_of_range(minutes, network, alice):
    agenda = agenda_with(network, alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaStep.objects.create(
            agenda=agenda, block="identity", method="plenair", minutes=minutes
        )


def test_the_database_refuses_a_prompt_of_another_block(network, alice):
    agenda = agenda_with(network, alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaStep.objects.create(
            agenda=agenda, block="rules", prompt="passion", method="stil", minutes=5
        )


@pytest.mark.parametrize(
    ("step", "method", "fits"),
    [
        ("coalitions", Method.SILENT, False),  # silent writing hides notes, not ambitions
        ("identity", Method.DOT_VOTE, False),  # a whole block: which prompt?
        ("identity.passion", Method.DOT_VOTE, True),
        ("coalitions", Method.DOT_VOTE, True),
        ("rules", Method.COMMITMENT, False),
        ("coalitions", Method.COMMITMENT, True),
        ("rules", Method.IDENTITY_CARD, False),
        ("identity", Method.IDENTITY_CARD, True),
        ("organisation", Method.PLENARY, True),
    ],
)
def test_a_method_fits_some_steps_only(step, method, fits):
    block, _dot, prompt = step.partition(".")
    assert (method_problem(block, prompt, method) == "") is fits


def _walking(network, alice, *steps):
    agenda = agenda_with(network, alice, *steps)
    agenda.workshop = start_workshop(network, alice)
    agenda.save()
    return agenda, agenda.workshop


def test_a_silent_writing_step_goes_there_turns_silent_writing_on_and_runs_its_timer(
    network, alice
):
    agenda, workshop = _walking(network, alice, ("identity.passion", "stil", 7))
    step = agenda.steps.get()
    assert agenda.start_step(step) == []
    workshop.refresh_from_db()
    assert (workshop.step_block, workshop.step_prompt) == ("identity", "passion")
    assert workshop.silent
    assert workshop.timer_state == "running" and workshop.timer_seconds == 7 * 60
    step.refresh_from_db()
    assert step.started_at is not None and step.ended_at is None


def test_a_dot_vote_step_opens_a_vote_on_its_prompt_or_on_the_ambitions(network, alice):
    agenda, workshop = _walking(
        network, alice, ("rules.decisions", "stemmen", 5), ("coalitions", "stemmen", 4)
    )
    on_prompt, on_ambitions = agenda.steps.all()
    assert agenda.start_step(on_prompt) == ["prompt-decisions"]
    vote = workshop.open_vote
    assert (vote.target, vote.prompt) == (Vote.Target.PROMPT, "decisions")
    # The next vote closes the one still open first: one vote at a time.
    assert agenda.start_step(on_ambitions) == ["prompt-decisions", "band"]
    vote.refresh_from_db()
    assert vote.closed_at is not None
    assert workshop.open_vote.target == Vote.Target.AMBITIONS
    workshop.refresh_from_db()
    assert not workshop.silent and workshop.timer_seconds == 4 * 60


def test_other_methods_only_go_there_and_run_the_timer(network, alice):
    agenda, workshop = _walking(
        network, alice, ("identity.passion", "stil", 5), ("identity", "bespreken", 9)
    )
    vote = open_vote(workshop)
    silent, discuss = agenda.steps.all()
    agenda.start_step(silent)
    agenda.start_step(discuss)
    workshop.refresh_from_db()
    assert (workshop.step_block, workshop.step_prompt, workshop.silent) == ("identity", "", False)
    assert workshop.timer_seconds == 9 * 60
    assert workshop.open_vote == vote  # left open: closing it is the facilitator's call


def test_starting_a_step_ends_the_one_before_and_a_started_step_does_not_start_again(
    network, alice
):
    agenda, workshop = _walking(network, alice, ("identity", "plenair", 5), ("rules", "stil", 5))
    first, second = agenda.steps.all()
    agenda.start_step(first)
    assert agenda.start_step(second) == []
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.ended_at == second.started_at
    assert agenda.start_step(second) is None  # a second click changes nothing
    assert agenda.start_step(first) is None
    assert AgendaStep.objects.get(pk=second.pk).started_at == second.started_at


def test_the_next_step_is_the_first_not_started(network, alice):
    agenda, workshop = _walking(network, alice, ("identity", "plenair", 5), ("rules", "stil", 5))
    first, second = agenda.steps.all()
    assert agenda.next_step() == first
    agenda.start_step(first)
    agenda = Agenda.objects.prefetch_related("steps").get(pk=agenda.pk)
    assert agenda.next_step() == second


def test_how_long_a_step_ran(network, alice):
    agenda, workshop = _walking(network, alice, ("identity", "plenair", 5))
    step = agenda.steps.get()
    assert step.actual_seconds() is None
    now = timezone.now()
    step.started_at = now - timedelta(minutes=6, seconds=10)
    assert step.actual_seconds(until=now) == 370
    step.ended_at = now - timedelta(minutes=1)
    assert step.actual_seconds(until=now) == 310
