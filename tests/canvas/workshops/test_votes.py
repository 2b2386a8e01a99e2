"""Dot-voting on the model: dots per person, the limit per item, closing records totals."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Vote
from coalitions.models import Ambition, Coalition
from tests.canvas.workshops import open_vote, participant, start_workshop


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice)


def _passion(network):
    return list(Note.objects.revealed().filter(network=network, prompt="passion").order_by("id"))


def test_each_person_has_their_dots_and_no_more(network, workshop, bob):
    vote = open_vote(workshop, dots_per_person=3, max_per_item=2)
    first, second = _passion(network)[:2]
    vote.place(bob, first)
    vote.place(bob, first)
    vote.place(bob, second)
    with pytest.raises(ValidationError, match="Je stippen zijn op"):
        vote.place(bob, second)
    assert vote.dots_of(bob) == {first.pk: 2, second.pk: 1}


def test_at_most_two_dots_on_one_item_by_default(network, workshop, bob):
    vote = open_vote(workshop)
    note = _passion(network)[0]
    vote.place(bob, note)
    vote.place(bob, note)
    with pytest.raises(ValidationError, match="Hoogstens 2 stippen op één item"):
        vote.place(bob, note)
    assert vote.totals() == {note.pk: 2}


def test_the_facilitator_may_allow_more_on_one_item(network, workshop, bob):
    vote = open_vote(workshop, dots_per_person=3, max_per_item=3)
    note = _passion(network)[0]
    for _ in range(3):
        vote.place(bob, note)
    assert vote.totals() == {note.pk: 3}


def test_a_dot_can_be_taken_back_and_placed_elsewhere(network, workshop, bob):
    vote = open_vote(workshop, dots_per_person=1, max_per_item=1)
    first, second = _passion(network)[:2]
    vote.place(bob, first)
    assert vote.take_back(bob, first) is True
    assert vote.take_back(bob, first) is False
    vote.place(bob, second)
    assert vote.dots_of(bob) == {second.pk: 1}


def test_only_the_items_of_the_vote_take_dots(network, workshop, bob, alice):
    vote = open_vote(workshop)
    other_prompt = Note.objects.filter(network=network, prompt="ambition").first()
    hidden = Note.add(network, PROMPTS["passion"], "Verborgen", alice, hidden=True)
    ambition = Ambition.objects.filter(network=network).first()
    for item in (other_prompt, hidden, ambition):
        with pytest.raises(ValidationError, match="Hierover wordt nu niet gestemd"):
            vote.place(bob, item)
    assert vote.totals() == {}


def test_a_closed_vote_takes_no_dots(network, workshop, bob):
    vote = open_vote(workshop)
    note = _passion(network)[0]
    vote.place(bob, note)
    vote.close()
    with pytest.raises(ValidationError, match="gesloten"):
        vote.place(bob, note)
    with pytest.raises(ValidationError, match="gesloten"):
        vote.take_back(bob, note)


def test_closing_records_the_totals_as_the_notes_votes(network, workshop, bob, cora):
    vote = open_vote(workshop)
    notes = _passion(network)
    Note.objects.filter(pk=notes[1].pk).update(votes=4)  # from an earlier vote
    vote.place(bob, notes[0])
    vote.place(cora, notes[0])
    vote.place(cora, notes[0])
    vote.close()
    votes = dict(Note.objects.filter(pk__in=[n.pk for n in notes]).values_list("pk", "votes"))
    totals = vote.totals()
    assert votes == {note.pk: totals.get(note.pk, 0) for note in notes}
    assert votes[notes[0].pk] == 3
    assert votes[notes[1].pk] == 0  # the latest vote counts


def test_votes_on_ambitions_and_coalitions_are_recorded_on_them(network, workshop, bob):
    dana = participant(network, "Dana")
    on_ambitions = open_vote(workshop, target=Vote.Target.AMBITIONS)
    ambition = Ambition.objects.filter(network=network).first()
    on_ambitions.place(bob, ambition)
    on_ambitions.place(dana, ambition)
    on_ambitions.close()
    on_coalitions = open_vote(workshop, target=Vote.Target.COALITIONS)
    coalition = Coalition.objects.filter(network=network).last()
    on_coalitions.place(bob, coalition)
    on_coalitions.close()
    ambition.refresh_from_db()
    coalition.refresh_from_db()
    assert (ambition.votes, coalition.votes) == (2, 1)


def test_sorting_puts_the_items_in_order_of_their_dots(network, workshop, bob):
    vote = open_vote(workshop, target=Vote.Target.AMBITIONS)
    last = Ambition.objects.filter(network=network).order_by("position", "id").last()
    vote.place(bob, last)
    vote.close()
    vote.sort_items()
    assert Ambition.objects.filter(network=network).order_by("position", "id").first() == last


def test_a_vote_needs_a_prompt_only_when_it_is_on_notes(network, workshop):
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(workshop=workshop, target=Vote.Target.PROMPT, prompt="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(workshop=workshop, target=Vote.Target.AMBITIONS, prompt="passion")
    with pytest.raises(IntegrityError), transaction.atomic():
        open_vote(workshop, dots_per_person=2, max_per_item=3)
