"""The sync feed: a directory that copies the map through ``modified_after`` ends equal to it.

The consumer's loop is the one the API docs describe: ask for what changed on or after the
newest ``last_modified`` it saw, store what is there, delete what has ``x_removed``.
"""

from datetime import datetime, time
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from socialekaart.models import Offering, RemovedOffering
from socialekaart.services.hours import opening_hours_replace
from socialekaart.services.offerings import offering_archive

from . import hsds
from .factories import (
    ModalityFactory,
    OfferingFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    OrganisationFactory,
    ProvinceFactory,
    SectorFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

EPOCH = "2000-01-01T00:00:00Z"
# Computed from the clock at the time of the request, not data to copy.
CLOCK_FIELDS = {"x_open_now", "x_staffed_now", "x_staffed_until", "x_next_opening"}


def comparable(service: dict) -> dict:
    return {key: value for key, value in service.items() if key not in CLOCK_FIELDS}


def source(client) -> dict[str, dict]:
    """Everything the API serves now, fully nested, by id."""
    found, page = {}, 1
    while True:
        payload = client.get(f"/api/v1/services?full=true&per_page=100&page={page}").json()
        found |= {s["id"]: comparable(s) for s in payload["contents"]}
        if payload["last_page"] or payload["empty"]:
            return found
        page += 1


class Directory:
    """A regional directory copying the map's services (the loop in the API docs)."""

    def __init__(self, client):
        self.client = client
        self.services: dict[str, dict] = {}
        self.since = EPOCH
        self.removals_seen = 0

    def sync(self) -> int:
        newest, page, received = None, 1, 0
        while True:
            url = (
                f"/api/v1/services?modified_after={quote(self.since)}"
                f"&full=true&per_page=100&page={page}"
            )
            payload = self.client.get(url).json()
            assert hsds.errors("/services", payload) == []
            for service in payload["contents"]:
                received += 1
                if "x_removed" in service:
                    self.removals_seen += 1
                    self.services.pop(service["id"], None)
                else:
                    self.services[service["id"]] = comparable(service)
                moment = datetime.fromisoformat(service["last_modified"])
                newest = max(newest or moment, moment)
            if payload["last_page"] or payload["empty"]:
                break
            page += 1
        if newest is not None:
            self.since = newest.isoformat()  # on or after: the newest comes again, harmless
        return received


@pytest.fixture
def coordinator(db):
    return get_user_model().objects.create_user(email="coordinator@example.org", password="x")


def test_a_directory_mirrors_the_map_through_the_feed(client, coordinator):
    chat, forum = ModalityFactory(slug="chat"), ModalityFactory(slug="forum")
    youth, elderly = SectorFactory(slug="jeugdhulp"), SectorFactory(slug="ouderenzorg")
    province = ProvinceFactory()
    org_a = OrganisationFactory(name="A", sectors=[youth])
    org_b = OrganisationFactory(name="B")
    first, second, third, fourth = (
        OfferingFactory(organisation=org_a, name=name, modalities=[chat])
        for name in ("Eerste", "Tweede", "Derde", "Vierde")
    )
    of_b = OfferingFactory(organisation=org_b, name="Van B", modalities=[forum])
    OpeningHoursFactory(offering=second, weekday=2, opens=time(9), closes=time(12))
    OfferingFactory(draft=True, name="Ontwerp")

    directory = Directory(client)
    directory.sync()
    assert directory.services == source(client)
    assert len(directory.services) == 5
    assert directory.sync() <= 1  # nothing new: at most the newest again

    # creates and edits of everything a service shows
    OfferingFactory(organisation=org_b, name="Nieuw", themes=[ThemeFactory()])
    first.description = "Anders verteld."
    first.save()
    opening_hours_replace(
        offering=second, rows=[{"weekday": 4, "opens": time(13), "closes": time(17)}]
    )
    OpeningExceptionFactory(offering=third, date=timezone.localdate(), closed=True)
    org_a.website = "https://a.example.org/"
    org_a.save()
    org_b.sectors.add(elderly)
    org_b.provinces.add(province)
    chat.name = "Chat (anoniem)"
    chat.save()
    third.themes.add(ThemeFactory())
    directory.sync()
    assert directory.services == source(client)

    # unpublications and deletions
    offering_archive(offering=third, actor=coordinator)
    fourth.delete()
    directory.sync()
    assert directory.services == source(client)
    assert directory.removals_seen >= 2

    org_b.delete()  # its offerings go with it
    directory.sync()
    assert directory.services == source(client)
    assert set(directory.services) == {str(first.uuid), str(second.uuid)}
    assert RemovedOffering.objects.filter(uuid=of_b.uuid).exists()


def test_minimal_delta_names_what_to_fetch_again(client):
    kept, changed = OfferingFactory(name="Blijft"), OfferingFactory(name="Verandert")
    gone = OfferingFactory(name="Weg")
    moment = timezone.now()
    changed.name = "Veranderd"
    changed.save()
    gone.delete()
    url = f"/api/v1/services?modified_after={quote(moment.isoformat())}&minimal=true"
    payload = client.get(url).json()
    assert hsds.errors("/services", payload) == []
    by_id = {s["id"]: s for s in payload["contents"]}
    assert set(by_id) == {str(changed.uuid), str(gone.uuid)}
    assert by_id[str(changed.uuid)]["name"] == "Veranderd"
    assert by_id[str(gone.uuid)]["x_removed"] == "deleted"
    assert str(kept.uuid) not in by_id


@pytest.mark.parametrize(
    "change",
    [
        "organisation_saved",
        "organisation_sector_added",
        "organisation_area_added",
        "hours_added",
        "exception_added",
        "modality_renamed",
        "sector_renamed",
        "theme_linked",
    ],
)
def test_last_modified_follows_everything_a_service_shows(client, change):
    sector, chat = SectorFactory(), ModalityFactory()
    organisation = OrganisationFactory(sectors=[sector])
    offering = OfferingFactory(organisation=organisation, modalities=[chat])
    before = Offering.objects.get(pk=offering.pk).updated_at
    {
        "organisation_saved": lambda: organisation.save(),
        "organisation_sector_added": lambda: organisation.sectors.add(SectorFactory()),
        "organisation_area_added": lambda: organisation.provinces.add(ProvinceFactory()),
        "hours_added": lambda: OpeningHoursFactory(offering=offering),
        "exception_added": lambda: OpeningExceptionFactory(offering=offering),
        "modality_renamed": lambda: setattr(chat, "name", "Nieuwe naam") or chat.save(),
        "sector_renamed": lambda: setattr(sector, "name", "Nieuwe sector") or sector.save(),
        "theme_linked": lambda: offering.themes.add(ThemeFactory()),
    }[change]()
    assert Offering.objects.get(pk=offering.pk).updated_at > before


def test_a_never_published_offering_leaves_no_tombstone():
    draft = OfferingFactory(draft=True)
    draft.delete()
    assert not RemovedOffering.objects.filter(uuid=draft.uuid).exists()
