from allauth.account.views import signup as allauth_signup_view
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .forms import ProfileForm
from .services import profile_get_or_create, profile_update


@login_required
def profile_view(request):
    profile = profile_get_or_create(user=request.user)
    form = ProfileForm(request.POST or None, instance=profile, user=request.user)
    if request.method == "POST" and form.is_valid():
        profile_update(user=request.user, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "profile": profile})


# allauth's sign-up in one transaction: a new account becomes visible to other requests
# only together with its queued confirmation e-mail. A second sign-up with the address
# then either finds the account (and allauth holds back its e-mail for a few minutes, so
# the confirmation is the one the owner gets) or loses the race in the database
# (AccountAdapter.save_user).
signup_view = transaction.atomic(allauth_signup_view)
