"""Each pitfall rule firing and not firing, on plain facts; then gathered from a network."""

from datetime import datetime, timedelta

from django.utils import timezone

from canvas.models import Note
from coalitions.actions.models import Action
from coalitions.models import Coalition
from networks.insights import pitfalls
from networks.insights.models import SignalDismissal
from networks.insights.pitfalls import CoalitionFacts, Facts
from networks.models import Activity, Membership
from tests.conftest import make_user

NOW = datetime(2026, 11, 20, 12, tzinfo=timezone.UTC)
LONG_AGO = NOW - timedelta(days=100)


def facts(**kwargs):
    kwargs.setdefault("actors", dict.fromkeys(range(1, 11), LONG_AGO))  # ten actors
    return Facts(now=NOW, **kwargs)


def coalition(id_, core, status="actief", next_step="Afspraak maken", ambition_id=None):
    return CoalitionFacts(id_, f"Coalitie {id_}", status, next_step, ambition_id, frozenset(core))


# Alles samen doen


def test_a_coalition_of_eight_of_ten_actors_is_alles_samen():
    signal = pitfalls.too_much_together(facts(coalitions=[coalition(1, range(1, 9))]))
    assert signal.code == "alles-samen"
    assert "8 van de 10 actoren" in signal.finding
    assert "80%" in signal.finding


def test_a_coalition_of_seven_of_ten_is_not():
    assert pitfalls.too_much_together(facts(coalitions=[coalition(1, range(1, 8))])) is None


def test_a_finished_coalition_of_everyone_is_not():
    done = coalition(1, range(1, 11), status="afgerond")
    assert pitfalls.too_much_together(facts(coalitions=[done])) is None


def test_every_ambition_carried_by_nearly_everyone_is_alles_samen():
    ambitions = [(1, "A", LONG_AGO), (2, "B", LONG_AGO)]
    # Ambition 1: two coalitions together carry 1–9; ambition 2: one of 2–10.
    coalitions = [
        coalition(1, range(1, 6), ambition_id=1),
        coalition(2, range(5, 10), ambition_id=1),
        coalition(3, range(2, 11), ambition_id=2),
    ]
    signal = pitfalls.too_much_together(facts(ambitions=ambitions, coalitions=coalitions))
    assert "Alle 2 ambities" in signal.finding
    coalitions[0] = coalition(1, range(1, 3), ambition_id=1)  # now 1, 2, 5–9: seven
    signal = pitfalls.too_much_together(facts(ambitions=ambitions, coalitions=coalitions))
    assert "ambities" not in signal.finding  # only coalition 3 itself is too big


def test_in_a_network_of_four_doing_everything_together_is_fine():
    small = dict.fromkeys(range(1, 5), LONG_AGO)
    assert pitfalls.too_much_together(facts(actors=small, coalitions=[coalition(1, small)])) is None


# Eigenaarschap bij de facilitator


RECENT = NOW - timedelta(days=2)


def changes(steering, members, at=RECENT):
    return [(at, True)] * steering + [(at, False)] * members


def test_most_changes_by_facilitators_is_an_ownership_signal():
    signal = pitfalls.ownership(facts(changes=changes(6, 4)))
    assert signal.code == "eigenaarschap"
    assert "Van de 10 toevoegingen en wijzigingen in de afgelopen 30 dagen" in signal.finding
    assert "er 6 (60%)" in signal.finding


def test_exactly_half_by_facilitators_is_not():
    assert pitfalls.ownership(facts(changes=changes(5, 5))) is None


def test_too_few_changes_say_nothing():
    assert pitfalls.ownership(facts(changes=changes(9, 0))) is None


def test_changes_older_than_the_window_do_not_count():
    old = changes(9, 0, at=NOW - timedelta(days=31))
    assert pitfalls.ownership(facts(changes=[*old, *changes(1, 0)])) is None


def test_the_last_workshop_counts_even_if_the_month_does_not():
    start = NOW - timedelta(days=40)
    workshop = (7, start, start + timedelta(hours=3))
    during = changes(8, 2, at=start + timedelta(hours=1))
    month = changes(1, 9)  # the members wrote most this month
    signal = pitfalls.ownership(facts(changes=[*during, *month], workshop=workshop))
    assert "tijdens de laatste werksessie" in signal.finding
    assert "Van de 10 toevoegingen" in signal.finding
    # Another workshop is another situation: a dismissal does not carry over.
    other = pitfalls.ownership(facts(changes=during, workshop=(8, start, workshop[2])))
    assert other.fingerprint != signal.fingerprint


def test_a_workshop_where_members_wrote_most_is_no_signal():
    start = NOW - timedelta(days=40)
    during = changes(3, 9, at=start + timedelta(hours=1))
    workshop = (7, start, start + timedelta(hours=3))
    assert pitfalls.ownership(facts(changes=during, workshop=workshop)) is None


# Doel vastgezet


def test_actors_who_joined_after_the_identity_changed_freeze_the_goal():
    actors = {1: LONG_AGO, 2: NOW - timedelta(days=3)}
    signal = pitfalls.frozen_goal(facts(actors=actors, identity_changed_at=NOW - timedelta(days=9)))
    assert signal.code == "doel-vastgezet"
    assert signal.finding.startswith("1 actor sloot aan")


