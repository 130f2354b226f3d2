from django.http import Http404
from wagtail import hooks

from .documents import document_may_be_served


@hooks.register("before_serve_document")
def serve_only_documents_in_use(document, request):
    """A document is downloadable while a published page or public object uses it
    (core.documents); otherwise it does not exist for the visitor."""
    if not document_may_be_served(document, request):
        raise Http404
