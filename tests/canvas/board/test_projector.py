"""The projector (/n/SLUG/presentatie/): the current step, large, with its charts."""

import re

import pytest
import segno

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Vote, Workshop
from coalitions.models import Ambition
from tests.canvas.workshops import participant

HX = {"HX-Request": "true"}


def _url(network, part=""):
    return f"/n/{network.slug}/presentatie/" + (f"?deel={part}" if part else "")


def _get(client, network, part="", **kwargs):
    response = client.get(_url(network, part), **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def _main(html):
    """Return the step's side of the podium (without the timer, code and charts beside)."""
    return html.split('<div class="podium-main">', 1)[1].split("<aside", 1)[0]


@pytest.fixture
def workshop(network, alice):
    return Workshop.start(network, alice, "Workshop 2 — identiteit en ambities")


@pytest.fixture
def watcher(client, bob):
    """Anyone in the network may open the projector (it shows what everyone may see)."""
    client.force_login(bob)
    return client


def test_without_a_workshop_it_shows_the_whole_canvas(network, watcher):
    html = _get(watcher, network)
    assert f'<h1 class="podium-title podium-network">{network.name}</h1>' in html
    for block in ("identity", "rules", "organisation", "leadership"):
        assert f'id="block-{block}"' in html
    assert 'id="band"' in html
    assert "podium-side" not in html  # no timer, code or charts without a workshop
    assert "Uitloggen" not in html and "/bewerken/" not in html  # nothing but the canvas


def test_before_the_first_step_the_canvas_and_the_code_to_join(network, workshop, watcher):
    html = _get(watcher, network)
    assert 'class="podium podium-canvas"' in html
    assert "De facilitator kiest zo de eerste stap." in html
    assert workshop.join_link.display_code in html
    assert 'class="podium-qr"' in html and 'class="qr-code"' in html


def test_a_prompt_step_shows_its_question_hints_and_notes_only(network, workshop, watcher, bob):
    workshop.go_to("identity", "ambition")
    Note.add(network, PROMPTS["ambition"], "Samen het lerarentekort <halveren>", bob)
    Note.add(network, PROMPTS["passion"], "Een notitie bij een andere vraag", bob)
    html = _get(watcher, network)
    main = _main(html)
    prompt = PROMPTS["ambition"]
    assert '<p class="podium-eyebrow">Identiteit</p>' in main
    assert f'<h1 class="podium-title">{prompt.title}</h1>' in main
    assert f'<p class="podium-question">{prompt.questions[0]}</p>' in main
    for hint in prompt.questions[1:]:
        assert f"<li>{hint}</li>" in main
    assert "Samen het lerarentekort &lt;halveren&gt;" in main  # escaped
    assert "Een notitie bij een andere vraag" not in html
    assert 'id="block-rules"' not in html and 'id="band"' not in html
    # The notes follow the room like the board's, fetched as the projector sees them.
    assert 'data-live-key="prompt-ambition" data-live-url="/n/' in main
    assert "/vragen/ambition/?projector=1" in main
    assert "/nieuw/" not in main and "/bewerken/" not in main  # no controls


def test_a_prompt_step_shows_no_ones_hidden_notes(network, workshop, watcher, alice, bob):
    workshop.go_to("identity", "passion")
    Note.add(network, PROMPTS["passion"], "Nog geheim", bob, hidden=True)
    html = _get(watcher, network)  # bob's own, but the projector is nobody
    assert "Nog geheim" not in html
    assert "1 verborgen notitie van iemand anders" in html


def test_a_block_step_shows_that_block(network, workshop, watcher):
    workshop.go_to("rules")
    main = _main(_get(watcher, network))
    assert '<h1 class="podium-title">Spelregels</h1>' in main
    assert 'id="block-rules"' in main
    assert 'id="block-identity"' not in main and 'id="band"' not in main


def test_the_band_step_charts_the_commitments_per_ambition(network, workshop, watcher, bob, alice):
    workshop.go_to("coalitions")
    first, second = Ambition.objects.filter(network=network).order_by("position", "id")[:2]
    first.commit(bob, "meedoen")
    first.commit(alice, "meedoen")
    second.commit(bob, "weten")
    html = _get(watcher, network)
    table = re.search(r'<table class="commit-table">.*?</table>', html, re.S)[0]
    # A table a screen reader reads: a header per level, a row header per ambition.
    assert '<th scope="col" class="level-meebepalen">meebepalen' in table
    row = re.search(rf'<th scope="row">{first.title}</th>(.*?)</tr>', table, re.S)[1]
    counts = re.findall(r'<span class="bar-count">(\d+)</span>', row)
    assert counts == ["0", "0", "2", "0"]  # weten, meedenken, meedoen, meebepalen
    assert '<rect width="100"' in row  # the largest count on the wall: the full bar
    row = re.search(rf'<th scope="row">{second.title}</th>(.*?)</tr>', table, re.S)[1]
    assert re.findall(r'<span class="bar-count">(\d+)</span>', row) == ["1", "0", "0", "0"]
    assert '<rect width="50"' in row
    assert 'id="band"' in html  # and the band itself below it
    assert f"commitments-{first.pk}" in re.search(r'id="commitments-chart"[^>]*', html)[0]


def _vote_on_passion(network, workshop, bob, alice, **fields):
    workshop.go_to("identity", "passion")
    Note.add(network, PROMPTS["passion"], "Zonder stippen", bob)
    vote = Vote.objects.create(workshop=workshop, target="prompt", prompt="passion", **fields)
    notes = list(vote.items().order_by("position", "id"))
    vote.place(bob, notes[1])
    vote.place(bob, notes[1])
    vote.place(alice, notes[0])
    return vote, notes


def test_an_open_vote_with_live_results_is_a_chart(network, workshop, watcher, bob, alice):
    vote, notes = _vote_on_passion(network, workshop, bob, alice, hide_results=False)
    chart = re.search(
        r'<section class="chart vote-chart".*?</section>', _get(watcher, network), re.S
    )[0]
    assert "Stemmen over Verbinding op passie" in chart and "nog open" in chart
    assert "2 mensen hebben gestemd" in chart
    labels = re.findall(r'<span class="bar-label">([^<]*)</span>', chart)
    counts = re.findall(r'<span class="bar-count">([^<]*)</span>', chart)
    # Most dots first; items without dots make no bar.
    assert labels == [notes[1].text, notes[0].text]
    assert "Zonder stippen" in _main(_get(watcher, network))  # a note, not a bar
    assert counts == ["2 stippen", "1 stip"]
    assert re.findall(r'<rect width="(\d+)"', chart) == ["100", "50"]


def test_hidden_results_stay_hidden_until_the_vote_closes(network, workshop, watcher, bob, alice):
    vote, notes = _vote_on_passion(network, workshop, bob, alice, hide_results=True)
    html = _get(watcher, network)
    chart = re.search(r'<section class="chart vote-chart".*?</section>', html, re.S)[0]
    assert "De uitslag verschijnt als de stemming sluit." in chart
    assert "bar-count" not in chart and "stippen" not in chart
    vote.close()
    chart = re.search(
        r'<section class="chart vote-chart".*?</section>', _get(watcher, network), re.S
    )[0]
    assert "Uitslag: Verbinding op passie" in chart
    assert re.findall(r'<span class="bar-count">([^<]*)</span>', chart) == ["2 stippen", "1 stip"]
    workshop.go_to("identity", "ambition")  # the next step: the wall moves on
    assert "vote-chart" not in _get(watcher, network).replace('id="vote-chart" hidden', "")


def test_the_parts_live_js_fetches(network, workshop, watcher, bob, alice):
    vote, notes = _vote_on_passion(network, workshop, bob, alice, hide_results=False)
    podium = _get(watcher, network, "podium", headers=HX)
    assert podium.lstrip().startswith('<div class="podium podium-prompt')
    assert "<html" not in podium and "sse-connect" not in podium
    chart = _get(watcher, network, "uitslag", headers=HX)
    assert chart.lstrip().startswith('<section class="chart vote-chart"')
    # It follows the votes, its prompt, and the notes on its bars (an edit names only its
    # note); not the note without dots.
    keys = f"vote-progress prompt-passion note-{notes[1].pk} note-{notes[0].pk}"
    assert f'data-live-key="{keys}"' in chart
    chart = _get(watcher, network, "betrokkenheid", headers=HX)
    assert chart.lstrip().startswith('<section class="chart commitments-chart"')
    # Without htmx, or with a part it does not know, the page itself.
    for part, headers in (("podium", {}), ("onzin", HX)):
        assert "sse-connect" in _get(watcher, network, part, headers=headers)
    page = _get(watcher, network)
    assert 'id="podium" data-live-key="workshop" data-live-url="/n/' in page


def test_the_projector_is_not_for_strangers(network, workshop, charlie, client):
    client.force_login(charlie)
    for part in ("", "podium"):
        assert client.get(_url(network, part), headers=HX).status_code == 404


def test_its_queries_do_not_grow_with_the_notes(
    network, workshop, watcher, bob, alice, django_assert_max_num_queries
):
    _vote_on_passion(network, workshop, bob, alice, hide_results=False)
    with django_assert_max_num_queries(40) as few:
        _get(watcher, network)
    for i in range(30):
        Note.add(network, PROMPTS["passion"], f"Notitie {i}", participant(network, f"P{i}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        _get(watcher, network)


# -- the address on the wall ------------------------------------------------------------


def _qr_path(svg):
    return re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg)[1]


def test_the_wall_shows_the_address_the_app_is_served_at(network, workshop, watcher, settings):
    """Left at its default, SITE_URL (port 8000) is no address: the page's own is."""
    settings.SITE_URL = settings.DEFAULT_SITE_URL
    html = _get(watcher, network, SERVER_NAME="127.0.0.1", SERVER_PORT="8101")
    assert "Ga naar <strong>127.0.0.1:8101/code/</strong>" in html
    assert "8000" not in html
    link = workshop.join_link
    expected = segno.make(f"http://127.0.0.1:8101/doe-mee/{link.token}/", error="m")
    svg = re.search(r'<svg[^>]*class="qr-code".*?</svg>', html, re.S)[0]
    assert _qr_path(svg) == _qr_path(expected.svg_inline())


def test_a_configured_site_url_wins(network, workshop, watcher, settings):
    settings.SITE_URL = "https://canvas.example.org/"
    html = _get(watcher, network, SERVER_NAME="127.0.0.1", SERVER_PORT="8101")
    assert "Ga naar <strong>canvas.example.org/code/</strong>" in html
    link = workshop.join_link
    expected = segno.make(f"https://canvas.example.org/doe-mee/{link.token}/", error="m")
    svg = re.search(r'<svg[^>]*class="qr-code".*?</svg>', html, re.S)[0]
    assert _qr_path(svg) == _qr_path(expected.svg_inline())


@pytest.mark.parametrize("site_url", ["default", "https://canvas.example.org"])
def test_the_code_screen_and_the_projector_show_one_address(
    network, workshop, alice, client, settings, site_url
):
    settings.SITE_URL = settings.DEFAULT_SITE_URL if site_url == "default" else site_url
    client.force_login(alice)
    server = {"SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8101"}
    link = workshop.join_link
    screen = _get(client, network, **server)
    code = client.get(f"/n/{network.slug}/deelnamecodes/{link.pk}/", **server).content.decode()
    address = re.search(r"Ga naar <strong>([^<]+)</strong>", screen)[1]
    assert f"Ga naar <strong>{address}</strong> en typ de code" in code
    qr = [
        _qr_path(re.search(r'<svg[^>]*class="qr-code".*?</svg>', page, re.S)[0])
        for page in (screen, code)
    ]
    assert qr[0] == qr[1]
    assert f"{address.removesuffix('/code/')}/doe-mee/{link.token}/" in code  # "of open …"


def test_a_vote_on_the_ambitions_charts_their_titles(network, workshop, watcher, bob):
    workshop.go_to("coalitions")
    vote = Vote.objects.create(workshop=workshop, target="ambitions", hide_results=True)
    ambition = Ambition.objects.filter(network=network).order_by("position", "id").last()
    vote.place(bob, ambition)
    vote.close()
    chart = re.search(
        r'<section class="chart vote-chart".*?</section>', _get(watcher, network), re.S
    )[0]
    assert "Uitslag: Ambities" in chart
    assert re.findall(r'<span class="bar-label">([^<]*)</span>', chart) == [ambition.title]
