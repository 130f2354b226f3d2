"""The role groups of the platform (product.md §2); created by a data migration."""

MEMBERS = "Communityleden"
REPRESENTATIVES = "Vertegenwoordigers"
COORDINATORS = "Coördinatoren"
EDITORS = "Redacteurs"

ALL_GROUPS = [MEMBERS, REPRESENTATIVES, COORDINATORS, EDITORS]


def user_has_role(user, group_name: str) -> bool:
    """True for a signed-in user in ``group_name``; administrators have every role."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(group.name == group_name for group in user.groups.all())
