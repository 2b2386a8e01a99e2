import pytest

from canvas.agenda.models import Agenda, AgendaStep
from canvas.records.interchange import import_network
from canvas.workshops.models import Workshop
from tests.canvas.agenda import agenda_with, standard_agenda
from tests.canvas.workshops import start_workshop
from tests.conftest import example_document

HTMX = {"HX-Request": "true"}


def _url(agenda):
    return f"/n/{agenda.network.slug}/agendas/{agenda.pk}/"


def _fields(agenda, **changes):
    """The editor's form as the page sends it: the title and every step not started."""
    data = {"agenda-title": agenda.title, "new-step": "identity", "new-method": "plenair"}
    data["new-minutes"] = "10"
    for step in agenda.steps.filter(started_at__isnull=True):
        prefix = f"s{step.pk}"
        data.update(
            {f"{prefix}-step": step.value, f"{prefix}-method": step.method},
            **{f"{prefix}-minutes": str(step.minutes)},
        )
    data.update(changes)
    return data


def _plan(agenda):
    return list(
        AgendaStep.objects.filter(agenda=agenda)
        .order_by("position")
        .values_list("block", "prompt", "method", "minutes")
    )


@pytest.fixture
def agenda(network, alice):
    return agenda_with(
        network,
        alice,
        ("identity", "plenair", 10),
        ("rules", "stil", 5),
        ("leadership", "bespreken", 7),
    )


def test_it_shows_the_steps_with_their_fields(client, agenda, alice):
    client.force_login(alice)
    response = client.get(_url(agenda))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Mijn agenda</h1>" in html
    assert "3 stappen · 22 minuten" in html
    first = agenda.steps.first()
    assert f'name="s{first.pk}-minutes"' in html
    assert f'value="down:{first.pk}"' in html and f'value="up:{first.pk}"' not in html


def test_a_member_may_not_edit_and_a_stranger_sees_nothing(client, agenda, bob, charlie):
    before = _plan(agenda)
    client.force_login(bob)
    assert client.get(_url(agenda)).status_code == 403
    assert client.post(_url(agenda), _fields(agenda, action="add")).status_code == 403
    client.force_login(charlie)
    assert client.get(_url(agenda)).status_code == 404
    assert _plan(agenda) == before


def test_an_agenda_of_another_network_is_not_found(client, network, alice):
    other = import_network(example_document())
    theirs = standard_agenda(other, None)
    client.force_login(alice)
    url = f"/n/{network.slug}/agendas/{theirs.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "delete"}).status_code == 404
    assert Agenda.objects.filter(pk=theirs.pk).exists()


def test_a_step_moves_down_without_javascript(client, agenda, alice):
    first, second, third = agenda.steps.all()
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, action=f"down:{first.pk}"))
    assert response.status_code == 302
    assert response.url == f"{_url(agenda)}#step-{first.pk}"
    assert [s.pk for s in agenda._fresh_steps()] == [second.pk, first.pk, third.pk]


def test_a_step_moves_up_with_htmx_and_gets_the_editor_back(client, agenda, alice):
    first, second, third = agenda.steps.all()
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, action=f"up:{third.pk}"), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="agenda-editor"')
    assert "<html" not in html
    assert [s.pk for s in agenda._fresh_steps()] == [first.pk, third.pk, second.pk]
    # The moved step's arrow keeps the focus.
    assert f'value="up:{third.pk}" class="button small quiet" autofocus' in html


def test_moving_to_the_top_focuses_the_other_arrow(client, agenda, alice):
    first, second, _third = agenda.steps.all()
    client.force_login(alice)
    html = client.post(
        _url(agenda), _fields(agenda, action=f"up:{second.pk}"), headers=HTMX
    ).content.decode()
    assert f'value="down:{second.pk}" class="button small quiet" autofocus' in html


def test_any_button_saves_what_was_typed_first(client, agenda, alice):
    first, second, third = agenda.steps.all()
    client.force_login(alice)
    data = _fields(
        agenda,
        **{f"s{second.pk}-minutes": "12", f"s{second.pk}-step": "rules.decisions"},
        action=f"down:{first.pk}",
    )
    client.post(_url(agenda), data)
    second.refresh_from_db()
    assert (second.prompt, second.minutes, second.position) == ("decisions", 12, 0)


@pytest.mark.parametrize("minutes", ["0", "1000", "", "abc", "-5"])
def test_minutes_out_of_range_are_refused_and_nothing_changes(client, agenda, alice, minutes):
    first, second, _third = agenda.steps.all()
    before = _plan(agenda)
    client.force_login(alice)
    data = _fields(
        agenda,
        **{f"s{first.pk}-minutes": "25", f"s{second.pk}-minutes": minutes},
        action=f"down:{first.pk}",
    )
    for headers in ({}, HTMX):
        response = client.post(_url(agenda), data, headers=headers)
        html = response.content.decode()
        assert response.status_code == 422
        assert "Kies 1 tot 240 minuten." in html
        assert f'id="id_s{second.pk}-minutes-error"' in html
        assert f'name="s{first.pk}-minutes" id="id_s{first.pk}-minutes"' in html
        assert 'value="25"' in html  # what was typed stays
        assert _plan(agenda) == before


