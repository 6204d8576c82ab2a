"""Förderatlas settings: one module, driven by environment variables.

Development works with no variables at all (SQLite file under var/). Production
sets ATLAS_DEBUG=0 and must then provide a real SECRET_KEY: the development key
is refused so a forgotten variable cannot reach the internet.
"""

import os
from datetime import date
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    """Read a boolean variable; a typo fails loudly instead of meaning False."""
    value = os.environ.get(name, default)
    if value in ("1", "true", "True", "yes"):
        return True
    if value in ("0", "false", "False", "no", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")


def envint(name, default):
    value = os.environ.get(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envdate(name):
    value = os.environ.get(name, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be YYYY-MM-DD, not {value!r}") from None


DEVELOPMENT_SECRET_KEY = "development-only-not-secret"
DEBUG = envbool("ATLAS_DEBUG", "1")
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: production refuses the development key.")

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# "Today" for status calculations; tests, demos and editors' previews pin it.
ATLAS_TODAY = envdate("ATLAS_TODAY")
ATLAS_TIME_ZONE = "Europe/Berlin"
ATLAS_SITE_NAME = os.environ.get("ATLAS_SITE_NAME", "Förderatlas Migration, Teilhabe und Zusammenhalt")
ATLAS_REGION_NAME = os.environ.get("ATLAS_REGION_NAME", "Niedersachsen")
ATLAS_BASE_URL = os.environ.get("ATLAS_BASE_URL", "http://127.0.0.1:8000")
# Open-data API: requests per minute and client IP address (0 switches the limit off).
ATLAS_API_RATE_LIMIT = envint("ATLAS_API_RATE_LIMIT", 120)

# Operator details for Impressum, Datenschutz and Barrierefreiheit: every
# operator of an atlas sets their own; the defaults say plainly that they are
# placeholders.
ATLAS_OPERATOR = {
    "name": os.environ.get("ATLAS_OPERATOR_NAME", "Betreiber noch nicht eingetragen"),
    "address": os.environ.get("ATLAS_OPERATOR_ADDRESS", "Anschrift noch nicht eingetragen"),
    "email": os.environ.get("ATLAS_OPERATOR_EMAIL", "redaktion@example.org"),
    "phone": os.environ.get("ATLAS_OPERATOR_PHONE", ""),
    "representative": os.environ.get("ATLAS_OPERATOR_REPRESENTATIVE", ""),
    "privacy_officer": os.environ.get("ATLAS_OPERATOR_PRIVACY_OFFICER", ""),
    "accessibility_contact": os.environ.get("ATLAS_OPERATOR_ACCESSIBILITY_EMAIL", ""),
    "is_placeholder": "ATLAS_OPERATOR_NAME" not in os.environ,
}

INSTALLED_APPS = [
    "editorial.admin_app.AtlasAdminConfig",  # django.contrib.admin with the Redaktion's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "catalogue",
    "search",
    "public",
    "editorial",
    "api",
    "alerts",
    "shortlist",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "public.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "atlas.urls"
WSGI_APPLICATION = "atlas.wsgi.application"

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
                "public.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'atlas.db'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Parallel writers queue up (within the timeout, in seconds) instead of one failing with
    # "database is locked": a transaction takes the write lock when it begins, so SQLite never
    # has to refuse upgrading a reading transaction (a double-clicked form, alerts/tests/test_concurrency.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per-process memory cache (the API rate limit counts in it); a shared cache
# such as Redis makes the limit exact across several worker processes.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AXES_FAILURE_LIMIT = envint("ATLAS_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "editorial/lockout.html"  # German page with status 429
SESSION_COOKIE_AGE = envint("ATLAS_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", "Deutsch"),
    ("en", "English"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("fa", "فارسی"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = ATLAS_TIME_ZONE
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "foerderatlas@example.org")
# Alerts and reminders (alerts app): a real mail server needs these; one SMTP connection per send_alerts run.
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "0")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "0")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ATLAS_LOG_LEVEL", "WARNING")},
}
