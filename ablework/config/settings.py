"""Django settings, read from environment variables with safe production defaults.

`ABLEWORK_ENV` selects the profile: `production` (default: DEBUG off, secure cookies, a secret key
and a data key are required), `demo` (the embedded SQLite database under `var/`, keys generated
there) or `test`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("ABLEWORK_VAR_DIR", PROJECT_DIR / "var"))

ENV = os.environ.get("ABLEWORK_ENV", "production")
if "pytest" in sys.modules:
    ENV = "test"
IS_PRODUCTION = ENV == "production"


def _local_secret(name: str, generate: str) -> str:
    """Read (or, outside production, create once) a key kept under var/."""
    from ablework.core.keyfile import read_or_create_key

    return read_or_create_key(VAR_DIR / name, kind=generate)


SECRET_KEY = os.environ.get("ABLEWORK_SECRET_KEY", "")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured("ABLEWORK_SECRET_KEY must be set in production.")
    SECRET_KEY = (
        "test-only-secret-key-not-for-production-use-0123456789"
        if ENV == "test"
        else _local_secret("secret.key", "django")
    )

# Key for personal data at rest (AES-256-GCM) and for the HMAC lookup columns: 32 bytes, base64.
DATA_KEY = os.environ.get("ABLEWORK_DATA_KEY", "")
if not DATA_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured("ABLEWORK_DATA_KEY must be set in production.")
    DATA_KEY = (
        "dGVzdC1vbmx5LWRhdGEta2V5LTMyLWJ5dGVzLWxvbmc="
        if ENV == "test"
        else _local_secret("data.key", "aes256")
    )

DEBUG = os.environ.get("ABLEWORK_DEBUG", "0") == "1" and not IS_PRODUCTION
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "ABLEWORK_ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,testserver"
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("ABLEWORK_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "ablework.core",
    "ablework.accounts",
    "ablework.rules",
    "ablework.jobs",
    "ablework.employers",
    "ablework.parameters",
    "ablework.registry",
    "ablework.exchange",
    "ablework.quota",
    "ablework.organs",
    "ablework.concentrated",
    "ablework.levy",
    "ablework.rewards",
    "ablework.support",
    "ablework.matching",
    "ablework.indicators",
    "ablework.printing",
    "ablework.shell",
    "ablework.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ablework.core.middleware.SecurityHeadersMiddleware",
    # Inside the security headers, so that the envelope it writes for a 405 gets them too.
    "ablework.config.api_errors.MethodNotAllowedEnvelopeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ablework.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Outside the middleware below, so that their responses too are marked not to be stored.
    "ablework.core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ablework.core.middleware.DomainErrorMiddleware",
    "ablework.accounts.middleware.PasswordChangeRequiredMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ablework.config.urls"
WSGI_APPLICATION = "ablework.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ablework.core.context_processors.display_preferences",
                "ablework.shell.context_processors.navigation",
            ],
        },
    }
]

_default_db = f"sqlite:///{VAR_DIR / 'ablework.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "shell:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The system holds disability data (sensitive personal information, 个人信息保护法 Art. 28):
# passwords of at least 12 characters, not a common one, not like the account's names, not only
# digits. Django's own validators, whose messages come in Chinese from Django's catalogue.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "ablework.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in throttling (django-axes): after AXES_FAILURE_LIMIT failures for one account name, or
# from one address whatever the account, sign-in is refused there for AXES_COOLOFF_TIME after the
# last failure. Both parameters count on their own, so guessing one account from many addresses
# and guessing many accounts from one address are both stopped. `ablework axes_reset_username`
# and `axes_reset_ip` lift a lockout early (README). Failures are also in the audit trail.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ABLEWORK_SIGN_IN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ABLEWORK_SIGN_IN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "ablework.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = False  # a correct guess among many must not wipe the count
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit trail already
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "ablework.accounts.views.client_address"
# The audit trail is append-only in the database (core/append_only.py); only the test profile
# lets `flush` (the test teardown between transactional tests) empty it with the other tables.
AUDIT_EMPTIED_BY_FLUSH = ENV == "test"
if ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
MEDIA_ROOT = VAR_DIR / "media"  # private: no URL serves it (quota proofs are sent by a view)
if ENV == "test":  # the test run's own folder, never var/
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="ablework-test-media-"))

# Security: safe by default; the demo runs over plain HTTP on localhost only.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = IS_PRODUCTION and os.environ.get("ABLEWORK_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31536000 if IS_PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = IS_PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
BEHIND_PROXY = os.environ.get("ABLEWORK_BEHIND_PROXY") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# Background jobs: queued in the database, run by `ablework worker` (no broker needed). Tests run
# each job at once, in the test's own process and transaction, when the enqueuing one commits.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if ENV == "test"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}
# A job on another machine whose progress has not been heard of for this long has lost its
# worker (on the worker's own machine its process id answers at once).
JOBS_STALE_AFTER_SECONDS = int(os.environ.get("ABLEWORK_JOBS_STALE_AFTER_SECONDS", "900"))

# An import file this many bytes or larger is read and checked in a helper process while the
# importer writes (ablework.exchange.importing.checking; by default from 1 MiB); "off": never.
if _helper_min := os.environ.get("ABLEWORK_IMPORT_HELPER_MIN_BYTES", "").strip():
    if _helper_min != "off" and not _helper_min.isdigit():
        raise ImproperlyConfigured(
            "ABLEWORK_IMPORT_HELPER_MIN_BYTES must be a number of bytes or off, "
            f"not {_helper_min!r}."
        )
    EXCHANGE_HELPER_MIN_BYTES = None if _helper_min == "off" else int(_helper_min)

# Request bodies. A form's fields (everything but files) may hold at most
# DATA_UPLOAD_MAX_MEMORY_SIZE (Django's 2.5 MiB, stated here so it is seen): more is a 400 (413
# in the API). Files go through ablework.core.uploads.LimitedUploadHandler alone: kept in an
# anonymous file (never a named one under /tmp) and refused while still arriving once the
# request's files pass UPLOAD_MAX_BYTES (the form then names the limit). 32 MiB holds the web's
# IMPORT_WEB_MAX_ROWS rows several times over (50,000 rows of the template are about 5 MB as
# .xlsx, 10 MB as UTF-8 CSV, 20 MB as UTF-16); larger files go through the command line.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
UPLOAD_MAX_BYTES = int(os.environ.get("ABLEWORK_UPLOAD_MAX_BYTES", 32 * 2**20))
FILE_UPLOAD_HANDLERS = ["ablework.core.uploads.LimitedUploadHandler"]

# Limits on one import (issue 9 item 14), so that one file cannot fill the disk or hold a web
# worker for minutes. Reading stops at the row limit and the batch fails with a message naming
# it: on the web 50,000 data rows (a large county's whole registry; a check takes about 15 s),
# on the command line 2,000,000 (a province). At most IMPORT_MAX_PROBLEMS problems are stored
# per batch (the page counts the rest; every rejected row keeps all its reasons in the rejected-
# rows file), and one user may have IMPORT_RUNNING_PER_USER uploads queued, being checked or
# being written at once. Operational choices, not figures from a regulation.
IMPORT_WEB_MAX_ROWS = int(os.environ.get("ABLEWORK_IMPORT_WEB_MAX_ROWS", "50000"))
IMPORT_CLI_MAX_ROWS = int(os.environ.get("ABLEWORK_IMPORT_CLI_MAX_ROWS", "2000000"))
IMPORT_MAX_PROBLEMS = int(os.environ.get("ABLEWORK_IMPORT_MAX_PROBLEMS", "10000"))
IMPORT_RUNNING_PER_USER = int(os.environ.get("ABLEWORK_IMPORT_RUNNING_PER_USER", "2"))

# How long an import's upload, the problems found in it and its rejected rows are kept when
# nobody commits or discards the batch (after which `ablework purge_imports` deletes them;
# committing or discarding deletes the upload at once, discarding the problems and rows too).
# PIPL art. 19: personal information is kept for the shortest time its purpose needs. 30 days
# is an operational choice (time to correct a file and finish an import, a month's reporting
# cycle), not a figure from the law.
IMPORT_RETENTION_DAYS = int(os.environ.get("ABLEWORK_IMPORT_RETENTION_DAYS", "30"))

# Every handler masks identifiers in what it writes (core/log_filters.py): the development and
# demo server's access log (django.server) writes each request line with its query string, and
# django.request the path of a page not found. Both are declared here, with the filter.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_identifiers": {"()": "ablework.core.log_filters.MaskIdentifiers"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_identifiers"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_identifiers"],
        },
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "mask_identifiers"],
        },
    },
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("ABLEWORK_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50

# The domains' own operational settings (limits, thresholds, cache times): config/limits.py.
from ablework.config.limits import *  # noqa: E402, F403
