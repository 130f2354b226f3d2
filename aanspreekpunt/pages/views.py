from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from aanspreekpunt.accounts.roles import COORDINATORS, EDITORS, user_has_role
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.permissions import request_has_role, two_factor_redirect
from aanspreekpunt.forum import selectors as forum_selectors

from . import services
from .selectors import sitemap_pages


def sitemap_view(request):
    """The human sitemap: the platform's sections and the published pages of the site."""
    pages = sitemap_pages(site=Site.find_for_request(request), request=request)
    return render(request, "pages/sitemap.html", {"pages": pages})


@require_POST
def faq_from_thread_view(request, pk):
    """ "Maak er een FAQ-pagina van": for editors and coordinators in a two-factor session."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    roles_held = [role for role in (EDITORS, COORDINATORS) if user_has_role(request.user, role)]
    if not roles_held:
        raise PermissionDenied
    if not any(request_has_role(request, role) for role in roles_held):
        return two_factor_redirect(request)
    try:
        page = services.faq_draft_from_thread(thread_pk=pk, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        thread = forum_selectors.threads_public().filter(pk=pk).first()
        return redirect(thread or "forum:category_list")
    messages.success(
        request, _("A draft FAQ page was made. Review it and publish it in the page editor.")
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
