"""The quality block of an offering (issue 18): the published answers, kept per map version."""

from functools import partial

from django import template

from aanspreekpunt.core.pagecache import cached_by_versions

from ..selectors import quality_for_offering, quality_pending_for_review

register = template.Library()


@register.simple_tag
def offering_quality(offering):
    """The nine norms with what visitors see of ``offering``'s answers (two queries, or
    none while the map has not changed)."""
    return cached_by_versions(
        f"offering-quality:{offering.pk}",
        ("map", "reference"),
        partial(quality_for_offering, offering_id=offering.pk),
    )


@register.simple_tag
def pending_quality(offering):
    """The answers of ``offering`` waiting for a coordinator's review (not cached)."""
    return quality_pending_for_review(offering=offering)