def test_an_identity_changed_after_the_last_newcomer_is_not_frozen():
    actors = {1: LONG_AGO, 2: NOW - timedelta(days=9)}
    assert pitfalls.frozen_goal(facts(actors=actors, identity_changed_at=NOW)) is None


def test_an_identity_unchanged_over_three_versions_while_growing_is_frozen():
    versions = [(NOW, "same", 9), (NOW, "same", 8), (NOW, "same", 7)]
    signal = pitfalls.frozen_goal(facts(identity_changed_at=NOW, versions=versions))
    assert "van 7 naar 9 actoren" in signal.finding
    grown_but_changed = [(NOW, "new", 9), (NOW, "same", 8), (NOW, "same", 7)]
    assert pitfalls.frozen_goal(facts(identity_changed_at=NOW, versions=grown_but_changed)) is None
    same_size = [(NOW, "same", 7)] * 3
    assert pitfalls.frozen_goal(facts(identity_changed_at=NOW, versions=same_size)) is None


# Ambitions without a coalition, coalitions without a next step


def test_an_ambition_without_coalition_for_six_weeks_is_a_signal():
    old = (1, "Zij-instromers", NOW - timedelta(days=42))
    recent = (2, "Nieuw", NOW - timedelta(days=41))
    signal = pitfalls.idle_ambitions(facts(ambitions=[old, recent]))
    assert "“Zij-instromers”" in signal.finding
    assert "Nieuw" not in signal.finding
    assert pitfalls.idle_ambitions(facts(ambitions=[recent])) is None
    with_coalition = facts(ambitions=[old], coalitions=[coalition(1, [], ambition_id=1)])
    assert pitfalls.idle_ambitions(with_coalition) is None


def test_a_coalition_without_next_step_is_a_signal_until_it_is_done():
    assert pitfalls.coalitions_without_step(facts(coalitions=[coalition(1, [], next_step=" ")]))
    assert pitfalls.coalitions_without_step(facts(coalitions=[coalition(1, [])])) is None
    done = coalition(1, [], next_step="", status="afgerond")
    assert pitfalls.coalitions_without_step(facts(coalitions=[done])) is None


# Spelregels


def test_coalitions_without_a_rule_about_them_is_a_signal():
    assert pitfalls.no_coalition_rule(facts(coalitions=[coalition(1, [])])).code == (
        "geen-coalitieregel"
    )
    with_rule = facts(coalitions=[coalition(1, [])], rules=[(1, "coalitions", "voorstel")])
    assert pitfalls.no_coalition_rule(with_rule) is None
    assert pitfalls.no_coalition_rule(facts()) is None


def test_all_rules_still_proposed_is_a_signal():
    proposed = [(1, "decisions", "voorstel"), (2, "conflicts", "voorstel")]
    assert "Alle 2 spelregels" in pitfalls.all_rules_proposed(facts(rules=proposed)).finding
    agreed = [*proposed, (3, "membership", "afgesproken")]
    assert pitfalls.all_rules_proposed(facts(rules=agreed)) is None
    assert pitfalls.all_rules_proposed(facts()) is None


# Binnen- en buitenkring


def test_a_third_of_the_members_never_contributing_is_an_inner_circle():
    members = [(1, LONG_AGO, True), (2, LONG_AGO, False), (3, LONG_AGO, True), (4, LONG_AGO, False)]
    members += [(5, LONG_AGO, True), (6, LONG_AGO, True)]
    signal = pitfalls.inner_circle(facts(members=members))
    assert signal.finding.startswith("2 van de 6 deelnemers")


def test_one_silent_member_or_silent_newcomers_are_no_inner_circle():
    assert pitfalls.inner_circle(facts(members=[(1, LONG_AGO, False), (2, LONG_AGO, True)])) is None
    newcomers = [(n, NOW - timedelta(days=3), False) for n in range(3)]
    assert pitfalls.inner_circle(facts(members=[*newcomers, (9, LONG_AGO, True)])) is None
    few_silent = [(n, LONG_AGO, n > 1) for n in range(8)]  # 2 of 8 silent
    assert pitfalls.inner_circle(facts(members=few_silent)) is None


# From a real network


def test_the_example_network_gives_its_signals(network):
    codes = {signal.code for signal in pitfalls.compute(pitfalls.gather(network))}
    # Techniekdag has no next step; the rules include agreed ones and one on coalitions.
    assert "coalitie-zonder-stap" in codes
    assert "alles-voorstel" not in codes
    assert "geen-coalitieregel" not in codes
    assert "eigenaarschap" not in codes  # nothing logged yet


def test_gathering_takes_a_fixed_number_of_queries(
    network, alice, bob, django_assert_max_num_queries
):
    for n in range(5):
        Activity.record(network, alice, "note.added", area="identity", subject=f"n{n}")
    with django_assert_max_num_queries(16):  # one of them reads the open actions
        pitfalls.for_network(network)


