"""RSS feeds of the progress updates, for all plans and per plan (Django's syndication)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors


class UpdatesFeed(Feed):
    def get_object(self, request, slug=None):
        return selectors.plan_get_or_404(slug=slug) if slug else None

    def title(self, plan):
        if plan is None:
            return _("Policy actions on online help: progress updates")
        return _("%(plan)s: progress updates") % {"plan": plan.title}

    def link(self, plan):
        return plan.get_absolute_url() if plan else reverse("beleidsacties:overview")

    def description(self, plan):
        return _("New entries in the history of the policy actions on online help.")

    def items(self, plan):
        return selectors.updates_for_feed(plan=plan)

    def item_title(self, update):
        action = update.action
        return f"{action.plan.short_title} {action.number}: {action.display_title}"

    def item_description(self, update):
        parts = [update.date_display, update.text]
        if update.status_changed:
            parts.append(
                _("Status: %(old)s → %(new)s")
                % {
                    "old": update.get_status_before_display(),
                    "new": update.get_status_after_display(),
                }
            )
        if update.progress_changed:
            parts.append(
                _("Progress: %(old)s → %(new)s %%")
                % {
                    "old": "?" if update.progress_before is None else update.progress_before,
                    "new": update.progress_after,
                }
            )
        if update.is_demo:
            parts.append(_("Demo content"))
        return " · ".join(str(part) for part in parts)

    def item_link(self, update):
        return f"{update.action.get_absolute_url()}#update-{update.pk}"

    def item_guid(self, update):
        return f"beleidsacties-update-{update.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, update):
        return timezone.localtime(update.recorded_at)
