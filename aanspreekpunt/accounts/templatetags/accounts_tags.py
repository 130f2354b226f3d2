from django import template

from aanspreekpunt.core import permissions

register = template.Library()


@register.filter
def requires_two_factor(user) -> bool:
    """Whether ``user``'s role asks for two-factor authentication (core.permissions)."""
    return permissions.requires_two_factor(user)
