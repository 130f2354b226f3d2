"""The sector statistics page: how much of each sector is on the map, as a table and charts."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from aanspreekpunt.core.pagecache import cached_by_versions, public_page
from aanspreekpunt.stepplan.selectors import MIN_ORGANISATIONS, sector_step_coverage

from ..selectors import sector_benchmark, sector_statistics


# Counts only: they change with the data, never with the clock. The step plan's figures per
# sector (aanspreekpunt.stepplan) follow the organisations' progress.
@public_page("map", "reference", "stepplan")
@require_GET
def sector_statistics_view(request):
    # Figures change with the data only: computed once per version of it.
    figures = cached_by_versions("sector-statistics", ("map", "reference"), sector_statistics)
    return render(
        request,
        "socialekaart/sector_statistics.html",
        {
            "figures": figures,
            "benchmark": sector_benchmark(figures),
            "coverage": cached_by_versions(
                "stepplan-coverage", ("stepplan", "map", "reference"), sector_step_coverage
            ),
            "min_organisations": MIN_ORGANISATIONS,
        },
    )
