"""The read-only HSDS 3.0 API: shapes, ids, only published offerings, parameters, pages,
errors in two languages, rate limit, CORS and query budgets."""

import json
from datetime import time, timedelta
from pathlib import Path
from uuid import UUID

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator

from socialekaart.api.hsds import VOCABULARIES, service_at_location_id, term_id
from socialekaart.models import Offering
from socialekaart.opening import local_now
from socialekaart.selectors import map_changed

from . import hsds
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
        phone="02 123 45 67",
    )
    offering = OfferingFactory(
        organisation=organisation,
        name="Chat voor jongeren",
        modalities=[chat],
        target_groups=[TargetGroupFactory(name="Jongeren", slug="jongeren")],
        themes=[ThemeFactory(name="Relaties", slug="relaties")],
        hours_modality=chat,
        phone="0800 123 45",
    )
    OpeningHoursFactory(offering=offering, weekday=0, opens=time(18), closes=time(22))
    return offering


# No row has it; fixed, because test ids must be the same in every pytest-xdist worker.
UNKNOWN_UUID = UUID("8f0c5a8e-3f2b-4c1d-9e7a-6b5d4c3b2a19")


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def ids(payload):
    return {item["id"] for item in payload["contents"]}


def valid(path, payload):
    assert hsds.errors(path, payload) == []
    return payload


def test_services_list_is_an_hsds_page_of_services(client, published):
    payload = valid("/services", get_json(client, "/api/v1/services"))
    assert {k: v for k, v in payload.items() if k != "contents"} == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    service = payload["contents"][0]
    assert service["id"] == str(published.uuid)
    assert service["organization_id"] == str(published.organisation.uuid)
    assert service["organization"]["name"] == "Jongerenlijn vzw"
    assert service["url"] == "https://example.org/chat"
    assert "email" not in service  # empty: left out, "" is not an e-mail address
    assert service["status"] == "active"
    assert service["x_status"] == "realised"
    assert service["x_sectors"] == ["jeugdhulp"]
    assert service["x_detail_url"].endswith(published.get_absolute_url())
    assert "schedules" not in service  # nested objects with full=true


def test_service_detail_is_fully_nested(client, published):
    service = valid("/services/{id}", get_json(client, f"/api/v1/services/{published.uuid}"))
    schedule = service["schedules"][0]
    assert (schedule["byday"], schedule["freq"]) == ("MO", "WEEKLY")
    assert (schedule["opens_at"], schedule["closes_at"]) == ("18:00", "22:00")
    assert schedule["attending_type"] == "Chat"
    terms = {a["taxonomy_term"]["id"] for a in service["attributes"]}
    assert terms == {
        term_id("modality", "chat"),
        term_id("target_group", "jongeren"),
        term_id("theme", "relaties"),
    }
    assert all(UUID(a["id"]) for a in service["attributes"])
    assert {a["x_kind"] for a in service["service_areas"]} == {"flanders", "province"}
    assert service["phones"][0]["number"] == "0800 123 45"
    location = service["service_at_locations"][0]["location"]
    assert (location["location_type"], location["url"]) == ("virtual", "https://example.org/chat")


def test_ids_are_stable_uuids_kept_through_a_rename(client, published):
    before = get_json(client, f"/api/v1/services/{published.uuid}")
    published.name = "Jongerenchat"
    published.save()
    published.organisation.name = "Jongerenlijn"
    published.organisation.save()
    after = get_json(client, f"/api/v1/services/{published.uuid}")
    assert after["name"] == "Jongerenchat"
    for key in ("id", "organization_id"):
        assert after[key] == before[key]
    assert [a["id"] for a in after["attributes"]] == [a["id"] for a in before["attributes"]]
    assert [s["id"] for s in after["schedules"]] == [s["id"] for s in before["schedules"]]


