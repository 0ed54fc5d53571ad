"""Settings for the Observatory, read from the environment (see README.md)."""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_flag("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY, or DJANGO_DEBUG=1 for local work.")
    SECRET_KEY = "insecure-local-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "taggit",
    "django_filters",
    "axes",
    "django_ratelimit",
    "csp",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "django_tasks",
    "django_tasks_db",
    "outbox",
    # Shared code beneath the apps; its one migration makes the cache tables.
    "core",
    "accounts",
    "sightings",
    "cells",
    "privacy",
    "following",
    "api",
    # The site itself: its one command, load_demo_data, fills every app with examples.
    "observatory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.generation.OneGenerationPerRequest",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "observatory.languages.FirstVisitLanguageMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "observatory.middleware.StripNullCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Turns django-ratelimit's refusal (block=True) into the "too many attempts" page.
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "observatory.urls"
WSGI_APPLICATION = "observatory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.roles",
                "observatory.languages.alternates",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Each request's queries run on one core: with a worker per core, a query's own
    # parallel workers only take a core another request is using, and starting them
    # costs more than a bounded page query takes (docs/performance.md).
    parallel = int(os.environ.get("DATABASE_PARALLEL_WORKERS", "0"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={parallel}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches, both shared by every worker and server, and both an accelerator only: if
# either cannot be reached the site carries on without it (core/caches.py).
# - "default": the bookkeeping (the generation of what is published) and rate limits,
#   under keys the site chooses, never under a visitor's address;
# - ENTRIES_CACHE: the pages kept for visitors and the counts kept for each filter,
#   keyed by what visitors ask for. When it is full a new entry is not stored (the
#   database one) or Redis evicts by its own policy, but never the bookkeeping.
ENTRIES_CACHE = "entries"
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    REDIS_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1}
    CACHES = {
        "default": {
            "BACKEND": "core.caches.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": REDIS_OPTIONS,
        },
        ENTRIES_CACHE: {
            "BACKEND": "core.caches.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "entries",
            "OPTIONS": REDIS_OPTIONS,
        },
    }
else:
    # Database tables rather than per-process memory, so that rate limits and kept
    # pages hold across every gunicorn worker without another service to run. Their
    # tables are made by core's migration.
    CACHES = {
        "default": {
            "BACKEND": "core.caches.DatabaseCache",
            "LOCATION": "observatory_cache",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
        ENTRIES_CACHE: {
            "BACKEND": "core.caches.DatabaseCache",
            "LOCATION": "observatory_entries",
            # Whole pages are kept for visitors; when this many are fresh, new ones are
            # rendered each time until some expire.
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
    }

AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "accounts.backends.EmailOrUsernameBackend",
    "accounts.backends.StaffCurateBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "sightings:mine"
LOGOUT_REDIRECT_URL = "home"

AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# How many proxies stand in front of the site, each appending to X-Forwarded-For; rate
# limits and lock-outs count the address the first of them saw (core/client_address.py).
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "core.client_address.client_address"
RATELIMIT_IP_META_KEY = "core.client_address.client_address"
RATELIMIT_VIEW = "observatory.views.rate_limited"
# The limits guard the site: with the cache unreachable for a while, letting requests
# through is better than refusing everyone.
RATELIMIT_FAIL_OPEN = True


def env_rate(name, default):
    """A posting limit as django-ratelimit writes it ("5/h", "1/d", "10/15m"), or "off"."""
    value = os.environ.get(name, default).strip().lower()
    if value == "off":
        return None
    if not re.fullmatch(r"\d+/\d*[smhd]", value):
        raise ImproperlyConfigured(f'{name} must be a rate such as "5/h" or "1/d", or "off".')
    return value


# How much one account (or, signed out, one address) may post that others see or that
# changes what is counted, per period; counted in the shared cache (docs/operations.md).
POSTING_LIMITS = {
    "follow-up-per-sighting": env_rate("OBSERVATORY_LIMIT_FOLLOW_UPS_PER_SIGHTING", "1/d"),
    "follow-up": env_rate("OBSERVATORY_LIMIT_FOLLOW_UPS", "5/h"),
    "sighting-submission": env_rate("OBSERVATORY_LIMIT_SUBMISSIONS", "20/h"),
    "cell-note": env_rate("OBSERVATORY_LIMIT_CELL_NOTES", "10/h"),
    "echo": env_rate("OBSERVATORY_LIMIT_ECHOES", "10/h"),
    "follow": env_rate("OBSERVATORY_LIMIT_FOLLOWS", "30/h"),
}
CSRF_FAILURE_VIEW = "observatory.views.csrf_failure"

LANGUAGE_CODE = "en-gb"
# English at today's addresses, Welsh under /cy/ (observatory/urls.py).
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# A year: the choice is the person's until they change it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not DEBUG)
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "observatory.storage.StaticStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# A mail server that hangs must not hold a worker for ever: the send fails and is retried.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "The Observatory <observatory@localhost>")
# Where links in emails sent outside a request (review decisions) point.
SITE_URL = os.environ.get(
    "DJANGO_SITE_URL",
    # Locally, the address `make run` serves; in production, the first allowed host.
    "http://127.0.0.1:8000"
    if DEBUG
    else f"https://{ALLOWED_HOSTS[0] if ALLOWED_HOSTS else 'localhost'}",
)

# Email and other slow work run as tasks (Django's Tasks API, through the django-tasks
# backport): queued in the database and run by `manage.py db_worker` (README.md). The tests
# run each task at once, inside the request, with the immediate backend.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[os.environ.get("OBSERVATORY_TASKS", "database")]
    }
}
# Seconds before each further attempt to send an email the mail server refused: about
# a day and a half in all, then it is kept under "Undelivered emails" in the admin.
OUTBOX_RETRY_DELAYS = [60, 300, 1800, 7200, 21600, 86400]

TAGGIT_TAGS_FROM_STRING = "sightings.themes.parse_themes"
TAGGIT_STRING_FROM_TAGS = "sightings.themes.themes_to_text"

# Security headers. HTTPS-only settings are on unless debugging; behind a TLS proxy set
# DJANGO_SECURE_PROXY_SSL_HEADER=1 so Django trusts X-Forwarded-Proto.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_flag("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_flag("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_flag("DJANGO_HSTS_PRELOAD", False)
# Joining the browsers' HSTS preload list binds every subdomain to HTTPS for months and
# is hard to undo, so it is the site owner's choice (DJANGO_HSTS_PRELOAD=1), not a default;
# without it, `check --deploy` would warn on every deployment that has not chosen it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# django-ratelimit names only memcached and django-redis as "officially supported" and
# warns of any other cache; it still refuses (E003) the ones that cannot count safely.
# Django's Redis cache increments atomically (INCRBY), and so does core.caches.DatabaseCache.
SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_flag("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

SIGHTINGS_PER_PAGE = 20

# The read API (api/): public data only, for anyone, as JSON.
API_RATE = os.environ.get("API_RATE", "120/m")
API_PAGE_SIZE = 20
API_MAX_PAGE_SIZE = 100
REST_FRAMEWORK = {
    # Nobody signs in to the API: it answers every client alike, with public data only.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "api.negotiation.AlwaysJSON",
    "DEFAULT_THROTTLE_CLASSES": ["api.limits.PerClientRate"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "The Observatory API",
    "DESCRIPTION": "Read-only access to the Observatory's published sightings, shifts, "
    "themes, cells and their notes. Only published data and public fields are ever shown.",
    "VERSION": "1.0.0",
    "LICENSE": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_shared_responses",
    ],
}
# Browsers on any site may read the API's JSON; nothing else is shared across origins.
CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.+$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]
