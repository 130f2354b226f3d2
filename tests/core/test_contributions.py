"""Apps contribute reference data and demo content through core's registry; core imports
no domain app."""

import ast
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from aanspreekpunt.core import contributions
from aanspreekpunt.core.models import OutboundEmail
from aanspreekpunt.core.services import email_enqueue_message, emails_withheld
from aanspreekpunt.pages.models import StandardPage
from socialekaart.models import Offering

CORE = Path(settings.BASE_DIR) / "aanspreekpunt" / "core"
DOMAIN_MODULES = ("socialekaart", "vorming", "beleidsacties", "aanspreekpunt.pages")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_no_domain_app():
    offenders = {
        str(path.relative_to(settings.BASE_DIR)): sorted(
            name for name in imported_modules(path) if name.startswith(DOMAIN_MODULES)
        )
        for path in CORE.rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_registry_runs_contributions_in_order_whatever_the_registration_order():
    registry = contributions.Registry("example")
    registry.register(app="b", name="late", order=20, run=print)
    registry.register(app="a", name="early", order=10, run=print)
    registry.register(app="a", name="early", order=10, run=print)  # again: no change
    assert [c.name for c in registry] == ["early", "late"]
    assert registry.apps() == ["a", "b"]
    assert [c.name for c in registry.for_app("b")] == ["late"]


def test_two_apps_cannot_register_the_same_name():
    registry = contributions.Registry("example")
    registry.register(app="a", name="same", order=10, run=print)
    with pytest.raises(ImproperlyConfigured, match="same"):
        registry.register(app="b", name="same", order=10, run=repr)


def test_each_app_with_demo_content_registers_its_seeder():
    assert contributions.demo_seeders.apps() == [
        "accounts",
        "socialekaart",
        "pages",
        "beleidsacties",
        "vorming",
        "desk",
        "forum",
        "stepplan",
    ]
    assert contributions.reference_data.apps() == ["socialekaart", "beleidsacties", "vorming"]


@pytest.mark.django_db
def test_emails_queued_while_withheld_are_neither_stored_nor_sent(
    django_capture_on_commit_callbacks,
):
    message = EmailMessage(subject="Demo", body="Hallo", to=["lid@demo.onlinehulp.be"])
    with django_capture_on_commit_callbacks(execute=True), emails_withheld():
        withheld = email_enqueue_message(message=message)
    assert withheld.pk is None
    assert not OutboundEmail.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        email_enqueue_message(message=message)
    assert OutboundEmail.objects.count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_one_app_is_seeded_on_its_own_with_the_accounts_it_needs_and_no_e_mail():
    pages_before = StandardPage.objects.count()  # the site pages every install has
    output = StringIO()
    call_command("seed_demo", "--app", "socialekaart", stdout=output)
    assert "Sociale kaart:" in output.getvalue()
    assert "Demo-pagina's" not in output.getvalue()
    assert Offering.objects.filter(is_demo=False, is_public=True).count() == 45
    assert StandardPage.objects.count() == pages_before
    # The services e-mailed coordinators and representatives at every step; demo addresses
    # do not exist, so nothing was queued (with a broker, a worker would have sent them).
    assert not OutboundEmail.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_seeder_that_cannot_run_stops_the_command_with_its_reason():
    pages_before = StandardPage.objects.count()
    Site.objects.filter(is_default_site=True).update(root_page=Page.get_first_root_node())
    with pytest.raises(CommandError, match="pages: The default site starts at"):
        call_command("seed_demo", "--app", "pages", stdout=StringIO())
    assert StandardPage.objects.count() == pages_before


def test_seed_demo_refuses_an_unknown_app():
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("seed_demo", "--app", "bestaat-niet")
