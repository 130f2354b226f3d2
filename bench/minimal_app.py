"""The smallest Django project there is: the yardstick for the platform's figures.

One view returning "ok", no middleware, no database, DEBUG off. Served by gunicorn with
the same number of workers as the platform, it shows what Django and gunicorn cost on
this machine before any of the platform's own work:

    gunicorn --chdir bench minimal_app:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-only-minimal-app",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_TZ=True,
)


def ok_view(request):
    return HttpResponse("ok")


urlpatterns = [path("", ok_view)]

application = get_wsgi_application()
