"""Clusters and moving notes between clusters and prompts, and merging duplicates: the
model verbs (Cluster.add, Note.move_to, Note.merge with its dots)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from canvas.models import Cluster, Note
from canvas.prompts import PROMPTS
from canvas.records.interchange import import_network
from canvas.workshops.models import Dot, Vote, Workshop, merge_notes
from networks.models import Activity
from tests.conftest import example_document, make_user

PASSION, STYLE, DECISIONS = PROMPTS["passion"], PROMPTS["style"], PROMPTS["decisions"]


def _note(network, text):
    return Note.objects.get(network=network, text=text)


def test_a_cluster_is_added_at_the_end_of_its_prompt(network):
    first = Cluster.add(network, PASSION, "  Trots   op het vak ")
    second = Cluster.add(network, PASSION, "Kinderen")
    assert first.name == "Trots op het vak"
    assert (first.prompt, first.position, second.position) == ("passion", 0, 1)
    assert Cluster.add(network, STYLE, "Kinderen").position == 0  # another prompt's own order


def test_a_prompt_has_each_name_once_whatever_its_capitals(network):
    Cluster.add(network, PASSION, "Kinderen")
    with pytest.raises(ValidationError, match="al een cluster “KINDEREN”"):
        Cluster.add(network, PASSION, "KINDEREN")
    with pytest.raises(IntegrityError):  # the database says so too
        Cluster.objects.create(network=network, prompt="passion", name="kinderen")


def test_a_note_moves_into_a_cluster_and_its_revision_goes_up(network, alice):
    note = _note(network, "Trots op het vak van leraar")
    cluster = Cluster.add(network, PASSION, "Vak")
    assert note.move_to(PASSION, cluster, note.revision, by=alice)
    assert (note.cluster, note.prompt, note.revision) == (cluster, "passion", 2)
    assert Activity.objects.filter(kind="note.moved", user=alice).exists()


def test_a_stale_move_changes_nothing(network, alice):
    note = _note(network, "Trots op het vak van leraar")
    cluster = Cluster.add(network, PASSION, "Vak")
    note.edit("Anders gezegd", note.revision, by=alice)  # someone saved meanwhile
    assert not note.move_to(PASSION, cluster, 1, by=alice)
    note.refresh_from_db()
    assert (note.cluster, note.revision) == (None, 2)


def test_a_note_moves_to_another_prompt_last_and_leaves_its_cluster(network):
    note = _note(network, "Trots op het vak van leraar")
    note.move_to(PASSION, Cluster.add(network, PASSION, "Vak"), note.revision)
    assert note.move_to(STYLE, None, note.revision)
    assert (note.block, note.prompt, note.cluster) == ("identity", "style", None)
    styles = list(Note.objects.under(network, STYLE).values_list("text", flat=True))
    assert styles[-1] == "Trots op het vak van leraar"


def test_a_note_moved_into_the_rules_becomes_a_proposal_and_back_out_loses_its_status(network):
    note = _note(network, "Klein beginnen, snel leren")
    assert note.move_to(DECISIONS, None, note.revision)
    assert (note.block, note.status) == ("rules", "voorstel")
    assert note.move_to(STYLE, None, note.revision)
    assert (note.block, note.status) == ("identity", "")


def test_a_cluster_of_another_prompt_or_network_is_no_place_for_a_note(network):
    note = _note(network, "Trots op het vak van leraar")
    with pytest.raises(ValueError):
        note.move_to(PASSION, Cluster.add(network, STYLE, "Stijl"), note.revision)
    other = import_network(example_document())
    with pytest.raises(ValueError):
        note.move_to(PASSION, Cluster.add(other, PASSION, "Elders"), note.revision)
    note.refresh_from_db()
    assert (note.prompt, note.cluster, note.revision) == ("passion", None, 1)


def test_dissolving_a_cluster_keeps_its_notes(network):
    note = _note(network, "Trots op het vak van leraar")
    cluster = Cluster.add(network, PASSION, "Vak")
    note.move_to(PASSION, cluster, note.revision)
    cluster.dissolve()
    note.refresh_from_db()
    assert (note.cluster, note.is_deleted) == (None, False)


def test_merging_keeps_both_texts_the_sum_of_votes_and_both_names(network, alice, bob):
    kept = Note.add(network, PASSION, "Leraren zijn trots", alice)
    kept.votes = 2
    kept.save()
    other = _note(network, "Trots op het vak van leraar")  # Marieke's, 4 votes
    cluster = Cluster.add(network, PASSION, "Vak")
    other.move_to(PASSION, cluster, other.revision)
    assert merge_notes(kept, other, kept.revision, other.revision, by=bob)
    kept.refresh_from_db()
    assert kept.text == "Leraren zijn trots\n\nTrots op het vak van leraar"
    assert kept.votes == 6
    assert kept.author_display == "Alice, Marieke (De Linge)"
    assert kept.author == alice  # who may still edit it
    assert kept.cluster == cluster  # it takes the other's cluster, having none
    gone = Note.all_objects.get(pk=other.pk)
    assert gone.is_deleted and gone.text == "Trots op het vak van leraar"  # on record


def test_merging_adds_up_the_dots_of_every_vote(network, alice, bob):
    kept = _note(network, "Elk kind in de regio verdient een bevoegde leraar")
    other = _note(network, "Trots op het vak van leraar")
    workshop = Workshop.objects.create(network=network, title="W", started_by=alice)
    vote = Vote.objects.create(workshop=workshop, target="prompt", prompt="passion")
    vote.place(alice, kept)
    vote.place(alice, other)
    vote.place(bob, other)
    assert merge_notes(kept, other, kept.revision, other.revision, by=alice)
    assert vote.totals() == {kept.pk: 3}
    assert vote.dots_of(alice) == {kept.pk: 2}
    assert not Dot.objects.filter(note=other).exists()


def test_merging_an_anonymous_note_names_nobody(network, alice, bob):
    kept = Note.add(network, PASSION, "Van Alice", alice)
    other = Note.add(network, PASSION, "Van Bob", bob)
    Note.objects.filter(pk=other.pk).update(anonymous=True)
    other.refresh_from_db()
    assert kept.merge(other, kept.revision, other.revision)
    assert (kept.anonymous, kept.author_display) == (True, "")


def test_a_merge_too_long_for_one_note_is_refused_and_changes_nothing(network, alice):
    kept = Note.add(network, PASSION, "a" * 300, alice)
    other = Note.add(network, PASSION, "b" * 300, alice)
    with pytest.raises(ValidationError, match="602 tekens"):
        kept.merge(other, kept.revision, other.revision)
    kept.refresh_from_db()
    assert kept.text == "a" * 300 and not Note.all_objects.get(pk=other.pk).is_deleted


def test_a_merge_over_a_changed_note_is_refused(network, alice):
    kept = Note.add(network, PASSION, "Een", alice)
    other = Note.add(network, PASSION, "Twee", alice)
    other.edit("Twee, anders", other.revision)
    assert not merge_notes(kept, other, kept.revision, 1)
    kept.refresh_from_db()
    assert kept.text == "Een" and not Note.all_objects.get(pk=other.pk).is_deleted


def test_members_cluster_unless_silent_writing_runs(network, alice, bob, cora):
    from networks.access import Access
    from networks.models import Membership

    def access(user):
        return Access(network, user, Membership.objects.get(network=network, user=user))

    assert access(bob).can_cluster(silent=False)
    assert not access(bob).can_cluster(silent=True)
    assert access(alice).can_cluster(silent=True) and access(cora).can_cluster(silent=True)
    stranger = make_user("Charlie")
    assert not Access(network, stranger, None).can_cluster()
