"""The service map's back-office viewsets in the Wagtail admin."""

import re

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import UserFactory
from tests.sessions import login

from .factories import (
    ModalityFactory,
    OfferingFactory,
    OrganisationFactory,
    ProvinceFactory,
    SectorFactory,
    TargetGroupFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

VIEWSETS = {
    "sector": SectorFactory,
    "modality": ModalityFactory,
    "targetgroup": TargetGroupFactory,
    "theme": ThemeFactory,
    "province": ProvinceFactory,
    "organisation": OrganisationFactory,
    "offering": OfferingFactory,
}


@pytest.fixture
def admin_client(client):
    administrator = UserFactory(is_superuser=True, is_staff=True)
    Authenticator.objects.create(
        user=administrator, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    login(client, administrator, two_factor=True)
    return client


@pytest.mark.parametrize(("name", "make"), VIEWSETS.items(), ids=VIEWSETS.keys())
def test_an_administrator_opens_the_list_and_the_edit_form(admin_client, name, make):
    instance = make()
    listing = admin_client.get(reverse(f"{name}:index"))
    assert listing.status_code == 200
    assert str(instance) in listing.content.decode()
    assert admin_client.get(reverse(f"{name}:edit", args=[instance.pk])).status_code == 200


def test_the_offering_list_filters_on_moderation_state_and_searches_names(admin_client):
    OfferingFactory(name="Chat voor jongeren")
    OfferingFactory(name="Forum voor ouders", draft=True)
    url = reverse("offering:index")
    drafts = admin_client.get(url, {"moderation_state": "draft"}).content.decode()
    assert "Forum voor ouders" in drafts
    assert "Chat voor jongeren" not in drafts
    found = admin_client.get(url, {"q": "chat"}).content.decode()
    assert "Chat voor jongeren" in found
    assert "Forum voor ouders" not in found


def test_the_offering_form_leaves_moderation_to_the_moderation_queue(admin_client):
    offering = OfferingFactory()
    form = admin_client.get(reverse("offering:edit", args=[offering.pk])).context["form"]
    assert "access_url" in form.fields
    assert not {"moderation_state", "is_public", "pending_changes"} & set(form.fields)


def test_the_service_map_menu_groups_the_viewsets(admin_client):
    page = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Sociale kaart" in page
    assert all(reverse(f"{name}:index") in page for name in VIEWSETS)


def test_back_office_changes_are_audited_and_refresh_the_map(
    admin_client, django_capture_on_commit_callbacks
):
    from aanspreekpunt.core.models import AuditEntry
    from socialekaart.models import Theme
    from socialekaart.selectors import map_version

    versions = [map_version()]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("theme:add"), {"name": "Rouw", "slug": "rouw", "sort_order": "3"}
        )
    assert response.status_code == 302
    versions.append(map_version())
    theme = Theme.objects.get(slug="rouw")
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("theme:edit", args=[theme.pk]),
            {"name": "Rouw en verlies", "slug": "rouw", "sort_order": "3"},
        )
    versions.append(map_version())
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("theme:delete", args=[theme.pk]))
    assert response.status_code == 302
    versions.append(map_version())
    assert not Theme.objects.filter(pk=theme.pk).exists()
    entries = list(
        AuditEntry.objects.filter(object_type="socialekaart.theme", object_id=str(theme.pk))
        .order_by("pk")
        .values_list("action", "changes")
    )
    assert entries == [
        (
            "socialekaart.theme.admin_created",
            {"name": "Rouw", "slug": "rouw", "sort_order": "3"},
        ),
        ("socialekaart.theme.admin_updated", {"name": "Rouw en verlies"}),
        ("socialekaart.theme.admin_deleted", {}),
    ]
    # Each change moved the map's version on.
    assert versions == sorted(set(versions))


def test_the_offering_form_refuses_a_second_offering_of_a_name_in_dutch(admin_client):
    from socialekaart.models import Offering

    first = OfferingFactory(name="Chat voor jongeren")
    second = OfferingFactory(name="Forum voor jongeren", organisation=first.organisation)
    url = reverse("offering:edit", args=[second.pk])
    form = admin_client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {name: value for name, value in data.items() if value is not None}
    data.update(name="CHAT voor jongeren", sources="[]")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "heeft al een aanbod met deze naam" in response.content.decode()
    assert Offering.objects.get(pk=second.pk).name == "Forum voor jongeren"


# --- issue 16: the coordinator's pending work and Dutch values in the lists ------------------


def test_a_coordinators_dashboard_shows_the_work_waiting_in_each_queue(client):
    from aanspreekpunt.accounts import roles
    from socialekaart import services
    from socialekaart.models import Offering

    draft = OfferingFactory(draft=True, moderation_state=Offering.Moderation.SUBMITTED)
    services.correction_report(offering=OfferingFactory(), text="Verkeerde uren")
    services.correction_report(offering=OfferingFactory(), text="Link werkt niet")
    assert draft.moderation_state == "submitted"
    coordinator = UserFactory(groups=[roles.COORDINATORS], two_factor=True)
    login(client, coordinator, two_factor=True)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = html.split("Sociale kaart: wacht op u", 1)[1].split("</table>", 1)[0]
    assert re.search(
        r'href="/sociale-kaart/moderatie/#q-offerings">Aanbod om na te kijken</a>', panel
    )
    assert re.search(r"Gemelde fouten</a></td>\s*<td>2</td>", panel)
    # Editors have no such queues.
    editor = UserFactory(groups=[roles.EDITORS], two_factor=True)
    login(client, editor, two_factor=True)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Sociale kaart: wacht op u" not in home


def test_list_columns_show_yes_and_no_in_dutch(admin_client):
    OfferingFactory(name="Zichtbaar aanbod")
    html = admin_client.get(reverse("offering:index")).content.decode()
    assert "Zichtbaar aanbod" in html
    assert re.search(r">\s*(ja|nee)\s*<", html)
    assert not re.search(r">\s*(True|False)\s*<", html)