def test_recent_changes_by_the_facilitator_count_as_steering(network, alice, bob):
    for n in range(8):
        Activity.record(network, alice, "rule.edited", subject=f"r{n}")
    for n in range(3):
        Activity.record(network, bob, "rule.added", subject=f"b{n}")
    Activity.record(network, bob, "person.joined", role="member")
    found = pitfalls.gather(network)
    assert sorted(by for _at, by in found.changes) == [False] * 3 + [True] * 8
    assert pitfalls.ownership(found) is not None


def test_the_latest_workshop_is_the_last_workshop(network, alice):
    from canvas.workshops.models import Workshop

    now = timezone.now()
    Workshop.objects.create(
        network=network,
        title="Eerste",
        started_at=now - timedelta(days=60),
        ended_at=now - timedelta(days=60) + timedelta(hours=3),
    )
    latest = Workshop.objects.create(network=network, title="Tweede", started_at=now)
    found = pitfalls.gather(network, now=now + timedelta(hours=1))
    workshop_id, start, end = found.workshop
    assert (workshop_id, start) == (latest.pk, latest.started_at)
    assert end == now + timedelta(hours=1)  # still running: up to now


def test_silent_members_are_found(network, bob):
    carol, dave = make_user("Carol"), make_user("Dave")
    for user in (carol, dave):
        Membership.objects.create(network=network, user=user)
    Membership.objects.filter(network=network).update(
        created_at=timezone.now() - timedelta(days=30)
    )
    Note.objects.create(network=network, block="identity", prompt="passion", text="x", author=bob)
    found = pitfalls.gather(network)
    assert {user: said for user, _joined, said in found.members} == {
        bob.pk: True,
        carol.pk: False,
        dave.pk: False,
    }
    assert pitfalls.inner_circle(found).finding.startswith("2 van de 3")


def test_a_new_actor_after_the_identity_freezes_the_goal(network):
    actor = network.network_actors.exclude(role="").first()
    actor.created_at = timezone.now() + timedelta(minutes=1)
    actor.save()
    assert pitfalls.frozen_goal(pitfalls.gather(network)) is not None


def test_a_dismissed_signal_stays_away_until_the_situation_changes(network, alice):
    coalition_ = Coalition.objects.filter(network=network).first()
    Action.objects.filter(coalition=coalition_).update(status="klaar")
    board = pitfalls.for_network(network)
    assert "coalitie-zonder-stap" in [s.code for s in board.shown]

    pitfalls.dismiss(network, "coalitie-zonder-stap", alice)
    board = pitfalls.for_network(network)
    assert "coalitie-zonder-stap" not in [s.code for s in board.shown]
    assert "coalitie-zonder-stap" in [s.code for s in board.dismissed]

    other = Coalition.objects.filter(network=network).exclude(pk=coalition_.pk).first()
    Action.objects.filter(coalition=other).update(status="klaar")
    assert "coalitie-zonder-stap" in [s.code for s in pitfalls.for_network(network).shown]


def test_dismissing_a_signal_that_is_not_showing_stores_nothing(network, alice):
    assert pitfalls.dismiss(network, "alles-voorstel", alice) is None
    assert not SignalDismissal.objects.exists()


def test_notes_written_on_the_board_count_for_ownership(client, network, alice, bob):
    from django.urls import reverse

    url = reverse("canvas:add_note", args=[network.slug, "passion"])
    client.force_login(alice)
    for n in range(7):
        assert client.post(url, {"text": f"Facilitator {n}"}).status_code in (200, 302)
    client.force_login(bob)
    for n in range(3):
        assert client.post(url, {"text": f"Deelnemer {n}"}).status_code in (200, 302)
    signal = pitfalls.ownership(pitfalls.gather(network))
    assert "Van de 10 toevoegingen" in signal.finding
    assert "er 7 (70%)" in signal.finding


def test_three_saved_versions_with_one_identity_while_growing_freeze_the_goal(network, alice):
    from canvas.records.models import CanvasVersion
    from networks.models import Actor, NetworkActor

    for n in range(3):
        actor = Actor.objects.create(name=f"Nieuw bestuur {n}")
        NetworkActor.objects.create(network=network, actor=actor, key=f"nieuw{n}", role="deelnemer")
        CanvasVersion.save_current(network, alice, f"Werksessie {n + 1}")
    found = pitfalls.gather(network)
    assert [count for _at, _identity, count in found.versions] == [11, 10, 9]
    assert "groeide van 9 naar 11 actoren" in pitfalls.frozen_goal(found).finding


def test_an_identity_that_changed_between_saved_versions_is_not_frozen(network, alice):
    from canvas.records.models import CanvasVersion
    from networks.models import Actor, NetworkActor

    for n in range(3):
        actor = Actor.objects.create(name=f"Nieuw bestuur {n}")
        NetworkActor.objects.create(network=network, actor=actor, key=f"nieuw{n}", role="deelnemer")
        Note.objects.create(network=network, block="identity", prompt="style", text=f"Stijl {n}")
        CanvasVersion.save_current(network, alice, f"Werksessie {n + 1}")
    found = pitfalls.gather(network)
    assert pitfalls.frozen_goal(found) is None
