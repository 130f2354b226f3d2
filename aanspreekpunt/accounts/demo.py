"""Demo accounts, one per role. Their password is printed by ``seed_demo``."""

from . import roles
from .services import user_create

DEMO_PASSWORD = "Onlinehulp-demo-2026"

DEMO_ACCOUNTS = [
    # (e-mail, groups, superuser, first name, last name)
    ("beheerder@demo.onlinehulp.be", [], True, "Bea", "Beheerder"),
    ("coordinator@demo.onlinehulp.be", [roles.COORDINATORS], False, "Cor", "Coördinator"),
    ("redacteur@demo.onlinehulp.be", [roles.EDITORS], False, "Rik", "Redacteur"),
    ("lid@demo.onlinehulp.be", [roles.MEMBERS], False, "Lien", "Lid"),
]


def demo_account(email: str):
    """The demo account with this address, created first if it is missing: another app's
    demo content can be seeded on its own and still find the accounts it needs."""
    for address, groups, superuser, first_name, last_name in DEMO_ACCOUNTS:
        if address == email:
            return user_create(
                email=address,
                password=DEMO_PASSWORD,
                groups=groups,
                superuser=superuser,
                first_name=first_name,
                last_name=last_name,
            )
    raise ValueError(f"{email} is not one of the demo accounts.")


def seed() -> list[str]:
    """Create the demo accounts if they are missing; returns lines to show the user."""
    lines = []
    for email, groups, superuser, *_names in DEMO_ACCOUNTS:
        demo_account(email)
        role = "beheerder" if superuser else ", ".join(groups)
        lines.append(f"  {email:<36} {role}")
    return lines
