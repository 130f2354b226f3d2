from django.conf import settings


def site(request):
    """What every page needs: the site's name and address for the layout and share links."""
    return {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
