"""The reference data and demo content that ``seed_demo`` loads into the service map."""

from datetime import datetime, time
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from aanspreekpunt.accounts import roles
from socialekaart import demo
from socialekaart.models import (
    Modality,
    ModerationEvent,
    Offering,
    OpeningHours,
    Organisation,
    Province,
    Representation,
    Sector,
    TargetGroup,
    Theme,
)
from socialekaart.opening import BRUSSELS, open_now_q
from socialekaart.selectors import moderation_queue, offering_open_state, public_offerings
from tests.scoped_data import rows_for_scope

pytestmark = pytest.mark.django_db

COUNTED = [
    Sector,
    Modality,
    TargetGroup,
    Theme,
    Province,
    Organisation,
    Offering,
    OpeningHours,
    ModerationEvent,
    Representation,
    get_user_model(),
]


def seed() -> str:
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the tests that only look at it (each test is rolled back)."""
    yield from rows_for_scope(django_db_blocker, seed)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def brussels(year, month, day, hour, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


def test_seeding_twice_leaves_every_count_unchanged():
    seed()
    first = counts()
    output = seed()
    assert counts() == first
    assert "(0 nieuw)" in output


def test_the_vocabularies_and_provinces_are_loaded_with_fixed_keys(seeded):
    assert Modality.objects.count() == 16
    assert not Modality.objects.filter(slug="unknown").exists()
    chat = Modality.objects.get(slug="chat")
    assert (chat.family, chat.synchronous) == (Modality.Family.COMMUNICATIVE, True)
    assert Modality.objects.get(slug="informatieve-website").family == Modality.Family.INFORMATIVE
    assert set(Province.objects.values_list("slug", flat=True)) == {
        "antwerpen",
        "limburg",
        "oost-vlaanderen",
        "vlaams-brabant",
        "west-vlaanderen",
        "brussels-hoofdstedelijk-gewest",
    }


def test_the_45_real_offerings_are_published_with_their_sources(seeded):
    coordinator = get_user_model().objects.get(email=demo.COORDINATOR_EMAIL)
    real = Offering.objects.filter(is_demo=False)
    assert real.count() == 45
    assert set(real.values_list("moderation_state", flat=True)) == {Offering.Moderation.PUBLISHED}
    assert all(offering.is_public and offering.sources for offering in real)
    assert public_offerings().count() == 45
    published_by = ModerationEvent.objects.filter(
        offering__in=real, to_state=Offering.Moderation.PUBLISHED
    ).values_list("actor", flat=True)
    assert set(published_by) == {coordinator.pk}


# The short forms of the source documents the platform cites (docs: sources).
SOURCE_TITLES = {
    "Bouwstenen (2014)",
    "Expertisenetwerk Onlinehulp Vlaanderen (2010)",
    "Congres onlinehulp (2015)",
    "Implementeren van onlinehulp (2019)",
    "Basisvorming-nota (2015)",
}


def test_every_source_is_a_web_address_or_a_documents_title(seeded, client):
    cited = {
        source
        for sources in Offering.objects.values_list("sources", flat=True)
        for source in sources
    }
    titles = {source for source in cited if not source.startswith(("http://", "https://"))}
    assert titles <= SOURCE_TITLES, titles - SOURCE_TITLES
    assert titles  # the demo cites documents as well as web pages
    for title in titles:
        offering = next(o for o in Offering.objects.all() if title in o.sources)
        page = client.get(offering.get_absolute_url()).content.decode()
        assert f"<li>{title}</li>" in page
        assert "seed" not in page.lower()


def test_offerings_share_a_deduplicated_organisation_with_its_sectors(seeded):
    clb = Organisation.objects.get(name="Centra voor Leerlingenbegeleiding")
    assert set(clb.offerings.values_list("name", flat=True)) == {"CLBch@t", "Onderwijskiezer.be"}
    assert list(clb.sectors.values_list("slug", flat=True)) == ["clb"]
    tele_onthaal = Organisation.objects.get(name="Tele-Onthaal")
    assert set(tele_onthaal.sectors.values_list("slug", flat=True)) == {
        "algemeen-welzijnswerk",
        "info-en-hulplijnen",
        "ouderenzorg",
    }


def test_an_offering_whose_source_does_not_know_the_hours_has_no_rows_and_no_note(seeded):
    lumi = public_offerings().get(name="Lumi (voorheen Holebifoon)")
    assert not lumi.opening_hours.exists()
    assert lumi.hours_note == ""
    assert not lumi.always_available
    assert offering_open_state(lumi).status == "unknown"


def test_vague_hours_are_kept_as_text_without_rows(seeded):
    stop_it_now = Offering.objects.get(name="Stop it Now!")
    assert stop_it_now.hours_note.startswith("beperkt")
    assert not stop_it_now.opening_hours.exists()


def test_tele_onthaal_has_its_chat_evenings_as_weekly_rows(seeded):
    offering = public_offerings().get(name="Tele-Onthaal 106")
    assert offering.hours_modality.slug == "chat"
    assert offering.hours_note.startswith("telefoon dag en nacht")
    rows = [(row.weekday, row.opens, row.closes) for row in offering.opening_hours.all()]
    evening, afternoon = (time(18), time(23)), (time(15), time(23))
    assert rows == [
        (0, *evening),
        (1, *evening),
        (2, *afternoon),
        (3, *evening),
        (4, *evening),
        (5, *evening),
        (6, *afternoon),
    ]
    assert offering_open_state(offering, at=brussels(2026, 11, 25, 16)).is_open  # Wednesday
    assert offering_open_state(offering, at=brussels(2026, 11, 24, 16)).status == "opens_later"


def test_the_zelfmoordlijn_chat_runs_until_midnight(seeded):
    offering = Offering.objects.get(name="Zelfmoordlijn 1813")
    assert {(row.opens, row.closes) for row in offering.opening_hours.all()} == {
        (time(17), time(0))
    }
    open_late = Offering.objects.filter(open_now_q(brussels(2026, 11, 24, 23, 30)))
    assert open_late.filter(pk=offering.pk).exists()


def test_the_two_demo_offerings_are_marked_and_wait_in_moderation(seeded):
    demo_offerings = Offering.objects.filter(is_demo=True)
    assert {o.moderation_state for o in demo_offerings} == {
        Offering.Moderation.SUBMITTED,
        Offering.Moderation.DRAFT,
    }
    assert not any(o.is_public for o in demo_offerings)
    assert all(o.description.endswith(demo.DEMO_NOTE) for o in demo_offerings)
    assert all("(demo)" in o.name for o in demo_offerings)
    submitted = demo_offerings.get(moderation_state=Offering.Moderation.SUBMITTED)
    assert list(moderation_queue()) == [submitted]


def test_the_demo_representative_represents_the_organisation_of_the_demo_offerings(seeded):
    representative = get_user_model().objects.get(email=demo.REPRESENTATIVE_EMAIL)
    representation = Representation.objects.get(user=representative)
    assert representation.status == Representation.Status.APPROVED
    assert representation.organisation.name == demo.DEMO_ORGANISATION
    assert representative.groups.filter(name=roles.REPRESENTATIVES).exists()
    assert representative.check_password(demo.DEMO_PASSWORD)
    assert set(Offering.objects.filter(is_demo=True).values_list("organisation", flat=True)) == {
        representation.organisation_id
    }


def test_only_the_e_mail_addresses_of_the_source_are_shown(seeded):
    with_email = dict(Offering.objects.exclude(email="").values_list("name", "email"))
    assert with_email == {
        "Lumi (voorheen Holebifoon)": "vragen@lumi.be",
        "JO-lijn": "jo-lijn@opgroeien.be",
    }


def test_wai_not_says_that_members_register_as_its_source_does(seeded):
    wai_not = Offering.objects.get(name="WAI-NOT")
    assert wai_not.access == Offering.Access.REGISTRATION
    assert wai_not.anonymity == Offering.Anonymity.IDENTIFIED
