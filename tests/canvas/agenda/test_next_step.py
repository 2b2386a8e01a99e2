""" "Volgende stap" in the facilitator's panel walks the workshop's agenda."""

from datetime import timedelta

import pytest

from canvas.agenda.models import AgendaStep
from canvas.workshops.models import Vote, Workshop
from canvas.workshops.summary import WorkshopSummary
from tests.canvas.agenda import agenda_with, standard_agenda
from tests.canvas.workshops import start_workshop

HX = {"HX-Request": "true"}


@pytest.fixture
def agenda(network, alice):
    agenda = agenda_with(
        network,
        alice,
        ("identity.passion", "stil", 7),
        ("identity.passion", "stemmen", 4),
        ("rules", "bespreken", 12),
    )
    agenda.workshop = start_workshop(network, alice)
    agenda.save()
    return agenda


def _next(client, network, step, **kwargs):
    data = {"action": "next", "agenda_step": step.pk}
    return client.post(f"/n/{network.slug}/workshop/sturen/", data, **kwargs)


def _workshop(agenda):
    return Workshop.objects.get(pk=agenda.workshop_id)


def test_the_panel_shows_the_next_step_with_its_method_and_minutes(client, network, agenda, alice):
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/").content.decode()
    first = agenda.steps.first()
    assert 'id="steer-next-form"' in html
    assert f'name="agenda_step" value="{first.pk}"' in html
    assert "volgende: stap 1 van 3" in html
    assert "Verbinding op passie · stil schrijven · 7 min" in html


def test_members_see_no_agenda_on_the_board(client, network, agenda, bob):
    client.force_login(bob)
    assert 'id="steer-next-form"' not in client.get(f"/n/{network.slug}/").content.decode()


def test_next_twice_applies_each_steps_method_and_timer(client, network, agenda, alice):
    silent, vote, _discuss = agenda.steps.all()
    client.force_login(alice)
    response = _next(client, network, silent, headers=HX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="workshop-panel"' in html and "<html" not in html
    assert "volgende: stap 2 van 3" in html and "autofocus>Volgende stap" in html.replace(
        'aria-describedby="steer-next-step" ', ""
    )
    workshop = _workshop(agenda)
    assert (workshop.step_block, workshop.step_prompt, workshop.silent) == (
        "identity",
        "passion",
        True,
    )
    assert workshop.timer_state == "running" and workshop.timer_seconds == 7 * 60

    assert _next(client, network, vote).status_code == 302  # without JavaScript
    workshop = _workshop(agenda)
    assert not workshop.silent and workshop.timer_seconds == 4 * 60
    assert (workshop.open_vote.target, workshop.open_vote.prompt) == (Vote.Target.PROMPT, "passion")
    silent.refresh_from_db()
    vote.refresh_from_db()
    assert silent.ended_at == vote.started_at is not None


def test_a_second_click_on_a_started_step_skips_nothing(client, network, agenda, alice):
    silent, vote, _discuss = agenda.steps.all()
    client.force_login(alice)
    _next(client, network, silent)
    assert _next(client, network, silent, headers=HX).status_code == 200
    assert not AgendaStep.objects.filter(pk=vote.pk, started_at__isnull=False).exists()
    assert _workshop(agenda).silent


@pytest.mark.parametrize("value", ["", "abc", "0", "99999999999999999999"])
def test_a_step_that_is_not_on_the_agenda_is_refused(client, network, agenda, alice, value):
    other = standard_agenda(network, alice).steps.first()
    client.force_login(alice)
    before = _workshop(agenda).step_block
    for step_id in (value, other.pk):
        response = client.post(
            f"/n/{network.slug}/workshop/sturen/",
            {"action": "next", "agenda_step": step_id},
            headers=HX,
        )
        assert response.status_code == 422
        assert "Deze stap staat niet op de agenda van deze workshop." in response.content.decode()
    assert _workshop(agenda).step_block == before
    assert not AgendaStep.objects.filter(started_at__isnull=False).exists()


def test_a_workshop_without_agenda_has_no_next_step(client, network, alice):
    start_workshop(network, alice)
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert 'id="steer-next-form"' not in html
    step = standard_agenda(network, alice).steps.first()
    assert _next(client, network, step, headers=HX).status_code == 422


@pytest.mark.parametrize("who", ["cora", "bob"])
def test_only_facilitators_walk_the_agenda(client, network, agenda, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _next(client, network, agenda.steps.first()).status_code == 403
    assert not AgendaStep.objects.filter(started_at__isnull=False).exists()


def test_choosing_a_step_by_hand_leaves_the_agenda_as_it_was(client, network, agenda, alice):
    silent, vote, _discuss = agenda.steps.all()
    client.force_login(alice)
    _next(client, network, silent)
    client.post(f"/n/{network.slug}/workshop/sturen/", {"action": "step", "step": "leadership"})
    assert _workshop(agenda).step_block == "leadership"
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert f'name="agenda_step" value="{vote.pk}"' in html


def test_the_board_with_an_agenda_costs_the_same_queries_however_long(
    client, network, alice, django_assert_max_num_queries
):
    agenda = standard_agenda(network, alice)
    agenda.workshop = start_workshop(network, alice)
    agenda.save()
    client.force_login(alice)
    with django_assert_max_num_queries(20) as short:
        assert client.get(f"/n/{network.slug}/").status_code == 200
    for step in list(agenda.steps.all()) * 2:
        agenda.add_step(step.block, step.prompt, step.method, step.minutes)
    with django_assert_max_num_queries(len(short)):
        assert client.get(f"/n/{network.slug}/").status_code == 200


def test_the_summary_shows_planned_against_actual_minutes(client, network, agenda, alice, bob):
    silent, vote, discuss = agenda.steps.all()
    client.force_login(alice)
    _next(client, network, silent)
    _next(client, network, vote)
    # Make the steps look as if they took 9 and 3 minutes.
    started = silent.__class__.objects.get(pk=silent.pk).started_at
    AgendaStep.objects.filter(pk=silent.pk).update(
        started_at=started - timedelta(minutes=12), ended_at=started - timedelta(minutes=3)
    )
    AgendaStep.objects.filter(pk=vote.pk).update(started_at=started - timedelta(minutes=3))
    workshop = _workshop(agenda)
    client.post(f"/n/{network.slug}/workshop/sturen/", {"action": "end"})
    workshop.refresh_from_db()
    summary = WorkshopSummary.load(workshop)
    assert [(row.step.pk, row.actual_minutes) for row in summary.agenda] == [
        (silent.pk, 9),
        (vote.pk, 3),
        (discuss.pk, None),
    ]
    assert (summary.planned_minutes, summary.actual_minutes) == (23, 12)
    client.force_login(bob)  # every member reads the summary
    html = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    assert "Agenda: gepland en werkelijk" in html
    assert '<td class="num">7 min</td>' in html
    assert '<td class="num">9 min</td>' in html
    assert "niet gedaan" in html
    pdf = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_a_summary_without_agenda_shows_no_agenda(client, network, alice):
    workshop = start_workshop(network, alice)
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    assert "Agenda: gepland en werkelijk" not in html
