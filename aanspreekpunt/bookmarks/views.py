from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from aanspreekpunt.core.errors import DomainError

from . import services
from .selectors import bookmark_groups, is_bookmarked


@require_GET
@never_cache
@login_required
def bookmark_list_view(request):
    """ "Mijn kennisplein": the member's bookmarks by kind, newest first. Never cached."""
    return render(request, "bookmarks/list.html", {"groups": bookmark_groups(user=request.user)})


@require_POST
@never_cache
@login_required
def bookmark_toggle_view(request):
    """Add (``action=add``) or remove a bookmark. Without JavaScript the form posts here and
    the member returns to the page; with htmx the button is swapped in place."""
    kind = request.POST.get("kind", "")[:40]
    object_id = request.POST.get("object_id", "")[:64]
    action = request.POST.get("action", "")
    if action not in ("add", "remove") or "\x00" in kind + object_id:
        return HttpResponseBadRequest(_("This request is not understood."))
    error = None
    try:
        if action == "add":
            services.bookmark_add(user=request.user, kind=kind, object_id=object_id)
        else:
            services.bookmark_remove(user=request.user, kind=kind, object_id=object_id)
    except DomainError as problem:
        error = problem.message
    saved = is_bookmarked(user=request.user, kind=kind, object_id=object_id)
    if request.headers.get("HX-Request"):
        context = {
            "kind": kind,
            "object_id": object_id,
            "saved": saved,
            "error": error,
            "signed_in": True,
            "next": request.POST.get("next", ""),
        }
        return render(request, "bookmarks/button.html", context, status=400 if error else 200)
    if error:
        messages.error(request, error)
    elif action == "add":
        messages.success(request, _("Saved in My knowledge square."))
    else:
        messages.success(request, _("Removed from My knowledge square."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "bookmarks:list"
    return redirect(target)
