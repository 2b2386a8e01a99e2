"""The workshop's rules on the model: steps, the timer, silent writing, the end."""

import pytest
from django.db import IntegrityError, transaction

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Workshop
from networks.models import Membership, User
from tests.canvas.workshops import open_vote, run_clock, start_workshop


def test_one_workshop_runs_per_network_at_a_time(network, alice):
    first = start_workshop(network, alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        start_workshop(network, alice, title="Nog een")
    first.end()
    assert start_workshop(network, alice, title="Volgende").is_running


def test_a_step_is_a_block_or_one_of_its_prompts(network, alice):
    workshop = start_workshop(network, alice)
    workshop.go_to("identity")
    assert (workshop.step_anchor, str(workshop.step_title)) == ("block-identity", "Identiteit")
    workshop.go_to("identity", "passion")
    assert workshop.step_anchor == "prompt-passion"
    assert str(workshop.step_block_title) == "Identiteit"
    assert str(workshop.step_question) == "Welk gedeeld thema geeft ons energie?"
    workshop.go_to("coalitions")
    assert (workshop.step_anchor, str(workshop.step_title)) == ("band", "Ambities en coalities")


def test_a_prompt_of_another_block_is_refused_by_the_database(network, alice):
    workshop = start_workshop(network, alice)
    workshop.step_block, workshop.step_prompt = "rules", "passion"
    with pytest.raises(IntegrityError), transaction.atomic():
        workshop.save()


def test_a_new_step_starts_without_timer_or_silent_writing(network, alice):
    workshop = start_workshop(network, alice, silent=True)
    workshop.start_timer(5)
    workshop.go_to("rules")
    workshop.refresh_from_db()
    assert (workshop.timer_state, workshop.silent) == ("off", False)


def test_the_timer_counts_down_from_stored_timestamps(network, alice):
    workshop = start_workshop(network, alice)
    workshop.start_timer(5)
    assert (workshop.timer_state, workshop.time_left()) == ("running", 300)
    run_clock(workshop, 65)
    # Read afresh, as a reload or a late joiner does.
    workshop = Workshop.objects.get(pk=workshop.pk)
    assert workshop.time_left() == 235
    assert workshop.timer_state == "running"


def test_a_paused_timer_keeps_its_time(network, alice):
    workshop = start_workshop(network, alice)
    workshop.start_timer(5)
    run_clock(workshop, 100)
    workshop.pause_timer()
    workshop = Workshop.objects.get(pk=workshop.pk)
    assert (workshop.timer_state, workshop.time_left()) == ("paused", 200)
    workshop.resume_timer()
    run_clock(workshop, 50)
    assert Workshop.objects.get(pk=workshop.pk).time_left() == 150


def test_a_minute_more_extends_a_running_or_finished_countdown(network, alice):
    workshop = start_workshop(network, alice)
    workshop.start_timer(1)
    run_clock(workshop, 30)
    workshop.add_minute()
    assert workshop.time_left() == 90
    run_clock(workshop, 500)  # long done
    assert workshop.timer_state == "done"
    workshop.add_minute()
    assert (workshop.timer_state, workshop.time_left()) == ("running", 60)


def test_stopping_clears_the_timer(network, alice):
    workshop = start_workshop(network, alice)
    workshop.start_timer(3)
    workshop.stop_timer()
    assert (workshop.timer_state, workshop.time_left()) == ("off", 0)


def test_a_timer_at_zero_is_done(network, alice):
    workshop = start_workshop(network, alice)
    workshop.start_timer(2)
    run_clock(workshop, 120)
    assert (workshop.timer_state, workshop.time_left()) == ("done", 0)


def test_the_reveal_shows_every_hidden_note_and_ends_silent_writing(network, alice, bob):
    workshop = start_workshop(network, alice, silent=True)
    first = Note.add(network, PROMPTS["passion"], "Eerste", bob, hidden=True)
    second = Note.add(network, PROMPTS["conflicts"], "Tweede", alice, hidden=True)
    assert workshop.reveal(names=True) == ["conflicts", "passion"]
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.hidden and not second.hidden
    assert first.author_display == "Bob"
    assert not Workshop.objects.get(pk=workshop.pk).silent


def test_an_anonymous_reveal_clears_the_authors_name_but_keeps_the_author(network, alice, bob):
    workshop = start_workshop(network, alice)
    note = Note.add(network, PROMPTS["passion"], "Zonder naam", bob, hidden=True)
    workshop.reveal(names=False)
    note.refresh_from_db()
    assert (note.anonymous, note.author_display, note.author) == (True, "", bob)


def test_hidden_notes_are_left_out_of_alive_but_seen_by_their_author(network, alice, bob):
    note = Note.add(network, PROMPTS["passion"], "Alleen voor mij", bob, hidden=True)
    assert not Note.objects.revealed().filter(pk=note.pk).exists()
    assert Note.objects.visible_to(bob).filter(pk=note.pk).exists()
    assert not Note.objects.visible_to(alice).filter(pk=note.pk).exists()
    assert not Note.objects.visible_to(None).filter(pk=note.pk).exists()
    assert Note.objects.hidden_counts(network, alice) == {"passion": 1}
    assert Note.objects.hidden_counts(network, bob) == {}


def test_ending_reveals_closes_the_vote_and_stops_the_clock(network, alice, bob):
    workshop = start_workshop(network, alice, silent=True, reveal_names=False)
    note = Note.add(network, PROMPTS["passion"], "Nog verborgen", bob, hidden=True)
    workshop.start_timer(5)
    vote = open_vote(workshop)
    assert workshop.end() == ["passion"]
    note.refresh_from_db()
    vote.refresh_from_db()
    workshop.refresh_from_db()
    assert (note.hidden, note.anonymous) == (False, True)
    assert vote.closed_at is not None
    assert (workshop.is_running, workshop.timer_state, workshop.silent) == (False, "off", False)


def test_a_workshop_starts_with_its_own_code_and_ending_it_revokes_the_code(network, alice):
    workshop = Workshop.start(network, alice, "Workshop 3")
    link = workshop.join_link
    assert (link.network, link.is_valid) == (network, True)
    workshop.end()
    link.refresh_from_db()
    assert not link.is_valid and link.revoked_at is not None


def test_a_guest_who_joined_with_the_workshops_code_takes_part_until_it_ends(network, alice):
    workshop = Workshop.start(network, alice, "Workshop 3")
    guest = User.objects.create_guest("Gijs")
    membership = workshop.join_link.admit(guest)
    assert membership.guest_may_take_part
    workshop.end()
    assert (
        not Membership.objects.select_related("join_link").get(pk=membership.pk).guest_may_take_part
    )


def test_ending_keeps_the_canvas_as_a_version_named_after_the_workshop(network, alice, bob):
    from canvas.records.models import CanvasVersion

    workshop = Workshop.start(network, alice, "Workshop 3 — spelregels")
    Note.add(network, PROMPTS["decisions"], "Besluiten bij consent", bob, hidden=True)
    workshop.end(alice)
    version = CanvasVersion.objects.get(network=network)
    assert (version.label, version.created_by) == ("Workshop 3 — spelregels", alice)
    assert Workshop.objects.get(pk=workshop.pk).version == version
    rules = version.document["rules"]["decisions"]
    assert any("Besluiten bij consent" in str(rule) for rule in rules)  # revealed first
