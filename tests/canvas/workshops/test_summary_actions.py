"""The workshop summary lists the actions agreed during the workshop: wat, wie, wanneer."""

from datetime import date, timedelta

from django.utils import timezone

from coalitions.actions.models import Action
from coalitions.models import Ambition
from tests.canvas.workshops import start_workshop


def test_the_summary_lists_the_actions_agreed_during_it(network, alice, bob, client):
    workshop = start_workshop(network, alice, title="Workshop 3")
    Action.objects.update(created_at=timezone.now() - timedelta(days=2))  # from the import
    Ambition.objects.filter(network=network).update(created_at=timezone.now() - timedelta(days=2))
    coalition = network.coalitions.order_by("position").first()
    Action.objects.create(
        coalition=coalition, title="Zaal boeken", owner=bob, due_on=date(2027, 2, 1)
    )
    workshop.end(alice)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    agreed = html[html.index("Afgesproken acties") :]
    assert "Zaal boeken" in agreed and "Bob" in agreed and "1 februari 2027" in agreed
    assert coalition.name in agreed
    older = Action.objects.exclude(title="Zaal boeken").first()
    assert older is not None and older.title not in agreed.split("Wie wil waaraan")[0]


def test_without_actions_it_says_so(network, alice, bob, client):
    workshop = start_workshop(network, alice, title="Workshop 3")
    Action.objects.update(created_at=timezone.now() - timedelta(days=2))
    workshop.end(alice)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    assert "Er zijn geen acties afgesproken." in html
