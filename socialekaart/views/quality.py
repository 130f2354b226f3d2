"""Quality of online help (issue 18): the norms for everyone, the representatives' answers
in "Mijn organisatie", and the coordinators' figures per sector and norm."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from aanspreekpunt.accounts import roles
from aanspreekpunt.core.errors import DomainError
from aanspreekpunt.core.pagecache import cached_by_versions, public_page
from aanspreekpunt.core.permissions import request_has_role, role_required

from .. import services
from ..models import QUALITY_EXPLANATION_MAX_LENGTH, Offering, QualityAnswer
from ..selectors import (
    offering_get_for_user_or_404,
    quality_figures,
    quality_figures_by_month,
    quality_for_workspace,
    quality_norms,
)

STATUS_CHOICES = [("", gettext_lazy("no answer yet")), *QualityAnswer.Status.choices]
HISTORY_MONTHS = 12


class QualityAnswersForm(forms.Form):
    """Three fields per norm: ``<code>-status``, ``<code>-explanation``, ``<code>-link``."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            code = row.norm.code
            self.fields[f"{code}-status"] = forms.ChoiceField(
                label=_("Answer"),
                choices=STATUS_CHOICES,
                required=False,
                initial=row.status,
                widget=forms.RadioSelect,
            )
            self.fields[f"{code}-explanation"] = forms.CharField(
                label=_("Short explanation for visitors"),
                required=False,
                max_length=QUALITY_EXPLANATION_MAX_LENGTH,
                initial=row.explanation,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{code}-link"] = forms.URLField(
                label=_("Link to the page where your service explains this"),
                required=False,
                max_length=500,
                assume_scheme="https",
                initial=row.link,
                help_text=_("Optional, for example your privacy page."),
            )

    def clean(self):
        cleaned = super().clean()
        for row in self.rows:
            code = row.norm.code
            status = cleaned.get(f"{code}-status")
            if not status and (cleaned.get(f"{code}-explanation") or cleaned.get(f"{code}-link")):
                self.add_error(
                    f"{code}-status", _("Choose an answer before giving an explanation or a link.")
                )
        return cleaned

    def norm_groups(self):
        """Per norm: the norm and its three bound fields, for the template."""
        return [
            {
                "row": row,
                "status": self[f"{row.norm.code}-status"],
                "explanation": self[f"{row.norm.code}-explanation"],
                "link": self[f"{row.norm.code}-link"],
            }
            for row in self.rows
        ]

    def answers(self) -> dict[str, dict]:
        return {
            row.norm.code: {
                "status": self.cleaned_data.get(f"{row.norm.code}-status") or "",
                "explanation": self.cleaned_data.get(f"{row.norm.code}-explanation") or "",
                "link": self.cleaned_data.get(f"{row.norm.code}-link") or "",
            }
            for row in self.rows
        }


@public_page("map", "reference")
@require_GET
def quality_norms_view(request):
    norms = cached_by_versions("quality-norms", ("map", "reference"), quality_norms)
    return render(request, "socialekaart/quality/norms.html", {"norms": norms})


@login_required
def quality_answers_view(request, slug):
    offering = offering_get_for_user_or_404(
        user=request.user,
        slug=slug,
        as_coordinator=request_has_role(request, roles.COORDINATORS),
    )
    rows = quality_for_workspace(offering=offering)
    form = QualityAnswersForm(request.POST or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.quality_answers_save(
                offering=offering, actor=request.user, answers=form.answers()
            )
            if "submit" in request.POST:
                services.offering_submit(offering=offering, actor=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            if "submit" in request.POST:
                messages.success(request, _("Your answers were sent for review."))
            elif changed:
                messages.success(
                    request,
                    _("Your answers were saved. Submit them for publication when they are ready."),
                )
            else:
                messages.success(request, _("Your answers were saved."))
            return redirect("socialekaart:quality_answers", slug=offering.slug)
    waiting = any(row.waiting for row in rows)
    return render(
        request,
        "socialekaart/quality/answers_form.html",
        {
            "offering": offering,
            "form": form,
            "waiting": waiting,
            "under_review": offering.moderation_state == Offering.Moderation.SUBMITTED,
            "norms_source": rows[0].norm if rows else None,
        },
    )


@role_required(roles.COORDINATORS)
@require_GET
def quality_figures_view(request):
    figures = cached_by_versions(
        "quality-figures",
        ("map", "reference"),
        lambda: quality_figures(all_sectors_name=_("All sectors")),
    )
    history = quality_figures_by_month(sector_slug="")[-HISTORY_MONTHS:]
    norms = figures[0].norms if figures else []
    return render(
        request,
        "socialekaart/quality/figures.html",
        {
            "figures": figures,
            "overall": figures[0] if figures else None,
            "history": history,
            "norms": norms,
        },
    )
