"""The coalition card on the board: its next action and a count, its people's addresses."""

import re

from coalitions.actions.models import Action

from .conftest import days, make_action

HX = {"HX-Request": "true"}


def _card(client, coalition):
    html = client.get(f"/n/{coalition.network.slug}/coalities/", headers=HX).content.decode()
    start = html.index(f'id="coalition-{coalition.pk}"')
    return html[start : html.index("</article>", start)]


def test_the_card_names_the_next_action_with_owner_date_and_count(coalition, bob, client):
    Action.objects.filter(coalition=coalition).delete()
    make_action(coalition, "Later", owner=bob, due_on=days(30))
    make_action(coalition, "Zaal boeken", owner=bob, due_on=days(2))
    make_action(coalition, "Al gedaan", owner=bob, status="klaar")
    client.force_login(bob)
    card = _card(client, coalition)
    assert "Zaal boeken" in card and "Later" not in card and "Al gedaan" not in card
    assert re.search(r"— Bob, \d+ \w+ \d{4}</span>", card)
    assert "2 open acties" in card
    assert f'href="/n/{coalition.network.slug}/coalities/{coalition.pk}/">Acties en contact' in card


def test_partners_see_the_addresses_people_allow(coalition, bob, alice, cora, client):
    bob.shows_email = True
    bob.save()
    client.force_login(alice)  # takes part
    assert 'href="mailto:bob@example.org"' in _card(client, coalition)
    assert "alice@example.org" not in _card(client, coalition)  # she did not allow it
    client.force_login(cora)  # not in the coalition
    assert "bob@example.org" not in _card(client, coalition)


def test_the_board_reads_the_actions_in_one_query(
    coalition, network, bob, client, django_assert_max_num_queries
):
    client.force_login(bob)
    with django_assert_max_num_queries(15) as before:
        client.get(f"/n/{network.slug}/")
    for n in range(5):
        make_action(coalition, f"Actie {n}", owner=bob, due_on=days(n))
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(f"/n/{network.slug}/")
