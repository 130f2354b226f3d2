"""Demo pages of the knowledge site, marked as demo content on the page itself."""

from wagtail.models import Site

from .models import HomePage, StandardPage

DEMO_NOTE = "Demo-inhoud: deze tekst is geschreven om het platform te tonen."

# The privacy page is the platform's own (/privacy/, accounts.views.privacy_view), with the
# links to the export and the deletion of an account.
PAGES = [
    {
        "slug": "over-het-aanspreekpunt",
        "title": "Over het aanspreekpunt",
        "intro": (
            "Het aanspreekpunt verzamelt kennis over onlinehulp en brengt organisaties, "
            "koepels en de Vlaamse overheid samen. " + DEMO_NOTE
        ),
    },
]


def seed() -> list[str]:
    """Add the demo pages under the home page if they are missing."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise ValueError("There is no default site: run the migrations first.")
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise ValueError(
            f"The default site starts at {home!r}, not at the home page: the demo pages go "
            "under the home page (created by the migrations)."
        )
    for data in PAGES:
        if not StandardPage.objects.filter(slug=data["slug"]).exists():
            home.add_child(instance=StandardPage(**data)).save_revision().publish()
    return [f"  /{data['slug']}/" for data in PAGES]