def test_a_new_step_of_1000_minutes_is_refused(client, agenda, alice):
    before = _plan(agenda)
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, **{"new-minutes": "1000"}, action="add"))
    assert response.status_code == 422
    assert "Kies 1 tot 240 minuten." in response.content.decode()
    assert _plan(agenda) == before


def test_a_prompt_that_is_no_prompt_of_the_canvas_is_refused(client, agenda, alice):
    before = _plan(agenda)
    client.force_login(alice)
    for step in ("rules.passion", "identity.nope", "elders"):
        response = client.post(_url(agenda), _fields(agenda, **{"new-step": step}, action="add"))
        assert response.status_code == 422
        assert "Kies een bouwsteen of vraag uit de lijst." in response.content.decode()
    assert _plan(agenda) == before


def test_a_method_that_does_not_fit_its_step_is_refused(client, agenda, alice):
    before = _plan(agenda)
    client.force_login(alice)
    data = _fields(agenda, **{"new-step": "identity", "new-method": "stemmen"}, action="add")
    response = client.post(_url(agenda), data)
    assert response.status_code == 422
    assert (
        "Stemmen met stippen gaat over één vraag of over de ambities" in response.content.decode()
    )
    assert _plan(agenda) == before


def test_a_step_of_another_agenda_is_not_found(client, network, agenda, alice):
    other = import_network(example_document())
    theirs = standard_agenda(other, None).steps.first()
    mine = standard_agenda(network, alice).steps.first()
    client.force_login(alice)
    for step in (theirs, mine):
        response = client.post(_url(agenda), _fields(agenda, action=f"remove:{step.pk}"))
        assert response.status_code == 404
    for action in ("remove:abc", "up:", "down:99999999999999999999"):
        assert client.post(_url(agenda), _fields(agenda, action=action)).status_code == 404
    assert AgendaStep.objects.filter(pk__in=[theirs.pk, mine.pk]).count() == 2


def test_an_unknown_button_is_a_bad_request(client, agenda, alice):
    client.force_login(alice)
    assert client.post(_url(agenda), _fields(agenda, action="ontplof")).status_code == 400


def test_a_step_is_added_at_the_end_and_removed(client, agenda, alice):
    client.force_login(alice)
    data = _fields(
        agenda, **{"new-step": "coalitions", "new-method": "betrokkenheid", "new-minutes": "15"}
    )
    response = client.post(_url(agenda), {**data, "action": "add"}, headers=HTMX)
    assert response.status_code == 200
    assert "Stap „Ambities en coalities” is toegevoegd." in response.content.decode()
    assert _plan(agenda)[-1] == ("coalitions", "", "betrokkenheid", 15)
    added = agenda._fresh_steps().last()
    response = client.post(_url(agenda), _fields(agenda, action=f"remove:{added.pk}"))
    assert response.status_code == 302
    assert len(_plan(agenda)) == 3


def test_the_title_is_saved_and_must_not_be_empty(client, agenda, alice):
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, **{"agenda-title": ""}, action="save"))
    assert response.status_code == 422
    assert "Geef de agenda een titel." in response.content.decode()
    client.post(_url(agenda), _fields(agenda, **{"agenda-title": "Dag 2"}, action="save"))
    agenda.refresh_from_db()
    assert agenda.title == "Dag 2"


def test_saving_as_template_opens_the_copy(client, agenda, alice):
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, action="template"), headers=HTMX)
    template = Agenda.objects.templates().get()
    assert response.status_code == 200
    assert response["HX-Redirect"] == _url(template)
    assert _plan(template) == _plan(agenda)


def test_a_facilitator_starts_a_workshop_with_the_agenda(client, network, agenda, alice):
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, action="start"))
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#workshop"
    workshop = Workshop.objects.running().get(network=network)
    agenda.refresh_from_db()
    assert agenda.workshop == workshop and workshop.title == "Mijn agenda"
    assert workshop.join_link is not None


def test_a_running_workshop_without_agenda_takes_this_one(client, network, agenda, alice):
    workshop = start_workshop(network, alice)
    client.force_login(alice)
    assert "Gebruik deze agenda in de lopende workshop" in client.get(_url(agenda)).content.decode()
    client.post(_url(agenda), _fields(agenda, action="start"))
    agenda.refresh_from_db()
    assert agenda.workshop == workshop
    assert Workshop.objects.count() == 1