@pytest.mark.parametrize(
    ("status", "expected"),
    [("realised", "active"), ("pilot", "active"), ("planned", "inactive"), ("stopped", "defunct")],
)
def test_service_status_is_mapped_to_hsds(client, status, expected):
    offering = OfferingFactory(status=status)
    assert get_json(client, f"/api/v1/services/{offering.uuid}")["status"] == expected


def test_only_published_offerings_are_listed(client, published):
    draft = OfferingFactory(draft=True)
    submitted = OfferingFactory(
        is_public=False, moderation_state=Offering.Moderation.SUBMITTED, published_at=None
    )
    listed = ids(get_json(client, "/api/v1/services"))
    assert listed == {str(published.uuid)}
    assert str(submitted.uuid) not in listed
    get_json(client, f"/api/v1/services/{draft.uuid}", status=404)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/services/{UNKNOWN_UUID}",
        "/api/v1/services/not-a-uuid",
        f"/api/v1/services/{HUGE}",
        "/api/v1/services/1",
        f"/api/v1/organizations/{UNKNOWN_UUID}",
        "/api/v1/organizations/abc",
        f"/api/v1/taxonomies/{UNKNOWN_UUID}",
        f"/api/v1/taxonomy_terms/{UNKNOWN_UUID}",
        "/api/v1/taxonomy_terms/x",
        f"/api/v1/service_at_locations/{UNKNOWN_UUID}",
        "/api/v1/service_at_locations/not-a-uuid",
        f"/api/v1/service_at_locations/{HUGE}",
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
        ("search=jongeren", True),
        ("search=JONGERENLIJN", True),
        ("search=senioren", False),
        (f"taxonomy_term_id={term_id('modality', 'chat')}", True),
        (f"taxonomy_term_id={term_id('modality', 'forum')}", False),
        (
            f"taxonomy_term_id={term_id('modality', 'forum')}"
            f"&taxonomy_term_id={term_id('sector', 'jeugdhulp')}",
            True,
        ),
        (f"taxonomy_id={VOCABULARIES['theme'].id}", True),
        (f"taxonomy_id={VOCABULARIES['sector'].id}", True),
        (f"organization_id={UNKNOWN_UUID}", False),
    ],
)
def test_services_filters(client, published, query, expected):
    ModalityFactory(name="Forum", slug="forum")
    SectorFactory(name="Ouderenzorg", slug="ouderenzorg")
    other = OfferingFactory(status=Offering.Status.PLANNED, anonymity=Offering.Anonymity.IDENTIFIED)
    listed = ids(get_json(client, f"/api/v1/services?{query}"))
    assert (str(published.uuid) in listed) is expected
    if "taxonomy" in query or "modality" in query or "sector" in query:
        assert str(other.uuid) not in listed


def test_services_of_one_organisation(client, published):
    OfferingFactory()
    organisation = published.organisation.uuid
    assert ids(get_json(client, f"/api/v1/services?organization_id={organisation}")) == {
        str(published.uuid)
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("page_size=10", "page_size"),
        ("q=jongeren", "q"),
        ("colour=blue", "colour"),
        ("modality=no-such-modality", "modality"),
        ("sector=no-such-sector", "sector"),
        ("target_group=x", "target_group"),
        ("theme=x", "theme"),
        ("status=open", "status"),
        ("anonymity=maybe", "anonymity"),
        ("open_now=perhaps", "open_now"),
        ("page=0", "page"),
        ("page=x", "page"),
        (f"page={HUGE}", "page"),
        ("per_page=0", "per_page"),
        ("per_page=101", "per_page"),
        ("per_page=ten", "per_page"),
        ("page=1&page=2", "page"),
        ("minimal=maybe", "minimal"),
        ("full=yes-please", "full"),
        ("full=true&minimal=true", "minimal"),
        ("format=xml", "format"),
        ("modified_after=yesterday", "modified_after"),
        ("modified_after=2026-13-45T99:00:00", "modified_after"),
        ("organization_id=12", "organization_id"),
        (f"taxonomy_id={UNKNOWN_UUID}", "taxonomy_id"),
        (f"taxonomy_term_id={UNKNOWN_UUID}", "taxonomy_term_id"),
        ("search=" + "x" * 300, "search"),
        ("search=a%00b", "search"),
    ],
)
def test_unknown_parameters_and_bad_values_are_a_422_in_english_and_dutch(
    client, published, query, field
):
    payload = get_json(client, f"/api/v1/services?{query}", status=422)
    errors = [e for e in payload["detail"] if field in e["loc"]]
    assert errors, payload
    assert all(e["msg"] and e["msg_nl"] and e["msg"] != e["msg_nl"] for e in errors), errors


