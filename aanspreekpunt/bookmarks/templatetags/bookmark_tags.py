from django import template

from aanspreekpunt.bookmarks.selectors import is_bookmarked

register = template.Library()


@register.inclusion_tag("bookmarks/button.html", takes_context=True)
def bookmark_button(context, kind: str, object_id) -> dict:
    """ "Bewaar in Mijn kennisplein" for a member (a POST form; htmx swaps it in place); for
    a visitor a link to log in, so the page stays cacheable."""
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "request": request,
        "signed_in": signed_in,
        "kind": kind,
        "object_id": str(object_id),
        "saved": signed_in and is_bookmarked(user=user, kind=kind, object_id=object_id),
        "next": request.get_full_path() if request else "/",
        "csrf_token": context.get("csrf_token"),
    }