def test_a_workshop_with_another_agenda_is_not_taken_over(client, network, agenda, alice):
    other = standard_agenda(network, alice)
    other.workshop = start_workshop(network, alice)
    other.save()
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, action="start"))
    assert response.status_code == 409
    assert "andere agenda" in response.content.decode()
    agenda.refresh_from_db()
    assert agenda.workshop is None


def test_a_coordinator_prepares_but_does_not_start(client, network, agenda, cora):
    client.force_login(cora)
    assert "Workshop starten" not in client.get(_url(agenda)).content.decode()
    response = client.post(
        _url(agenda), _fields(agenda, **{"agenda-title": "Anders"}, action="start")
    )
    assert response.status_code == 403
    agenda.refresh_from_db()
    assert agenda.title == "Mijn agenda" and not Workshop.objects.exists()


def test_a_template_starts_no_workshop(client, network, agenda, alice):
    template = agenda.save_as_template(alice)
    client.force_login(alice)
    response = client.post(_url(template), _fields(template, action="start"))
    assert response.status_code == 409
    assert not Workshop.objects.exists()


def test_a_started_step_is_fixed(client, network, agenda, alice):
    agenda.workshop = start_workshop(network, alice)
    agenda.save()
    first = agenda.steps.first()
    agenda.start_step(first)
    client.force_login(alice)
    html = client.get(_url(agenda)).content.decode()
    assert f'name="s{first.pk}-minutes"' not in html and "loopt nu" in html
    response = client.post(_url(agenda), _fields(agenda, action=f"remove:{first.pk}"))
    assert response.status_code == 409
    assert "Deze stap is al begonnen" in response.content.decode()
    assert AgendaStep.objects.filter(pk=first.pk).exists()


def test_the_agenda_of_an_ended_workshop_changes_no_more(client, network, agenda, alice):
    agenda.workshop = start_workshop(network, alice)
    agenda.save()
    agenda.workshop.end(alice)
    before = _plan(agenda)
    client.force_login(alice)
    html = client.get(_url(agenda)).content.decode()
    assert "blijft zoals hij was" in html and 'name="action" value="add"' not in html
    for action in ("add", "save", "delete", f"remove:{agenda.steps.first().pk}"):
        response = client.post(_url(agenda), _fields(agenda, action=action))
        assert response.status_code == 409
    assert _plan(agenda) == before
    # It can still be kept as a template, to run it again.
    assert client.post(_url(agenda), {"action": "template"}).status_code == 302
    assert Agenda.objects.templates().count() == 1


def test_an_agenda_is_deleted(client, network, agenda, alice):
    client.force_login(alice)
    response = client.post(_url(agenda), _fields(agenda, action="delete"))
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/agendas/"
    assert not Agenda.objects.exists() and not AgendaStep.objects.exists()


def test_the_editor_costs_the_same_queries_for_a_long_agenda(
    client, network, alice, django_assert_max_num_queries
):
    short = standard_agenda(network, alice)
    long = standard_agenda(network, alice)
    for step in list(long.steps.all()) * 2:
        long.add_step(step.block, step.prompt, step.method, step.minutes)
    client.force_login(alice)
    client.get(_url(short))  # the session and the caches settle
    with django_assert_max_num_queries(9) as short_queries:
        assert client.get(_url(short)).status_code == 200
    with django_assert_max_num_queries(len(short_queries)):
        assert client.get(_url(long)).status_code == 200


def test_it_prints_on_a4(client, network, alice, bob):
    agenda = standard_agenda(network, alice)
    client.force_login(alice)
    response = client.get(f"{_url(agenda)}afdrukken/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "css/agenda-print" in html
    assert '<td class="col-at">0:00</td>' in html and '<td class="col-at">2:40</td>' in html
    assert "Welke waarden" not in html and "Wat verbindt ons?" in html
    client.force_login(bob)
    assert client.get(f"{_url(agenda)}afdrukken/").status_code == 403


def test_no_user_text_is_rendered_unescaped(client, network, alice):
    agenda = agenda_with(network, alice, ("identity", "plenair", 5), title="<b>Dag</b>")
    client.force_login(alice)
    for url in (_url(agenda), f"{_url(agenda)}afdrukken/", f"/n/{network.slug}/agendas/"):
        html = client.get(url).content.decode()
        assert "<b>Dag</b>" not in html and "&lt;b&gt;Dag&lt;/b&gt;" in html


def test_a_step_added_since_the_page_was_sent_is_left_as_it_is(client, agenda, alice):
    client.force_login(alice)
    data = _fields(agenda, action="save", **{"agenda-title": "Dag 2"})
    added = agenda.add_step("rules", "", "stil", 8)  # by someone else, meanwhile
    response = client.post(_url(agenda), data)
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.method, added.minutes) == ("stil", 8)
    agenda.refresh_from_db()
    assert agenda.title == "Dag 2"