def test_unknown_parameter_message_names_what_the_path_takes(client):
    error = get_json(client, "/api/v1/services?page_size=10", status=422)["detail"][0]
    assert "per_page" in error["msg"]
    assert error["msg_nl"].startswith("Onbekende parameter")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/?x=1",
        "/api/v1/taxonomies?taxonomy_id=1",
        "/api/v1/taxonomy_terms?parent_id=nope",
        f"/api/v1/taxonomy_terms?parent_id={UNKNOWN_UUID}",
        "/api/v1/taxonomy_terms?top_only=maybe",
        "/api/v1/organizations?sector=nope",
        "/api/v1/organizations?minimal=true",
        "/api/v1/organizations?search=%00",
        "/api/v1/service_at_locations?proximity=-5",
        "/api/v1/services/00000000-0000-0000-0000-000000000000?full=true",
    ],
)
def test_other_paths_check_their_parameters_too(client, url):
    assert client.get(url).status_code == 422


def test_pages_follow_hsds(client, chat, youth_sector):
    organisation = OrganisationFactory(sectors=[youth_sector])
    bulk_public_offerings(105, organisations=[organisation], modalities=[chat])
    first = valid("/services", get_json(client, "/api/v1/services"))
    assert (first["total_items"], first["total_pages"], first["size"]) == (105, 6, 20)
    assert (first["first_page"], first["last_page"]) == (True, False)
    last = get_json(client, "/api/v1/services?page=6")
    assert (last["size"], last["last_page"], last["first_page"]) == (5, True, False)
    big = get_json(client, "/api/v1/services?per_page=100&page=2")
    assert (big["size"], big["total_pages"]) == (5, 2)
    beyond = valid("/services", get_json(client, "/api/v1/services?page=99"))
    assert (beyond["contents"], beyond["empty"]) == ([], True)
    minimal = valid("/services", get_json(client, "/api/v1/services?minimal=true&per_page=1000"))
    assert minimal["size"] == 105
    assert set(minimal["contents"][0]) == {"id", "name", "status", "last_modified"}


def test_ndjson_gives_every_result_one_a_line(client, chat, youth_sector):
    bulk_public_offerings(45, organisations=[OrganisationFactory()], modalities=[chat])
    response = client.get("/api/v1/services?format=ndjson&minimal=true")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 45
    for line in lines:
        assert hsds.errors("/services/{id}", json.loads(line)) == []


def test_open_now_and_next_opening(client):
    always = OfferingFactory(name="Altijd open", always_available=True)
    other_day = (local_now().weekday() + 3) % 7
    closed = OfferingFactory(name="Andere dag")
    OpeningHoursFactory(offering=closed, weekday=other_day, opens=time(9), closes=time(17))
    assert ids(get_json(client, "/api/v1/services?open_now=true")) == {str(always.uuid)}
    assert len(ids(get_json(client, "/api/v1/services?open_now=false"))) == 2
    detail = get_json(client, f"/api/v1/services/{always.uuid}")
    assert (detail["x_open_now"], detail["x_next_opening"]) == (True, None)
    other = get_json(client, f"/api/v1/services/{closed.uuid}")
    assert other["x_open_now"] is False
    assert other["x_next_opening"][11:16] == "09:00"


