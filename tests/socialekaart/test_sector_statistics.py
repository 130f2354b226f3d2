"""Sector statistics: shares, the track rule of the Basisvorming-nota (2015), unknown counts,
the page, its budget."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from socialekaart.models import Offering, Organisation
from socialekaart.statistics import Track, bar_width, sector_benchmark, sector_statistics

from .factories import (
    ModalityFactory,
    OfferingFactory,
    OrganisationFactory,
    SectorFactory,
    bulk_public_offerings,
)

pytestmark = pytest.mark.django_db

URL = "/sociale-kaart/sectoren/"


def on_map(sector, count, **offering):
    """``count`` organisations of ``sector``, each with one offering on the map.

    The factories' rows, saved in three queries: the track rule is tested at 1,233.
    """
    organisations = Organisation.objects.bulk_create(OrganisationFactory.build_batch(count))
    Organisation.sectors.through.objects.bulk_create(
        Organisation.sectors.through(organisation=organisation, sector=sector)
        for organisation in organisations
    )
    Offering.objects.bulk_create(
        OfferingFactory.build(organisation=organisation, **offering)
        for organisation in organisations
    )


def figures_of(slug):
    return next(f for f in sector_statistics() if f.slug == slug)


def test_shares_count_organisations_not_offerings():
    sector = SectorFactory(slug="caw", organisation_count=20)
    busy = OrganisationFactory(sectors=[sector])
    OfferingFactory.create_batch(3, organisation=busy)  # three offerings, one organisation
    OfferingFactory(organisation=OrganisationFactory(sectors=[sector]), status="planned")
    OfferingFactory(organisation=OrganisationFactory(sectors=[sector]), status="pilot")
    OfferingFactory(organisation=busy, status="planned")

    figures = figures_of("caw")

    assert figures.on_map == 3
    assert figures.share_on_map == pytest.approx(15.0)
    assert figures.realised == 1
    assert figures.share_realised == pytest.approx(5.0)
    assert figures.planned == 3  # planned and pilot both count as plans
    assert figures.share_planned == pytest.approx(15.0)
    assert figures.offerings == 6


def test_offerings_that_are_not_on_the_map_do_not_count():
    sector = SectorFactory(slug="clb", organisation_count=10)
    OfferingFactory(organisation=OrganisationFactory(sectors=[sector]), draft=True)
    OfferingFactory(
        organisation=OrganisationFactory(sectors=[sector]),
        moderation_state=Offering.Moderation.SUBMITTED,
        is_public=False,
    )
    OrganisationFactory(sectors=[sector])  # no offering at all

    figures = figures_of("clb")

    assert (figures.on_map, figures.realised, figures.planned, figures.offerings) == (0, 0, 0, 0)
    assert figures.share_on_map == 0
    assert figures.track == Track.TEASERS


def test_an_organisation_in_two_sectors_counts_in_both():
    first = SectorFactory(slug="eerste", organisation_count=4)
    second = SectorFactory(slug="tweede", organisation_count=4)
    OfferingFactory(organisation=OrganisationFactory(sectors=[first, second]))

    assert figures_of("eerste").on_map == figures_of("tweede").on_map == 1


@pytest.mark.parametrize(
    ("organisations", "participating", "track"),
    [
        (10, 4, Track.TEASERS),
        (10, 5, Track.TRAINING_DAYS),  # exactly half: no longer "fewer than half"
        (10, 6, Track.TRAINING_DAYS),
        (9, 4, Track.TEASERS),  # 44.4 %
        (9, 5, Track.TRAINING_DAYS),  # 55.6 %
        (1233, 616, Track.TEASERS),  # 49.96 %
        (1233, 617, Track.TRAINING_DAYS),
    ],
)
def test_track_rule_boundary_at_exactly_half(organisations, participating, track):
    sector = SectorFactory(slug="grens", organisation_count=organisations)
    on_map(sector, participating)

    assert figures_of("grens").track == track


def test_unknown_number_of_organisations_stays_unknown():
    sector = SectorFactory(slug="hulplijnen", organisation_count=None)
    on_map(sector, 3)

    figures = figures_of("hulplijnen")

    assert figures.organisation_count is None
    assert figures.on_map == 3
    assert figures.share_on_map is None
    assert figures.share_realised is None
    assert figures.share_planned is None
    assert figures.track is None


def test_benchmark_averages_the_sectors_with_a_known_count():
    on_map(SectorFactory(slug="a", organisation_count=10), 2)  # 20 %
    on_map(SectorFactory(slug="b", organisation_count=4), 3)  # 75 %
    on_map(SectorFactory(slug="c", organisation_count=None), 7)  # not in the average

    benchmark = sector_benchmark(sector_statistics())

    assert benchmark.sectors == 2
    assert benchmark.share_on_map == pytest.approx(47.5)
    assert benchmark.share_on_map_width == 50


def test_benchmark_without_known_counts_is_unknown():
    assert sector_benchmark([]).share_on_map is None


def test_modality_mix_counts_public_offerings_per_modality():
    sector = SectorFactory(slug="mix", organisation_count=10)
    chat = ModalityFactory(name="Chat", slug="chat")
    mail = ModalityFactory(name="E-mail", slug="e-mail")
    organisation = OrganisationFactory(sectors=[sector])
    OfferingFactory(organisation=organisation, modalities=[chat, mail])
    OfferingFactory(organisation=organisation, modalities=[chat])
    OfferingFactory(organisation=organisation, modalities=[mail], draft=True)
    OfferingFactory(organisation=organisation)  # no modality

    mix = figures_of("mix").modality_mix

    assert [(m.slug, m.offerings) for m in mix] == [("chat", 2), ("e-mail", 1)]
    assert mix[0].share == pytest.approx(200 / 3)  # 2 of the sector's 3 public offerings


@pytest.mark.parametrize(
    ("percent", "width"),
    [(None, 0), (0, 0), (2.4, 0), (2.6, 5), (12.5, 15), (47.5, 50), (99, 100), (180, 100)],
)
def test_bar_width_is_a_multiple_of_five_up_to_100(percent, width):
    assert bar_width(percent) == width


def test_page_shows_the_table_with_belgian_numbers(client):
    elderly = SectorFactory(name="Ouderenzorg", slug="ouderenzorg", organisation_count=1233)
    on_map(elderly, 2)
    helplines = SectorFactory(
        name="Info- en hulplijnen", slug="hulplijnen", organisation_count=None
    )
    on_map(helplines, 1)
    youth = SectorFactory(name="Jeugdhulp", slug="jeugdhulp", organisation_count=8)
    on_map(youth, 1)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<table" in html
    assert "<caption" in html
    assert 'tabindex="0"' in html
    assert "1.233" in html  # thousands separator of nl-BE
    assert "12,5&nbsp;%" in html  # 1 of 8, decimal comma
    assert "0,2&nbsp;%" in html  # 2 of 1,233
    helplines_row = html.split("Info- en hulplijnen</th>")[1].split("</tr>")[0]
    assert helplines_row.count('class="unknown"') == 5  # count, three shares, track
    assert "%" not in helplines_row
    assert "bar--w15" in html  # 12.5 % rounds to the 15 % bar class
    assert ' style="' not in html  # the content security policy forbids inline styles


def test_page_without_sectors_has_an_empty_state(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "<table" not in response.content.decode()


def build_sectors(offerings):
    sectors = [SectorFactory(organisation_count=50 + n) for n in range(9)]
    sectors[-1].organisation_count = None
    sectors[-1].save()
    modalities = [ModalityFactory() for _ in range(4)]
    organisations = [OrganisationFactory(sectors=[sectors[n % 9]]) for n in range(40)]
    bulk_public_offerings(offerings, organisations=organisations, modalities=modalities)


@pytest.mark.parametrize("offerings", [10, 500])
def test_statistics_use_a_fixed_number_of_queries(django_assert_num_queries, offerings):
    build_sectors(offerings)
    with django_assert_num_queries(4):
        figures = sector_statistics()
    assert len(figures) == 9


@pytest.mark.parametrize("offerings", [10, 500])
def test_page_query_budget(client, django_assert_max_num_queries, offerings):
    build_sectors(offerings)
    # 6, and 4 for the step plan's figures per sector (aanspreekpunt.stepplan)
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200


def test_page_makes_the_same_queries_at_small_and_large_data(client):
    build_sectors(10)
    client.get(URL)  # the layout's cached parts (the footer's pages) are there for both
    with CaptureQueriesContext(connection) as small:
        client.get(URL)
    build_sectors(500)
    with CaptureQueriesContext(connection) as large:
        client.get(URL)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_page_marks_the_half_that_decides_the_track_and_says_the_average_once(client):
    for slug, count in (("ouderenzorg", 10), ("jeugdhulp", 8)):
        on_map(SectorFactory(name=slug.capitalize(), slug=slug, organisation_count=count), 1)
    html = client.get(URL).content.decode()
    chart = html.split('id="chart-on-map"', 1)[1].split("</ul>\n\n", 1)[0]
    assert chart.count('class="chart-threshold"') == 2  # on every sector's bar
    assert "De stippellijn op 50&nbsp;% beslist over het traject" in html
    # 1 of 10 and 1 of 8: on average 11.25 %, said once above the chart, not per bar.
    assert len(re.findall(r"Gemiddeld staat 11,\d&nbsp;% van de organisaties", html)) == 1
    assert "gemiddelde van de sectoren:" not in html
    # On a phone the table becomes stacked rows, each value with its column's name.
    assert 'class="sector-table stack-table"' in html
    assert 'data-label="Aandeel op de kaart"' in html
