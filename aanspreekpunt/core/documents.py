"""Which files visitors may download.

Two kinds of files, decided once for every app:

- **Documents** (Wagtail documents: manuals, teasers, reports) are published material. A
  visitor downloads one only while a published page, or another public object, uses it;
  Wagtail's reference index knows where each document is used. Staff who manage
  documents (in a session that passed two-factor) may always download them, so that they
  can check a file before they publish the page that links it.
- **Private files** (attachments to a question, files of a registration): anything that may
  carry personal data is never a Wagtail document. It is stored with
  :data:`private_storage`, outside the media folder that a web server could expose, and is
  served only by a view that checked the permission first, through
  :func:`private_file_response`.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.permissions import policy_registry

from aanspreekpunt.core.permissions import session_passed_two_factor


def _object_is_public(obj) -> bool:
    """A live page without view restrictions, or an object that says it is public."""
    if isinstance(obj, Page):
        return obj.live and not obj.get_view_restrictions().exists()
    return bool(getattr(obj, "is_public", False))


def document_is_public(document) -> bool:
    """True while a published page or a public object uses ``document``."""
    return any(
        _object_is_public(source)
        for source, _references in ReferenceIndex.get_grouped_references_to(document)
    )


def document_may_be_served(document, request) -> bool:
    user = request.user
    if (
        user.is_authenticated
        and policy_registry.get_by_type(get_document_model()).user_has_permission_for_instance(
            user, "change", document
        )
        and session_passed_two_factor(request)
    ):
        return True
    return document_is_public(document)


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


#: Storage for files that may carry personal data.
private_storage = _PrivateStorage()


def private_file_storage():
    """The storage of private files, for ``FileField(storage=private_file_storage)``.

    A callable, so that migrations name this function instead of writing the folder of
    the checkout they were made in into the migration.
    """
    return private_storage


def private_file_response(file, *, filename: str | None = None) -> FileResponse:
    """Serve a private file to a request whose permission the caller has checked.

    Always a download, never cached by a browser or proxy, and never sniffed as HTML.
    """
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle, as_attachment=True, filename=filename or file.name.rsplit("/", 1)[-1]
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
