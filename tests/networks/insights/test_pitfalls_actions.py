"""The signals read the coalitions' actions: none open, or past their date."""

import datetime

from django.utils import timezone

from coalitions.actions.models import Action
from coalitions.models import Coalition
from networks.insights import pitfalls


def _codes(network):
    return {signal.code for signal in pitfalls.compute(pitfalls.gather(network))}


def _only(network, code):
    return next(s for s in pitfalls.compute(pitfalls.gather(network)) if s.code == code)


def test_a_coalition_whose_actions_are_all_done_has_no_next_step(network):
    Action.objects.filter(coalition__network=network).delete()
    for coalition in Coalition.objects.filter(network=network):
        Action.objects.create(coalition=coalition, title="Iets", status="open")
    assert "coalitie-zonder-stap" not in _codes(network)
    coalition = Coalition.objects.filter(network=network).first()
    Action.objects.filter(coalition=coalition).update(status="klaar")
    signal = _only(network, "coalitie-zonder-stap")
    assert f"“{coalition.name}”" in signal.finding
    assert "geen open actie" in signal.finding


def test_a_coalition_that_is_done_needs_no_action(network):
    Action.objects.filter(coalition__network=network).delete()
    Coalition.objects.filter(network=network).update(status="afgerond")
    assert "coalitie-zonder-stap" not in _codes(network)


def test_an_action_past_its_date_gives_a_signal_with_its_owner(network, bob):
    coalition = Coalition.objects.filter(network=network).first()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Action.objects.create(coalition=coalition, title="Zaal boeken", owner=bob, due_on=yesterday)
    Action.objects.create(coalition=coalition, title="Klaar al", due_on=yesterday, status="klaar")
    Action.objects.create(coalition=coalition, title="Vandaag", due_on=timezone.localdate())
    signal = _only(network, "actie-te-laat")
    assert "1 actie is over haar datum" in signal.finding
    assert "“Zaal boeken”" in signal.finding and "Bob" in signal.finding
    assert "Klaar al" not in signal.finding and "Vandaag" not in signal.finding


def test_no_action_past_its_date_no_signal(network):
    assert "actie-te-laat" not in _codes(network)


def test_a_deleted_coalitions_actions_give_no_signal(network):
    coalition = Coalition.objects.filter(network=network).first()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Action.objects.create(coalition=coalition, title="Zaal boeken", due_on=yesterday)
    coalition.soft_delete()
    assert "actie-te-laat" not in _codes(network)
