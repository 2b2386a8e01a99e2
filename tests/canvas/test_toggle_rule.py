from canvas.models import Note
from canvas.prompts import PROMPTS
from networks.models import Activity

HX = {"HX-Request": "true"}


def _url(note):
    return f"/n/{note.network.slug}/spelregels/{note.pk}/status/"


def test_a_facilitator_agrees_a_proposal_and_takes_it_back(network, alice, client):
    rule = Note.objects.get(text__startswith="Spanningen bespreken")
    client.force_login(alice)
    response = client.post(_url(rule), headers=HX)
    rule.refresh_from_db()
    assert rule.status == "afgesproken"
    assert response.status_code == 200
    assert "rule-afgesproken" in response.content.decode()
    activity = Activity.objects.get(kind="rule.agreed")
    assert activity.sentence().startswith("Alice heeft een spelregel afgesproken bij Spelregels")
    assert activity.quote.startswith("Spanningen bespreken")
    assert client.post(_url(rule)).status_code == 302
    rule.refresh_from_db()
    assert rule.status == "voorstel"


def test_the_author_of_a_rule_may_toggle_it(network, bob, client):
    rule = Note.add(network, PROMPTS["membership"], "Iedereen is welkom", bob)
    client.force_login(bob)
    assert client.post(_url(rule)).status_code == 302
    rule.refresh_from_db()
    assert rule.status == "afgesproken"


def test_a_member_may_not_toggle_someone_elses_rule(network, bob, client):
    rule = Note.objects.get(text__startswith="Spanningen bespreken")
    client.force_login(bob)
    assert client.post(_url(rule)).status_code == 403
    rule.refresh_from_db()
    assert rule.status == "voorstel"


def test_a_note_that_is_not_a_rule_has_no_status(network, alice, client):
    note = Note.objects.get(text="Klein beginnen, snel leren")
    client.force_login(alice)
    assert client.post(_url(note)).status_code == 404
    note.refresh_from_db()
    assert note.status == ""


def test_a_rule_deleted_meanwhile_says_so(network, alice, client):
    rule = Note.objects.get(text__startswith="Spanningen bespreken")
    rule.soft_delete()
    client.force_login(alice)
    response = client.post(_url(rule), headers=HX)
    assert response.status_code == 409
    assert "intussen verwijderd" in response.content.decode()


def test_toggling_needs_a_post_and_a_stranger_gets_404(network, alice, charlie, client):
    rule = Note.objects.get(text__startswith="Spanningen bespreken")
    client.force_login(alice)
    assert client.get(_url(rule)).status_code == 405
    client.force_login(charlie)
    assert client.post(_url(rule)).status_code == 404
