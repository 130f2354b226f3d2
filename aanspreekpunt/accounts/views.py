from allauth.account.views import signup as allauth_signup_view
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from aanspreekpunt.core.permissions import requires_two_factor

from .forms import AccountDeleteForm, ProfileForm
from .services import account_delete, account_export, profile_get_or_create, profile_update

# The outcome of a deletion, kept in the new anonymous session for the confirmation page.
ACCOUNT_DELETED = "account_deleted"


@login_required
def profile_view(request):
    profile = profile_get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "profile": profile})


@require_GET
@login_required
def personal_data_view(request):
    """The member's own data as a JSON download; never stored by a cache or a proxy."""
    response = JsonResponse(
        account_export(user=request.user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    filename = f"mijn-gegevens-onlinehulp-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
def account_delete_view(request):
    data = request.POST if request.method == "POST" else None  # an empty POST is an error
    form = AccountDeleteForm(data, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        outcome = account_delete(user=request.user, actor=request.user)
        logout(request)
        request.session[ACCOUNT_DELETED] = outcome
        return redirect("accounts:deleted")
    context = {"form": form, "is_staff": requires_two_factor(request.user)}
    return render(request, "accounts/account_delete.html", context)


@never_cache
def account_deleted_view(request):
    outcome = request.session.pop(ACCOUNT_DELETED, None)
    if outcome is None:
        return redirect("/")
    return render(request, "accounts/account_deleted.html", {"outcome": outcome})


def privacy_view(request):
    return render(request, "accounts/privacy.html")


# allauth's sign-up in one transaction: a new account becomes visible to other requests
# only together with its queued confirmation e-mail. A second sign-up with the address
# then either finds the account (and allauth holds back its e-mail for a few minutes, so
# the confirmation is the one the owner gets) or loses the race in the database
# (AccountAdapter.save_user).
signup_view = transaction.atomic(allauth_signup_view)