def test_staffed_now_is_kept_apart_from_reachable_now(client):
    always = OfferingFactory(name="Altijd open", always_available=True)
    staffed = OfferingFactory(name="Bemande chat")
    for weekday in range(7):
        OpeningHoursFactory(offering=staffed, weekday=weekday, opens=time(0), closes=time(23, 59))
    closed = OfferingFactory(name="Andere dag")
    other_day = (local_now().weekday() + 3) % 7
    OpeningHoursFactory(offering=closed, weekday=other_day, opens=time(9), closes=time(17))
    reachable = ids(get_json(client, "/api/v1/services?open_now=true"))
    assert reachable == {str(always.uuid), str(staffed.uuid)}
    staffed_now = ids(get_json(client, "/api/v1/services?staffed_now=true"))
    assert staffed_now == {str(staffed.uuid)}
    not_staffed = ids(get_json(client, "/api/v1/services?staffed_now=false"))
    assert not_staffed == {str(always.uuid), str(closed.uuid)}
    by_id = {s["id"]: s for s in get_json(client, "/api/v1/services")["contents"]}
    assert (by_id[str(staffed.uuid)]["x_staffed_now"], by_id[str(staffed.uuid)]["x_open_now"]) == (
        True,
        True,
    )
    assert by_id[str(staffed.uuid)]["x_staffed_until"] == "23:59"
    assert (by_id[str(always.uuid)]["x_staffed_now"], by_id[str(always.uuid)]["x_open_now"]) == (
        False,
        True,
    )
    assert "x_staffed_until" not in by_id[str(always.uuid)]
    assert by_id[str(closed.uuid)]["x_staffed_now"] is False
    response = client.get("/api/v1/services?staffed_now=soms")
    assert response.status_code == 422


