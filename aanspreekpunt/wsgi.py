"""WSGI entry point, used by gunicorn in deployment."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aanspreekpunt.settings")

application = get_wsgi_application()
