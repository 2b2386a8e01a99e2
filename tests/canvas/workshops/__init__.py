"""Factories for the workshop tests: a running workshop, more participants, a vote."""

from datetime import timedelta

from canvas.workshops.models import Vote, Workshop
from networks.models import Membership
from tests.conftest import make_user


def start_workshop(network, by, **fields):
    fields.setdefault("title", "Workshop 2 — identiteit en ambities")
    return Workshop.objects.create(network=network, started_by=by, **fields)


def participant(network, name, *, actor=None, role=Membership.Role.MEMBER):
    """Return a new person in the network, representing `actor` (a NetworkActor) if given."""
    user = make_user(name)
    Membership.objects.create(network=network, user=user, role=role, actor=actor)
    return user


def open_vote(workshop, **fields):
    fields.setdefault("target", Vote.Target.PROMPT)
    if fields["target"] == Vote.Target.PROMPT:
        fields.setdefault("prompt", "passion")
    return Vote.objects.create(workshop=workshop, **fields)


def run_clock(workshop, seconds):
    """Make the workshop's running timer look as if `seconds` passed since it started."""
    workshop.timer_started_at -= timedelta(seconds=seconds)
    workshop.save(update_fields=["timer_started_at"])