def test_detail_has_last_modified_and_cors(client, published):
    response = client.get(f"/api/v1/services/{published.uuid}")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert response["Last-Modified"]
    modified = client.get(
        f"/api/v1/services/{published.uuid}", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert modified.status_code == 304


def test_anonymous_clients_are_rate_limited(client, published, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    statuses = [client.get("/api/v1/taxonomies").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/services")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"][0]["msg_nl"].startswith("Te veel verzoeken")
    other = client.get("/api/v1/taxonomies", REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


def test_logged_in_clients_are_not_rate_limited(member_client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    assert [member_client.get("/api/v1/taxonomies").status_code for _ in range(3)] == [200] * 3


def test_organizations_list_and_detail(client, published, youth_sector):
    OrganisationFactory(name="Ouderenzorg Vlaanderen")
    organisation = published.organisation
    payload = valid("/organizations", get_json(client, "/api/v1/organizations?sector=jeugdhulp"))
    assert ids(payload) == {str(organisation.uuid)}
    detail = valid(
        "/organizations/{id}", get_json(client, f"/api/v1/organizations/{organisation.uuid}")
    )
    assert detail["name"] == "Jongerenlijn vzw"
    identifier = detail["organization_identifiers"][0]
    assert (identifier["identifier_scheme"], identifier["identifier"]) == (
        "BE-BCE_KBO",
        "0123456749",
    )
    assert detail["attributes"][0]["taxonomy_term"]["id"] == term_id("sector", "jeugdhulp")
    assert detail["uri"].endswith(organisation.get_absolute_url())
    assert [s["id"] for s in detail["services"]] == [str(published.uuid)]
    assert "schedules" not in detail["services"][0]
    full = get_json(client, f"/api/v1/organizations/{organisation.uuid}?full_service=true")
    assert full["services"][0]["schedules"]
    assert get_json(client, "/api/v1/organizations?search=ouderen")["total_items"] == 1
    nested = valid(
        "/organizations", get_json(client, "/api/v1/organizations?full_service=true&per_page=5")
    )
    by_id = {o["id"]: o for o in nested["contents"]}
    assert [s["id"] for s in by_id[str(organisation.uuid)]["services"]] == [str(published.uuid)]


def test_umbrella_organisation_is_the_parent(client):
    umbrella = OrganisationFactory(name="Koepel")
    member = OrganisationFactory(umbrella_organisation=umbrella)
    detail = get_json(client, f"/api/v1/organizations/{member.uuid}")
    assert detail["parent_organization_id"] == str(umbrella.uuid)
    assert "parent_organization_id" not in get_json(
        client, f"/api/v1/organizations/{umbrella.uuid}"
    )


def test_service_areas_are_the_organisations(client):
    organisation = OrganisationFactory(
        serves_brussels=True,
        provinces=[ProvinceFactory(name="Limburg", slug="limburg")],
        municipalities=[MunicipalityFactory(name="Hasselt", nis_code="71022", postcodes=["3500"])],
    )
    offering = OfferingFactory(organisation=organisation)
    areas = get_json(client, f"/api/v1/services/{offering.uuid}")["service_areas"]
    assert {(a["x_kind"], a["x_code"]) for a in areas} == {
        ("brussels", None),
        ("province", "limburg"),
        ("municipality", "71022"),
    }
    assert {a["service_id"] for a in areas} == {str(offering.uuid)}
    postcodes = {a["x_kind"]: a["x_postal_codes"] for a in areas}
    assert postcodes["municipality"] == ["3500"]


def test_taxonomies_and_terms(client, published):
    taxonomies = valid("/taxonomies", get_json(client, "/api/v1/taxonomies"))
    assert {t["x_code"] for t in taxonomies["contents"]} == set(VOCABULARIES)
    modality = VOCABULARIES["modality"]
    one = valid("/taxonomies/{id}", get_json(client, f"/api/v1/taxonomies/{modality.id}"))
    assert one["name"] == modality.name
    assert get_json(client, "/api/v1/taxonomies?search=doelgroep")["total_items"] == 1
    terms = valid("/taxonomy_terms", get_json(client, "/api/v1/taxonomy_terms"))
    assert {t["taxonomy"] for t in terms["contents"]} == set(VOCABULARIES)
    chat = get_json(client, f"/api/v1/taxonomy_terms?taxonomy_id={modality.id}")["contents"]
    assert [(t["code"], t["name"], t["taxonomy_id"]) for t in chat] == [
        ("chat", "Chat", modality.id)
    ]
    detail = valid(
        "/taxonomy_terms/{id}",
        get_json(client, f"/api/v1/taxonomy_terms/{term_id('modality', 'chat')}"),
    )
    assert detail["term_uri"].endswith("/sociale-kaart/?modaliteit=chat")
    top = get_json(client, "/api/v1/taxonomy_terms?top_only=true")
    assert top["total_items"] == terms["total_items"]
    children = get_json(client, f"/api/v1/taxonomy_terms?parent_id={term_id('modality', 'chat')}")
    assert children["empty"] is True
    assert get_json(client, "/api/v1/taxonomy_terms?search=relat")["total_items"] == 1


def test_service_at_locations_are_the_online_offerings(client, published):
    OfferingFactory(access_url="")  # no address: no virtual location
    MunicipalityFactory(name="Antwerpen", nis_code="11002", postcodes=["2000"])
    payload = valid("/service_at_locations", get_json(client, "/api/v1/service_at_locations"))
    assert [item["service_id"] for item in payload["contents"]] == [str(published.uuid)]
    assert payload["contents"][0]["location"]["location_type"] == "virtual"
    near = get_json(client, "/api/v1/service_at_locations?postcode=2000&proximity=5000")
    assert near["total_items"] == 1  # serves all of Flanders
    full = get_json(client, "/api/v1/service_at_locations?full=true")
    assert full["contents"][0]["service"]["schedules"]


def test_a_service_at_location_is_served_with_its_service_fully_nested(client, published):
    listed = get_json(client, "/api/v1/service_at_locations")["contents"][0]
    assert listed["id"] == service_at_location_id(published.uuid)
    response = client.get(f"/api/v1/service_at_locations/{listed['id']}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Last-Modified"]
    detail = response.json()
    # The schema the HSDS OpenAPI names for the path, and the one its description means.
    assert hsds.errors("/service_at_locations/{id}", detail) == []
    assert hsds.errors_against("compiled/service_at_location.json", detail) == []
    assert {k: detail[k] for k in ("id", "service_id", "location_id")} == {
        k: listed[k] for k in ("id", "service_id", "location_id")
    }
    assert detail["location"]["url"] == published.access_url
    service = get_json(client, f"/api/v1/services/{published.uuid}")
    assert detail["service"] == service
    assert (detail["name"], detail["status"]) == (service["name"], service["status"])


def test_a_service_at_location_is_gone_with_its_web_address_or_publication(client, published):
    url = f"/api/v1/service_at_locations/{service_at_location_id(published.uuid)}"
    assert client.get(url).status_code == 200
    published.access_url = ""
    published.save()
    map_changed()
    assert client.get(url).status_code == 404
    offline = OfferingFactory(access_url="")
    not_online = f"/api/v1/service_at_locations/{service_at_location_id(offline.uuid)}"
    assert client.get(not_online).status_code == 404
    draft = OfferingFactory(draft=True)
    unpublished = f"/api/v1/service_at_locations/{service_at_location_id(draft.uuid)}"
    assert client.get(unpublished).status_code == 404
    # An unknown parameter is a 422 here too, and writes are refused.
    assert client.get(url + "?full=true").status_code == 422
    assert client.post(url).status_code == 405


def test_root_names_the_version_profile_and_openapi(client):
    root = valid("/", get_json(client, "/api/v1/"))
    assert root["version"] == "3.0"
    assert root["openapi_url"].endswith("/api/v1/openapi.json")
    assert client.get(root["openapi_url"]).status_code == 200


def test_openapi_describes_every_hsds_path_and_its_parameters(client):
    paths = get_json(client, "/api/v1/openapi.json")["paths"]
    for path in (
        "/api/v1/",
        "/api/v1/services",
        "/api/v1/services/{service_id}",
        "/api/v1/organizations",
        "/api/v1/organizations/{organization_id}",
        "/api/v1/taxonomies",
        "/api/v1/taxonomies/{taxonomy_id}",
        "/api/v1/taxonomy_terms",
        "/api/v1/taxonomy_terms/{taxonomy_term_id}",
        "/api/v1/service_at_locations",
        "/api/v1/service_at_locations/{service_at_location_id}",
    ):
        assert path in paths, path
    hsds_paths = hsds.openapi()["paths"]
    for ours, theirs in (
        ("/api/v1/services", "/services"),
        ("/api/v1/organizations", "/organizations"),
        ("/api/v1/taxonomy_terms", "/taxonomy_terms"),
        ("/api/v1/service_at_locations", "/service_at_locations"),
    ):
        described = {p["name"] for p in paths[ours]["get"]["parameters"]}
        defined = {
            p.get("name") or p["$ref"].rsplit("/", 1)[-1]
            for p in hsds_paths[theirs]["get"]["parameters"]
        }
        assert defined <= described, (ours, defined - described)


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
        online=True,
    )


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/api/v1/services?per_page=100", 7),
        ("/api/v1/services?per_page=100&full=true", 13),
        ("/api/v1/services?per_page=100&modality=chat&sector=jeugdhulp&open_now=true", 9),
        ("/api/v1/services?per_page=1000&minimal=true", 3),
        ("/api/v1/services?per_page=100&modified_after=2020-01-01&full=true", 15),
        ("/api/v1/services?per_page=1000&modified_after=2020-01-01&minimal=true", 6),
        ("/api/v1/organizations?per_page=100&sector=jeugdhulp&full=true", 7),
        ("/api/v1/organizations?per_page=100&full_service=true", 18),
        ("/api/v1/service_at_locations?per_page=100", 7),
        ("/api/v1/taxonomy_terms?per_page=100", 5),  # the quality norms' terms: one more
    ],
)
def test_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, chat, youth_sector, count, url, budget
):
    build_map(count, youth_sector, chat)
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [10, 500])
def test_detail_query_counts_are_fixed(
    client, django_assert_max_num_queries, chat, youth_sector, count
):
    build_map(count, youth_sector, chat)
    offering = Offering.objects.first()
    with django_assert_max_num_queries(12):
        assert client.get(f"/api/v1/services/{offering.uuid}").status_code == 200
    with django_assert_max_num_queries(18):  # the services' answers to the quality norms
        url = f"/api/v1/organizations/{offering.organisation.uuid}?full_service=true"
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(13):  # and the index of the service_at_locations
        url = f"/api/v1/service_at_locations/{service_at_location_id(offering.uuid)}"
        assert client.get(url).status_code == 200


