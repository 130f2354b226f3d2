"""The read-only HSDS API: shapes, only published offerings, filters, 404s and query budgets."""

from datetime import time

import pytest

from socialekaart.models import Offering
from socialekaart.opening import local_now

from .factories import (
    ModalityFactory,
    MunicipalityFactory,
    OfferingFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ProvinceFactory,
    SectorFactory,
    TargetGroupFactory,
    ThemeFactory,
    bulk_public_offerings,
)

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999999"  # more than any database integer holds


@pytest.fixture
def chat():
    return ModalityFactory(name="Chat", slug="chat")


@pytest.fixture
def youth_sector():
    return SectorFactory(name="Jeugdhulp", slug="jeugdhulp", organisation_count=156)


@pytest.fixture
def published(chat, youth_sector):
    organisation = OrganisationFactory(
        name="Jongerenlijn vzw",
        enterprise_number="0123456749",
        serves_all_flanders=True,
        sectors=[youth_sector],
        provinces=[ProvinceFactory(name="Antwerpen", slug="antwerpen")],
    )
    offering = OfferingFactory(
        organisation=organisation,
        name="Chat voor jongeren",
        modalities=[chat],
        target_groups=[TargetGroupFactory(name="Jongeren", slug="jongeren")],
        themes=[ThemeFactory(name="Relaties", slug="relaties")],
        hours_modality=chat,
    )
    OpeningHoursFactory(offering=offering, weekday=0, opens=time(18), closes=time(22))
    return offering


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def ids(payload):
    return {item["id"] for item in payload["items"]}


def test_services_list_has_hsds_fields_and_a_count(client, published):
    payload = get_json(client, "/api/v1/services")
    assert payload["count"] == 1
    service = payload["items"][0]
    assert service["id"] == str(published.pk)
    assert service["organization_id"] == str(published.organisation_id)
    assert service["name"] == "Chat voor jongeren"
    assert service["url"] == "https://example.org/chat"
    assert service["email"] == ""
    assert service["status"] == "active"
    assert service["x_status"] == "realised"
    assert service["x_detail_url"].endswith(published.get_absolute_url())
    schedule = service["schedules"][0]
    assert schedule["byday"] == "MO"
    assert schedule["freq"] == "WEEKLY"
    assert (schedule["opens_at"], schedule["closes_at"]) == ("18:00:00", "22:00:00")
    assert schedule["attending_type"] == "Chat"
    terms = {a["taxonomy_term"]["id"] for a in service["attributes"]}
    assert terms == {"modality:chat", "target_group:jongeren", "theme:relaties"}
    assert {a["x_kind"] for a in service["service_areas"]} == {"flanders", "province"}


@pytest.mark.parametrize(
    ("status", "hsds"),
    [("realised", "active"), ("pilot", "active"), ("planned", "inactive"), ("stopped", "defunct")],
)
def test_service_status_is_mapped_to_hsds(client, status, hsds):
    offering = OfferingFactory(status=status)
    assert get_json(client, f"/api/v1/services/{offering.pk}")["status"] == hsds


def test_only_published_offerings_are_listed(client, published):
    draft = OfferingFactory(draft=True)
    submitted = OfferingFactory(
        is_public=False, moderation_state=Offering.Moderation.SUBMITTED, published_at=None
    )
    OpeningHoursFactory(offering=draft)
    listed = ids(get_json(client, "/api/v1/services"))
    assert listed == {str(published.pk)}
    assert str(submitted.pk) not in listed
    schedules = get_json(client, "/api/v1/schedules")["items"]
    assert {s["service_id"] for s in schedules} == {str(published.pk)}


