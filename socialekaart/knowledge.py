"""The service map on the knowledge site (core.contributions): offerings and organisations
in the site search, "Mijn kennisplein" and the sitemap; the offerings of a topic page's
themes; the map's search box on the home page. Registered in ``SocialeKaartConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core import contributions

from . import selectors


def offerings_source() -> contributions.SearchSource:
    return contributions.SearchSource(
        queryset=selectors.public_offerings(for_cards=True),
        title="name",
        body=("description",),
        url=lambda offering: offering.get_absolute_url(),
    )


def organisations_source() -> contributions.SearchSource:
    return contributions.SearchSource(
        queryset=selectors.organisations_public(),
        title="name",
        body=("description",),
        url=lambda organisation: organisation.get_absolute_url(),
    )


def load_offerings(ids, user) -> dict:
    offerings = selectors.public_offerings(for_cards=True).prefetch_related(None)
    return {
        str(offering.pk): contributions.Item(
            title=offering.name, url=offering.get_absolute_url(), meta=offering.organisation.name
        )
        for offering in offerings.filter(pk__in=[i for i in ids if str(i).isdigit()])
    }


def offerings_kind() -> contributions.BookmarkKind:
    return contributions.BookmarkKind(label=str(_("Offerings")), load=load_offerings)


def offerings_section(*, topics, themes, limit):
    if not themes:
        return None
    offerings = list(
        selectors.public_offerings(for_cards=True)
        .prefetch_related(None)
        .filter(themes__in=themes)
        .distinct()
        .order_by("name")[:limit]
    )
    if not offerings:
        return None
    return contributions.Section(
        title=str(_("Online help on the service map")),
        items=[
            contributions.Item(
                title=o.name,
                url=o.get_absolute_url(),
                meta=o.organisation.name,
                summary=o.description[:200],
            )
            for o in offerings
        ],
        more_url="/sociale-kaart/?"
        + "&".join(f"thema={slug}" for slug in selectors.theme_slugs(pks=themes)),
        more_label=str(_("All offerings of these themes")),
    )


def map_search_block(*, limit):
    count = selectors.public_offerings(for_cards=True).prefetch_related(None).count()
    if not count:
        return None
    return contributions.Section(
        title=str(_("Find online help")),
        template="socialekaart/includes/home_search.html",
        context={"count": count},
    )


def sitemap_items():
    offerings = selectors.public_offerings(for_cards=True).prefetch_related(None)
    offerings = offerings.select_related(None)
    rows = [(o.get_absolute_url(), o.updated_at) for o in offerings.only("slug", "updated_at")]
    rows += [
        (o.get_absolute_url(), o.updated_at)
        for o in selectors.organisations_public().only("slug", "updated_at")
    ]
    return rows


def register(app: str) -> None:
    contributions.search_sources.register(
        app=app,
        name="aanbod",
        order=50,
        title=_("Offerings"),
        run=offerings_source,
        versions=("map",),
    )
    contributions.search_sources.register(
        app=app,
        name="organisaties",
        order=55,
        title=_("Organisations"),
        run=organisations_source,
        versions=("map",),
    )
    contributions.bookmark_kinds.register(
        app=app,
        name="aanbod",
        order=20,
        title=_("Offerings"),
        run=offerings_kind,
        versions=("map",),
    )
    contributions.topic_sections.register(
        app=app, name="aanbod", order=80, run=offerings_section, versions=("map", "reference")
    )
    contributions.home_blocks.register(
        app=app, name="sociale-kaart", order=20, run=map_search_block, versions=("map",)
    )
    contributions.sitemap_sections.register(
        app=app, name="sociale-kaart", order=20, run=sitemap_items, versions=("map",)
    )