def test_modified_after_accepts_an_unescaped_offset_and_a_date(client, published):
    moment = (timezone.now() - timedelta(hours=1)).astimezone(timezone.get_fixed_timezone(60))
    unescaped = moment.isoformat().replace("+", " ")
    assert get_json(client, f"/api/v1/services?modified_after={unescaped}")["total_items"] == 1
    tomorrow = (local_now() + timedelta(days=1)).date().isoformat()
    assert get_json(client, f"/api/v1/services?modified_after={tomorrow}")["total_items"] == 0


def test_docs_are_dutch_in_the_sites_layout_with_licence_and_contact(client, settings):
    body = client.get("/api/v1/docs").content.decode()
    assert '<html lang="nl-BE">' in body
    assert '<main id="main"' in body
    assert 'class="breadcrumb"><a href="/sociale-kaart/"' in body
    assert "Open-data-API van de sociale kaart" in body
    assert "synchronisatiefeed" in body
    assert "modified_after" in body
    assert "swagger" not in body.lower()
    licence = "Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)"
    assert f'<a href="https://creativecommons.org/licenses/by/4.0/deed.nl">{licence}</a>' in body
    assert "Vermeld de bron" in body
    settings.API_DATA_LICENCE = ""
    body = client.get("/api/v1/docs").content.decode()
    assert "<strong>nog te kiezen door het aanspreekpunt</strong>" in body
    settings.API_DATA_LICENCE = "Modellicentie Gratis Hergebruik"
    settings.API_DATA_LICENCE_URL = "https://example.org/licentie"
    body = client.get("/api/v1/docs").content.decode()
    assert '<a href="https://example.org/licentie">Modellicentie Gratis Hergebruik</a>' in body


