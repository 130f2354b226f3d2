"""Documents are downloadable while something public uses them; private files never are
served without a permission check."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.utils.functional import empty
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.documents import private_file_response, private_storage
from aanspreekpunt.pages.models import StandardPage
from tests.factories import UserFactory
from tests.sessions import login

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty  # built again from the settings above
    yield
    private_storage._wrapped = empty


@pytest.fixture
def document(db):
    Document = get_document_model()
    doc = Document(title="Teaser voor directies")
    doc.file.save("teaser.pdf", ContentFile(b"%PDF-1.4 teaser"), save=False)
    doc.save()
    return doc


@pytest.fixture
def page_linking(django_capture_on_commit_callbacks):
    """A page whose body links ``document``; Wagtail indexes the reference on commit."""

    def make(document, *, live: bool) -> StandardPage:
        with django_capture_on_commit_callbacks(execute=True):
            return _page_linking(document, live=live)

    return make


def _page_linking(document, *, live: bool) -> StandardPage:
    home = Page.objects.get(depth=2)
    page = StandardPage(
        title="Vorming",
        slug="vorming-teaser",
        body=[
            (
                "paragraph",
                f'<p><a linktype="document" id="{document.pk}">Teaser</a></p>',
            )
        ],
        live=live,
    )
    home.add_child(instance=page)
    page.save_revision()
    return page


def _url(document) -> str:
    return f"/documenten/{document.pk}/{document.filename}"


def test_an_unused_document_does_not_exist_for_visitors(client, document):
    assert client.get(_url(document)).status_code == 404


def test_a_document_used_by_a_draft_page_stays_hidden(client, document, page_linking):
    page_linking(document, live=False)
    assert client.get(_url(document)).status_code == 404


def test_a_document_used_by_a_published_page_is_downloadable(client, document, page_linking):
    page_linking(document, live=True)
    response = client.get(_url(document))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 teaser"


def test_unpublishing_or_restricting_the_page_hides_the_document_again(
    client, document, page_linking
):
    page = page_linking(document, live=True)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(_url(document)).status_code == 404
    PageViewRestriction.objects.all().delete()
    page.unpublish()
    assert client.get(_url(document)).status_code == 404


def test_editors_check_a_document_before_publishing_in_a_two_factor_session(client, document):
    editor = UserFactory(groups=[roles.EDITORS], two_factor=True)
    client.force_login(editor)
    assert client.get(_url(document)).status_code == 404
    login(client, editor, two_factor=True)
    assert client.get(_url(document)).status_code == 200


def test_a_private_file_is_an_uncached_download_that_is_never_sniffed(settings):
    name = private_storage.save("vragen/bijlage.html", ContentFile(b"<script>x</script>"))
    assert str(settings.PRIVATE_MEDIA_ROOT) in private_storage.path(name)
    assert not private_storage.path(name).startswith(str(settings.MEDIA_ROOT))

    response = private_file_response(private_storage.open(name), filename="bijlage.html")
    assert response["Content-Disposition"] == 'attachment; filename="bijlage.html"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"<script>x</script>"


def test_a_missing_private_file_is_a_404_not_a_500():
    with pytest.raises(Http404):
        private_file_response(None)


def test_no_migration_names_the_folder_of_a_checkout():
    """A private FileField names ``private_file_storage``, a callable; a storage instance
    would write the folder it was made in into the migration, and every other checkout
    would then see a change (``makemigrations --check`` fails in CI)."""
    from pathlib import Path

    from django.apps import apps
    from django.conf import settings

    found = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir() and str(folder).startswith(str(settings.BASE_DIR)):
            found += [
                path.name
                for path in folder.glob("*.py")
                if "FileSystemStorage(" in path.read_text(encoding="utf-8")
            ]
    assert found == []