def test_unpublished_offering_is_a_404(client):
    draft = OfferingFactory(draft=True)
    get_json(client, f"/api/v1/services/{draft.pk}", status=404)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/services/987654",
        "/api/v1/services/not-a-number",
        f"/api/v1/services/{HUGE}",
        f"/api/v1/organizations/{HUGE}",
        "/api/v1/organizations/987654",
        "/api/v1/organizations/abc",
    ],
)
def test_unknown_id_is_a_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("modality=chat", True),
        ("modality=forum", False),
        ("sector=jeugdhulp", True),
        ("sector=ouderenzorg", False),
        ("target_group=jongeren", True),
        ("theme=relaties", True),
        ("anonymity=anonymous", True),
        ("anonymity=identified", False),
        ("status=realised", True),
        ("status=planned&status=pilot", False),
        ("q=jongeren", True),
        ("q=JONGERENLIJN", True),
        ("q=senioren", False),
    ],
)
def test_services_filters(client, published, query, expected):
    ModalityFactory(name="Forum", slug="forum")
    SectorFactory(name="Ouderenzorg", slug="ouderenzorg")
    TargetGroupFactory(slug="ouderen")
    OfferingFactory(status=Offering.Status.PLANNED, anonymity=Offering.Anonymity.IDENTIFIED)
    listed = ids(get_json(client, f"/api/v1/services?{query}"))
    assert (str(published.pk) in listed) is expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("modality=no-such-modality", "modality"),
        ("sector=no-such-sector", "sector"),
        ("target_group=x", "target_group"),
        ("theme=x", "theme"),
        ("status=open", "status"),
        ("anonymity=maybe", "anonymity"),
        ("open_now=perhaps", "open_now"),
        ("page=0", "page"),
        ("page=x", "page"),
    ],
)
def test_unknown_filter_value_is_a_422_naming_the_parameter(client, published, query, field):
    payload = get_json(client, f"/api/v1/services?{query}", status=422)
    assert any(field in error["loc"] for error in payload["detail"]), payload


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/services?page={HUGE}",
        f"/api/v1/schedules?service_id={HUGE}",
        f"/api/v1/service_areas?organization_id={HUGE}",
        "/api/v1/services?page_size=0",
        "/api/v1/services?q=" + "x" * 300,
        "/api/v1/organizations?q=" + "x" * 300,
        "/api/v1/schedules?service_id=abc",
    ],
)
def test_out_of_range_parameters_are_a_422_not_a_500(client, published, url):
    assert client.get(url).status_code == 422


def test_open_now_filter(client):
    always = OfferingFactory(name="Altijd open", always_available=True)
    other_day = (local_now().weekday() + 3) % 7
    closed = OfferingFactory(name="Andere dag")
    OpeningHoursFactory(offering=closed, weekday=other_day, opens=time(9), closes=time(17))
    assert ids(get_json(client, "/api/v1/services?open_now=true")) == {str(always.pk)}
    assert ids(get_json(client, "/api/v1/services?open_now=false")) == {
        str(always.pk),
        str(closed.pk),
    }
    detail = get_json(client, f"/api/v1/services/{always.pk}")
    assert detail["x_open_now"] is True
    assert get_json(client, f"/api/v1/services/{closed.pk}")["x_open_now"] is False


def test_pagination_uses_page_and_caps_page_size_at_100(client):
    OfferingFactory.create_batch(105)
    first = get_json(client, "/api/v1/services")
    assert first["count"] == 105
    assert len(first["items"]) == 20
    assert len(get_json(client, "/api/v1/services?page=6")["items"]) == 5
    assert len(get_json(client, "/api/v1/services?page_size=500")["items"]) == 100
    assert get_json(client, "/api/v1/services?page=99")["items"] == []


def test_organizations_list_and_detail(client, published, youth_sector):
    OrganisationFactory(name="Ouderenzorg Vlaanderen")
    organisation = published.organisation
    payload = get_json(client, "/api/v1/organizations?sector=jeugdhulp")
    assert ids(payload) == {str(organisation.pk)}
    detail = get_json(client, f"/api/v1/organizations/{organisation.pk}")
    assert detail["name"] == "Jongerenlijn vzw"
    assert detail["organization_identifiers"] == [
        {
            "identifier_scheme": "BE-BCE_KBO",
            "identifier_type": "enterprise number",
            "identifier": "0123456749",
        }
    ]
    assert detail["attributes"][0]["taxonomy_term"]["id"] == "sector:jeugdhulp"
    assert detail["uri"].endswith(organisation.get_absolute_url())
    assert get_json(client, "/api/v1/organizations?q=ouderen")["count"] == 1