def test_anonymous_answers_come_from_the_page_cache_until_the_data_changes(
    client, published, page_cache, settings
):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    url = f"/api/v1/services/{published.uuid}"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Access-Control-Allow-Origin"] == "*"
    assert hit["ETag"] == first["ETag"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    for _ in range(5):  # hits do not count against the limit of 2 a minute
        assert client.get(url).status_code in (200, 304)
    published.name = "Andere naam"
    published.save()
    map_changed()  # what the services run once their transaction commits
    settings.API_RATE_LIMIT_PER_MINUTE = 0
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert fresh.json()["name"] == "Andere naam"


def test_the_openapi_document_names_the_licence_of_the_data(client):
    info = get_json(client, "/api/v1/openapi.json")["info"]
    assert info["license"] == {
        "name": "Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)",
        "url": "https://creativecommons.org/licenses/by/4.0/deed.nl",
    }


def test_the_apis_own_openapi_document_is_valid_openapi_3_1(client):
    schema = json.loads((Path(__file__).parent / "openapi_schema" / "schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    document = get_json(client, "/api/v1/openapi.json")
    assert document["openapi"].startswith("3.1")
    assert [error.message for error in validator.iter_errors(document)] == []
    document["paths"]["/api/v1/services"]["get"]["parameters"][0]["in"] = "nowhere"
    assert list(validator.iter_errors(document))  # the check can fail


def test_head_is_answered_and_writes_are_not(client, published):
    head = client.head(f"/api/v1/services/{published.uuid}")
    assert head.status_code == 200
    assert head["Access-Control-Allow-Origin"] == "*"
    assert head.content == b""
    for method in (client.post, client.options, client.delete):
        response = method("/api/v1/services")
        assert response.status_code == 405
        assert "Access-Control-Allow-Origin" not in response
    operations = get_json(client, "/api/v1/openapi.json")["paths"]["/api/v1/services"]
    assert list(operations) == ["get"]  # HEAD is not a second operation with the same id


# --- The quality norms as a taxonomy and as the services' attributes ----------------------


def test_the_quality_norms_are_a_taxonomy_with_a_term_per_norm(client, published):
    from socialekaart.models import QualityNorm

    quality = VOCABULARIES["quality"]
    one = valid("/taxonomies/{id}", get_json(client, f"/api/v1/taxonomies/{quality.id}"))
    assert one["name"] == "OHUP-kwaliteitsnormen"
    url = f"/api/v1/taxonomy_terms?taxonomy_id={quality.id}&per_page=50"
    terms = valid("/taxonomy_terms", get_json(client, url))["contents"]
    norms = list(QualityNorm.objects.order_by("number"))
    assert len(norms) == 9
    assert [(t["code"], t["name"]) for t in terms] == [(n.code, n.title) for n in norms]
    term = term_id("quality", norms[0].code)
    detail = valid("/taxonomy_terms/{id}", get_json(client, f"/api/v1/taxonomy_terms/{term}"))
    assert detail["taxonomy_id"] == quality.id


def test_a_services_answer_to_a_norm_is_an_attribute_with_its_value(client, published):
    from socialekaart.models import QualityAnswer, QualityNorm

    met, partly = QualityNorm.objects.order_by("number")[:2]
    QualityAnswer.objects.create(
        offering=published, norm=met, status="met", link="https://jongerenlijn.example/privacy"
    )
    QualityAnswer.objects.create(offering=published, norm=partly, status="partly")
    service = valid("/services/{id}", get_json(client, f"/api/v1/services/{published.uuid}"))
    quality = [a for a in service["attributes"] if a["link_type"] == "quality"]
    assert [(a["taxonomy_term"]["code"], a["value"]) for a in quality] == [
        (met.code, "met"),
        (partly.code, "partly"),
    ]
    assert quality[0]["taxonomy_term_id"] == term_id("quality", met.code)
    assert quality[0]["label"] == "voldaan"
    assert quality[0]["x_link"] == "https://jongerenlijn.example/privacy"
    full = valid("/services", get_json(client, "/api/v1/services?full=true"))
    listed = [a for a in full["contents"][0]["attributes"] if a["link_type"] == "quality"]
    assert [a["value"] for a in listed] == ["met", "partly"]


def test_services_filter_on_a_norm_they_meet(client, published):
    from socialekaart.models import QualityAnswer, QualityNorm

    met, partly = QualityNorm.objects.order_by("number")[:2]
    QualityAnswer.objects.create(offering=published, norm=met, status="met")
    QualityAnswer.objects.create(offering=published, norm=partly, status="partly")
    meets = f"/api/v1/services?taxonomy_term_id={term_id('quality', met.code)}"
    assert get_json(client, meets)["total_items"] == 1
    partly_met = f"/api/v1/services?taxonomy_term_id={term_id('quality', partly.code)}"
    assert get_json(client, partly_met)["total_items"] == 0
    any_norm = f"/api/v1/services?taxonomy_id={VOCABULARIES['quality'].id}"
    assert get_json(client, any_norm)["total_items"] == 1
