"""A guest may not start a network by importing a file, as they may not through /nieuw/."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from networks.models import Network, User
from tests.conftest import example_document


def _upload():
    text = json.dumps(example_document(), ensure_ascii=False)
    return SimpleUploadedFile("canvas.json", text.encode(), content_type="application/json")


def test_a_guest_cannot_import_a_network(db, client):
    client.force_login(User.objects.create_guest("Gijs"))
    response = client.post("/importeren/", {"file": _upload()})
    assert response.status_code == 403
    assert "Maak eerst een account" in response.content.decode()
    assert Network.objects.count() == 0


def test_a_guest_does_not_get_the_import_form(db, client):
    client.force_login(User.objects.create_guest("Gijs"))
    response = client.get("/importeren/")
    assert response.status_code == 403
    assert 'type="file"' not in response.content.decode()