def test_organizations_unknown_sector_is_a_422(client, published):
    payload = get_json(client, "/api/v1/organizations?sector=nope", status=422)
    assert payload["detail"][0]["loc"] == ["query", "sector"]


def test_service_areas_of_an_organisation(client):
    organisation = OrganisationFactory(
        serves_brussels=True,
        provinces=[ProvinceFactory(name="Limburg", slug="limburg")],
        municipalities=[MunicipalityFactory(name="Hasselt", nis_code="71022", postcodes=["3500"])],
    )
    OrganisationFactory()  # serves nowhere in particular: no areas
    payload = get_json(client, "/api/v1/service_areas")
    assert payload["count"] == 3
    areas = {(a["x_kind"], a["x_code"]) for a in payload["items"]}
    assert areas == {("brussels", None), ("province", "limburg"), ("municipality", "71022")}
    assert {a["x_organization_id"] for a in payload["items"]} == {str(organisation.pk)}
    postcodes = {a["x_kind"]: a["x_postal_codes"] for a in payload["items"]}
    assert postcodes == {"brussels": [], "province": [], "municipality": ["3500"]}
    assert get_json(client, "/api/v1/service_areas?organization_id=987654")["count"] == 0


def test_taxonomy_terms_of_every_vocabulary(client, published):
    payload = get_json(client, "/api/v1/taxonomy_terms")
    assert {t["taxonomy"] for t in payload["items"]} == {
        "sector",
        "modality",
        "target_group",
        "theme",
    }
    modalities = get_json(client, "/api/v1/taxonomy_terms?taxonomy=modality")["items"]
    assert modalities == [
        {"id": "modality:chat", "code": "chat", "name": "Chat", "taxonomy": "modality"}
    ]
    get_json(client, "/api/v1/taxonomy_terms?taxonomy=colour", status=422)


def test_schedules_of_one_service(client, published):
    other = OfferingFactory()
    OpeningHoursFactory(offering=other, weekday=6, opens=time(22), closes=time(2))
    payload = get_json(client, f"/api/v1/schedules?service_id={other.pk}")
    assert payload["count"] == 1
    assert payload["items"][0]["byday"] == "SU"
    assert payload["items"][0]["closes_at"] == "02:00:00"


def test_openapi_lists_the_endpoints(client):
    paths = get_json(client, "/api/v1/openapi.json")["paths"]
    for path in (
        "/api/v1/organizations",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/services",
        "/api/v1/services/{service_id}",
        "/api/v1/schedules",
        "/api/v1/service_areas",
        "/api/v1/taxonomy_terms",
    ):
        assert path in paths


def build_map(count, sector, chat):
    provinces = [ProvinceFactory(), ProvinceFactory()]
    organisations = [
        OrganisationFactory(sectors=[sector], provinces=provinces)
        for _ in range(min(20, max(1, count // 5)))
    ]
    bulk_public_offerings(
        count,
        organisations=organisations,
        modalities=[chat],
        target_groups=[TargetGroupFactory(slug="jongeren")],
        themes=[ThemeFactory(slug="relaties")],
    )


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/api/v1/services?page_size=100", 9),
        ("/api/v1/services?page_size=100&modality=chat&sector=jeugdhulp&open_now=true", 11),
        ("/api/v1/organizations?page_size=100&sector=jeugdhulp", 6),
        ("/api/v1/schedules?page_size=100", 2),
        ("/api/v1/service_areas?page_size=100", 3),
        ("/api/v1/taxonomy_terms?page_size=100", 4),
    ],
)
def test_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, chat, youth_sector, count, url, budget
):
    build_map(count, youth_sector, chat)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_service_detail_query_count_is_fixed(
    client, django_assert_max_num_queries, chat, youth_sector, count
):
    build_map(count, youth_sector, chat)
    offering = Offering.objects.first()
    with django_assert_max_num_queries(8):
        assert client.get(f"/api/v1/services/{offering.pk}").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/api/v1/organizations?q=%00", "/api/v1/organizations?sector=%00", "/api/v1/services?q=a%00b"],
)
def test_nul_characters_in_filters_are_a_422(client, url):
    assert client.get(url).status_code == 422
