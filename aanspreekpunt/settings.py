"""The one settings module of the platform.

Everything that differs between a laptop, CI and production comes from the environment
(see the table in README.md and `.env.example`). The defaults need no services: SQLite,
an in-process cache, e-mails to the console and Celery running tasks eagerly. Outside
DEBUG, secrets have no default and the security switches are on.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from aanspreekpunt.core.cache import redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local .env file is optional; real environment variables always win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core -------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
# No fallback outside DEBUG: production refuses to start without a real key.
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-only" if DEBUG else environ.Env.NOTSET)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The public address of the platform, used in e-mails, feeds and the admin.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    # the platform's own apps first, so their templates override the libraries'
    "aanspreekpunt.core",
    "aanspreekpunt.accounts",
    "aanspreekpunt.pages",
    "aanspreekpunt.forum",
    "aanspreekpunt.search",
    "aanspreekpunt.bookmarks",
    "aanspreekpunt.topics",
    "aanspreekpunt.desk",
    "aanspreekpunt.stepplan",
    "socialekaart",
    "vorming",
    "beleidsacties",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Django
    "django_filters",
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # ETags and 304s for every GET, from the stored ETag for cached pages.
    "django.middleware.http.ConditionalGetMiddleware",
    # Public pages for anonymous visitors from the cache, before any other work.
    "aanspreekpunt.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "aanspreekpunt.core.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "aanspreekpunt.core.middleware.StaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's site for a page request from the cache (kept by the "pages" version).
    "aanspreekpunt.pages.middleware.SiteMiddleware",
]

ROOT_URLCONF = "aanspreekpunt.urls"
WSGI_APPLICATION = "aanspreekpunt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aanspreekpunt.core.context_processors.site",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Reuse connections for a minute and check them before use, so a restarted database
# does not turn into errors for the next requests.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    # A cache outage degrades to "no cache"; it never fails or stalls a request: after a
    # failure the cache answers as empty, without waiting, for a few seconds (see core.cache).
    CACHES = {"default": redis_cache(REDIS_URL)}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions are read from the cache and written through to the database: a logged-in
# request costs no session query, and a cache outage loses no session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public pages for anonymous visitors come from the cache, keyed by the versions of the
# data they show (aanspreekpunt/core/pagecache.py): exact, so the lifetime only bounds
# memory. Shared caches in front (the nginx micro-cache) may keep a page this long.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
PAGE_CACHE_EDGE_SECONDS = env.int("PAGE_CACHE_EDGE_SECONDS", default=1)
# Requests a minute an anonymous API client (per address) may make before a 429; answers
# from the page cache do not count. 0 switches the limit off (the bench does).
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=600)
# The licence of the API's open data, named on /api/v1/docs and in its OpenAPI document:
# attribution only, as the docs ask users to name the source (empty: still to be chosen).
API_DATA_LICENCE = env.str(
    "API_DATA_LICENCE", default="Creative Commons Naamsvermelding 4.0 Internationaal (CC BY 4.0)"
)
API_DATA_LICENCE_URL = env.str(
    "API_DATA_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/deed.nl"
)

# --- Celery -----------------------------------------------------------------------------
# Without a broker every task runs in the request, so nothing depends on Redis locally.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Brussels"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Publishing gives up after one short wait when the broker is down or frozen: the work is
# kept in the database (see core.services.task_dispatch) and picked up by the next flush.
# No publish retry: each retry waits the timeouts again (a frozen broker cost a request 15 s),
# and redis-py already replaces a connection the broker closed.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 0}
CELERY_BEAT_SCHEDULE = {
    "flush-pending-emails": {
        "task": "aanspreekpunt.core.tasks.flush_pending_emails",
        "schedule": 60.0,
    },
    "purge-sent-emails": {
        "task": "aanspreekpunt.core.tasks.purge_sent_emails",
        "schedule": crontab(hour=3, minute=15),
    },
    "clear-expired-sessions": {
        "task": "aanspreekpunt.core.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    "check-offering-links": {
        "task": "socialekaart.tasks.check_links",
        "schedule": crontab(hour=4, minute=0),
    },
    "remind-offering-reviews": {
        "task": "socialekaart.tasks.remind_reviews",
        "schedule": crontab(hour=9, minute=0),
    },
    "quality-norms-daily": {
        "task": "socialekaart.tasks.quality_daily",
        "schedule": crontab(hour=9, minute=10),
    },
    # The question desk: reminders after 5 and 10 working days; askers' personal data
    # erased 24 months after closing.
    "remind-waiting-questions": {
        "task": "aanspreekpunt.desk.tasks.remind_waiting_questions",
        "schedule": crontab(hour=8, minute=30),
    },
    "erase-expired-questions": {
        "task": "aanspreekpunt.desk.tasks.erase_expired_questions",
        "schedule": crontab(hour=3, minute=45),
    },
    # Editors schedule pages to go live (or offline) at a time; this is what makes it happen.
    # A run that waited longer than a minute for a worker is dropped: the next one does it.
    "publish-scheduled-pages": {
        "task": "aanspreekpunt.pages.tasks.publish_scheduled_pages",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # With the broker back, a queued import is on its way within 45 s (30 s + the 15 s an
    # import waits for its own dispatch, see aanspreekpunt.core.imports.jobs).
    "dispatch-queued-imports": {
        "task": "aanspreekpunt.core.tasks.dispatch_waiting_imports",
        "schedule": 30.0,
    },
    # The policy actions' live indicators: this month's values, for the dashboard's history.
    "record-policy-indicators": {
        "task": "beleidsacties.tasks.record_indicators",
        "schedule": crontab(hour=5, minute=0),
    },
    # Forum: "meteen" e-mails once their 10 minutes have passed; the digest in the morning.
    "forum-notifications": {
        "task": "aanspreekpunt.forum.tasks.send_notifications",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    "forum-digests": {
        "task": "aanspreekpunt.forum.tasks.send_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    # Training: unconfirmed holds lapse after 48 hours (freeing places for the waiting list),
    # reminders two days before, personal data of registrations erased after 12 months.
    "vorming-lapse-holds": {"task": "vorming.tasks.lapse_holds", "schedule": 300.0},
    "vorming-send-reminders": {"task": "vorming.tasks.send_reminders", "schedule": 900.0},
    "vorming-erase-old-registrations": {
        "task": "vorming.tasks.erase_old_registrations",
        "schedule": crontab(hour=3, minute=45),
    },
}

# --- Service map --------------------------------------------------------------------------
# The class that checks the offerings' web addresses (socialekaart.linkcheck).
LINK_CHECKER = "socialekaart.linkcheck.HttpLinkChecker"
LINK_CHECK_TIMEOUT = 10  # seconds per request
# Addresses on the local network are never fetched, so a link cannot probe the platform's
# own network; tests switch this on for their local server.
LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False

# --- E-mail -----------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Aanspreekpunt Onlinehulp <noreply@onlinehulp.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts ---------------------------------------------------------------------------
# allauth's backend alone: it checks one password hash whether or not the address exists,
# so a login takes as long for an unknown address as for a known one. (Django's
# ModelBackend beside it hashed twice for known addresses and once for unknown ones.)
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "aanspreekpunt.accounts.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
# The back office signs in through the same pages, so two-factor applies there too.
WAGTAILADMIN_LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_ADAPTER = "aanspreekpunt.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
# Confirming the address (a POST: CONFIRM_EMAIL_ON_GET is off) logs the member in, in the
# browser that signed up. Staff still meet two-factor before any staff privilege.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Aanspreekpunt Onlinehulp] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# Failed logins are limited per address and per account (allauth keeps the counters in
# the cache); the other limits are allauth's defaults.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Behind the TLS proxy every request comes from the proxy's address: the login limits count
# per client address from X-Forwarded-For, trusting this many proxies (0: no proxy, use the
# connection's address). compose sets 2: its TLS proxy and nginx.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Aanspreekpunt Onlinehulp"
# Roles that must have two-factor authentication before they reach the back office.
STAFF_GROUPS_REQUIRING_2FA = ["Coördinatoren", "Redacteurs"]

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# The platform's catalogue first (makemessages writes it), then formal Dutch for allauth's
# strings, whose own Dutch says "je" where the platform says "u" (see the file's header).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "aanspreekpunt" / "accounts" / "allauth_locale"]

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Files that may carry personal data (core.documents.private_storage): outside MEDIA_ROOT,
# served only by views that check the permission first.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Aanspreekpunt Onlinehulp"
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL full text search with Dutch stemming; SQLite uses its own FTS.
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "csv", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
# No third-party requests from the back office: avatars from gravatar.com would leak a
# hash of every user's e-mail address, and the release check calls wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# One way to sign in and to reset a password: allauth's (rate-limited, queued in the
# outbox). Wagtail's own reset sent mail inside the request, without limits.
WAGTAIL_PASSWORD_RESET_ENABLED = False

# --- Security -----------------------------------------------------------------------------
# Behind a TLS-terminating proxy in production; every switch is on unless DEBUG.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Only the platform's own scripts, styles, images and fonts; no third-party hosts at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# The Wagtail admin renders some inline scripts and styles of its own; it gets these
# on top of the policy above, and only under /admin/ (see core.middleware).
CSP_ADMIN_EXTRA = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": [SELF],
}

# --- Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Navigation and role names, shared by templates and the permission helpers.
SITE_NAME = _("Contact point for online help")
