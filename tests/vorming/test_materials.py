"""Material: public in the library and on the page of a held session, or for the session's
participants only, served after a permission check."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.functional import empty

from aanspreekpunt.core.documents import private_storage
from tests.factories import UserFactory
from tests.sessions import login
from vorming import services
from vorming.models import Material

from .factories import registration_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty
    yield
    private_storage._wrapped = empty


def add(session, title, *, public, coordinator):
    return services.material_add(
        session=session,
        data={
            "title": title,
            "file": ContentFile(b"inhoud", name=f"{title}.txt"),
            "is_public": public,
        },
        actor=coordinator,
    )


def test_public_material_is_in_the_library_and_on_the_page_once_held(client, session, coordinator):
    add(session, "Publieke dias", public=True, coordinator=coordinator)
    add(session, "Enkel voor deelnemers", public=False, coordinator=coordinator)
    library = client.get("/vorming/materiaal/").content.decode()
    assert "Publieke dias" in library
    assert "Enkel voor deelnemers" not in library
    assert "Publieke dias" not in client.get(session.get_absolute_url()).content.decode()
    services.session_set_status(session=session, to_status="held", actor=coordinator)
    assert "Publieke dias" in client.get(session.get_absolute_url()).content.decode()


def test_material_for_participants_is_served_to_them_only(client, session, coordinator):
    material = add(session, "Handout", public=False, coordinator=coordinator)
    url = f"/vorming/materiaal/{material.pk}/bestand/"
    assert client.get(url).status_code == 302  # visitors log in first
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    participant = UserFactory()
    registration = services.registration_create(
        session=session, data=registration_data(1, email=participant.email), user=None
    )
    services.registration_confirm(registration=registration)
    client.force_login(participant)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"inhoud"
    assert response["Cache-Control"] == "private, no-store"


def test_a_coordinator_adds_a_link_or_a_file_never_both_or_neither(client, session, coordinator):
    login(client, coordinator, two_factor=True)
    url = f"/vorming/beheer/sessies/{session.pk}/materiaal/"
    client.post(url, {"title": "Niets"})
    client.post(
        url,
        {
            "title": "Beide",
            "link": "https://example.org",
            "file": SimpleUploadedFile("a.txt", b"x"),
        },
    )
    assert not Material.objects.exists()
    client.post(url, {"title": "Website", "link": "example.org/onlinehulp", "is_public": "on"})
    material = Material.objects.get()
    assert material.link == "https://example.org/onlinehulp"
    assert material.is_public
