"""Every HSDS path's real answers validate against the official HSDS 3.0 schemas.

The schemas are vendored in ``hsds_schemas/`` (see its README); validation is draft 2020-12
with format checking on (``uri``, ``date-time``, ``uuid``, ``email``), as the
specification's own tests do. One full page of every list and a sample of details, on the
demo data and on a large map.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from socialekaart.models import Organisation
from tests.scoped_data import rows_for_scope

from . import hsds
from .factories import (
    ModalityFactory,
    MunicipalityFactory,
    OpeningExceptionFactory,
    OrganisationFactory,
    ProvinceFactory,
    SectorFactory,
    TargetGroupFactory,
    ThemeFactory,
    bulk_public_offerings,
)

pytestmark = pytest.mark.django_db

LISTS = {
    "/services": ["per_page=100", "per_page=100&full=true", "per_page=1000&minimal=true"],
    "/organizations": ["per_page=100", "per_page=100&full=true", "per_page=20&full_service=true"],
    "/service_at_locations": ["per_page=100", "per_page=20&full=true"],
    "/taxonomies": [""],
    "/taxonomy_terms": ["per_page=100"],
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, seeded once for this module (each test is rolled back)."""
    yield from rows_for_scope(
        django_db_blocker, lambda: call_command("seed_demo", stdout=StringIO())
    )


def validate_everything(client, *, details: int) -> dict[str, int]:
    """Validates one full page of every list and up to ``details`` details of each kind;
    returns how many objects were checked per path. Fails with every error found."""
    errors, checked, first_pages = [], {}, {}
    root = client.get("/api/v1/").json()
    errors += hsds.errors("/", root)
    for path, queries in LISTS.items():
        for query in queries:
            response = client.get(f"/api/v1{path}?{query}")
            assert response.status_code == 200, (path, query)
            payload = response.json()
            errors += hsds.errors(path, payload)
            checked[path] = checked.get(path, 0) + len(payload["contents"])
            first_pages.setdefault(path, payload["contents"])
    for path, listed in (
        ("/services/{id}", first_pages["/services"]),
        ("/organizations/{id}", first_pages["/organizations"]),
        ("/taxonomies/{id}", first_pages["/taxonomies"]),
        ("/taxonomy_terms/{id}", first_pages["/taxonomy_terms"]),
        ("/service_at_locations/{id}", first_pages["/service_at_locations"]),
    ):
        base = path.removesuffix("/{id}")
        for item in listed[:details]:
            for suffix in ("", "?full_service=true") if base == "/organizations" else ("",):
                response = client.get(f"/api/v1{base}/{item['id']}{suffix}")
                assert response.status_code == 200, (path, item["id"])
                errors += hsds.errors(path, response.json())
                if base == "/service_at_locations":  # the OpenAPI describes a nested one
                    errors += hsds.errors_against(
                        "compiled/service_at_location.json", response.json()
                    )
                checked[path] = checked.get(path, 0) + 1
    assert errors == [], "\n".join(errors[:40])
    return checked


def test_demo_data_validates_with_zero_errors(client, demo):
    checked = validate_everything(client, details=100)
    # the demo's 45 offerings (38 reached online), 38 organisations, 58 terms
    assert checked["/services/{id}"] >= 40
    assert checked["/organizations/{id}"] >= 2 * 35
    assert checked["/taxonomy_terms/{id}"] >= 50
    assert checked["/service_at_locations"] >= 30
    assert checked["/service_at_locations/{id}"] >= 30


def test_a_large_map_validates_with_zero_errors(client):
    sector = SectorFactory(slug="jeugdhulp")
    chat = ModalityFactory(slug="chat")
    umbrella = OrganisationFactory(name="Koepel", email="info@koepel.example")
    organisations = [
        OrganisationFactory(
            sectors=[sector],
            provinces=[ProvinceFactory()],
            municipalities=[MunicipalityFactory(postcodes=["9000"])],
            umbrella_organisation=umbrella,
            enterprise_number=number,
            phone="09 123 45 67",
            street="Straat 1",
            city="Gent",
        )
        for number in ("0123456749", "0200000032", "0300000015")
    ]
    offerings = bulk_public_offerings(
        500,
        organisations=organisations,
        modalities=[chat],
        target_groups=[TargetGroupFactory()],
        themes=[ThemeFactory()],
        online=True,
    )
    OpeningExceptionFactory(offering=offerings[0], closed=False, opens="10:00", closes="12:00")
    validate_everything(client, details=25)


def test_a_bad_uri_fails_the_schema(client):
    """The format checks really run: without the format extras this would pass."""
    organisation = OrganisationFactory()
    Organisation.objects.filter(pk=organisation.pk).update(website="not a uri")
    payload = client.get(f"/api/v1/organizations/{organisation.uuid}").json()
    assert payload["website"] == "not a uri"
    found = hsds.errors("/organizations/{id}", payload)
    assert any("website" in error and "uri" in error for error in found), found


def test_format_checkers_for_uri_and_date_time_are_installed():
    checker = Draft202012Validator.FORMAT_CHECKER
    assert {"uri", "date-time", "uuid", "email"} <= set(checker.checkers)
    assert not checker.conforms("not a uri", "uri")
    assert not checker.conforms("2026-13-01T25:00:00", "date-time")
