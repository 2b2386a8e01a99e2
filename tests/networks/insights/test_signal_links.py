"""A signal links to what it names: the coalition, the ambition, the block, the page."""

from datetime import timedelta

from django.template.loader import render_to_string
from django.test import RequestFactory

from coalitions.models import Coalition
from networks.access import Access
from networks.insights import pitfalls
from networks.insights.pitfalls import Link
from networks.models import Membership
from tests.networks.insights.test_pitfalls import NOW, coalition, facts


def test_a_coalition_without_next_step_links_to_each_such_coalition():
    signal = pitfalls.coalitions_without_step(
        facts(coalitions=[coalition(7, [], next_step=""), coalition(8, [], next_step="")])
    )
    assert signal.links == (
        Link("Coalitie 7", "coalition-7"),
        Link("Coalitie 8", "coalition-8"),
    )


def test_a_signal_about_many_items_links_the_first_six():
    many = [coalition(n, [], next_step="") for n in range(1, 10)]
    signal = pitfalls.coalitions_without_step(facts(coalitions=many))
    assert [link.anchor for link in signal.links] == [f"coalition-{n}" for n in range(1, 7)]


def test_an_idle_ambition_links_to_its_lane():
    old = (3, "Zij-instromers", NOW - timedelta(days=50))
    signal = pitfalls.idle_ambitions(facts(ambitions=[old]))
    assert signal.links == (Link("Zij-instromers", "ambition-3"),)


def test_alles_samen_links_to_the_coalition_of_everyone():
    signal = pitfalls.too_much_together(facts(coalitions=[coalition(4, range(1, 10))]))
    assert signal.links == (Link("Coalitie 4", "coalition-4"),)


def test_rules_signals_link_to_the_rules():
    no_rule = pitfalls.no_coalition_rule(facts(coalitions=[coalition(1, [])]))
    assert [link.anchor for link in no_rule.links] == ["prompt-coalitions"]
    proposed = pitfalls.all_rules_proposed(facts(rules=[(1, "decisions", "voorstel")]))
    assert [link.anchor for link in proposed.links] == ["block-rules"]


def test_the_signals_page_links_to_the_coalition_it_names(client, network, alice, bob):
    techniekdag = Coalition.objects.get(network=network, next_step="")
    anchor = f'href="/n/{network.slug}/#coalition-{techniekdag.pk}"'
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/signalen/").content.decode()
    assert anchor in page
    board_part = client.get(
        f"/n/{network.slug}/signalen/?plek=bord", headers={"HX-Request": "true"}
    )
    assert anchor in board_part.content.decode()


def test_a_page_link_shows_only_to_who_may_open_it(client, network, alice, bob):
    members = [(n, NOW - timedelta(days=100), n == 0) for n in range(6)]
    signal = pitfalls.inner_circle(facts(members=members))
    assert signal.links == (Link("Mensen", page="people"),)

    request = RequestFactory().get("/")
    for user, shown in ((alice, True), (bob, False)):
        access = Access(network, user, Membership.objects.get(network=network, user=user))
        html = render_to_string(
            "insights/_signals.html#signals",
            {"network": network, "access": access, "signals": {"shown": [signal]}},
            request=request,
        )
        assert (f'href="/n/{network.slug}/mensen/"' in html) is shown
        assert "Mensen" in html
