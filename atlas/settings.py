"""Förderatlas settings: one module, driven by environment variables.

Development works with no variables at all (SQLite file under var/). Production
sets ATLAS_DEBUG=0 and must then provide a real SECRET_KEY (50 characters or
more) and ALLOWED_HOSTS: without them the atlas refuses to start, so a
forgotten variable cannot reach the internet. `make serve` and
deploy/gunicorn.conf.py are the production server; README "Production".
"""

import os
from datetime import date, timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ops.static import cache_headers as static_cache_headers  # plain Python, no Django

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


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envdate(name):
    value = os.environ.get(name, "")
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be YYYY-MM-DD, not {value!r}") from None


DEVELOPMENT_SECRET_KEY = "development-only-not-secret"
SECRET_KEY_MIN_LENGTH = 50
DEBUG = envbool("ATLAS_DEBUG", "1")
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH):
    raise ImproperlyConfigured(
        f"Set SECRET_KEY to a random value of at least {SECRET_KEY_MIN_LENGTH} characters, e.g. "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if not DEBUG and not envlist("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the atlas's host names, e.g. atlas.example.org")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# "Today" for status calculations; tests, demos and editors' previews pin it.
ATLAS_TODAY = envdate("ATLAS_TODAY")
ATLAS_TIME_ZONE = "Europe/Berlin"
ATLAS_SITE_NAME = os.environ.get("ATLAS_SITE_NAME", "Förderatlas Migration, Teilhabe und Zusammenhalt")
ATLAS_REGION_NAME = os.environ.get("ATLAS_REGION_NAME", "Niedersachsen")
ATLAS_BASE_URL = os.environ.get("ATLAS_BASE_URL", "http://127.0.0.1:8000")
# Requests per minute and client address (0 switches a limit off): the
# open-data API, and the Suche page (generous: people click, scripts hammer).
ATLAS_API_RATE_LIMIT = envint("ATLAS_API_RATE_LIMIT", 120)
ATLAS_SEARCH_RATE_LIMIT = envint("ATLAS_SEARCH_RATE_LIMIT", 300)
# Forms visitors send (Fehler melden, Förderung vorschlagen, Konto anfragen):
# sends per minute and client, and the fewest seconds a person needs to fill one.
ATLAS_FEEDBACK_RATE_LIMIT = envint("ATLAS_FEEDBACK_RATE_LIMIT", 3)
ATLAS_FEEDBACK_MIN_SECONDS = envint("ATLAS_FEEDBACK_MIN_SECONDS", 3)
# Exports (CSV, XLSX, JSON; up to 10,000 rows each): how many are made at once
# across all workers and servers.
ATLAS_EXPORT_CONCURRENCY = envint("ATLAS_EXPORT_CONCURRENCY", 2)
# Bulk imports run outside the request (editorial.jobs): "subprocess" lets the
# import page start `manage.py run_import_jobs --once` itself; "external"
# leaves it to a service or timer (README); the test suite runs workers itself.
# Progress files live in the directory.
ATLAS_IMPORT_WORKER = os.environ.get(
    "ATLAS_IMPORT_WORKER", "external" if "PYTEST_VERSION" in os.environ else "subprocess"
)
ATLAS_IMPORT_JOB_DIR = os.environ.get("ATLAS_IMPORT_JOB_DIR", str(BASE_DIR / "var" / "import-jobs"))

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
    "ops",  # first: its request middleware and management commands serve everyone
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
    "corsheaders",
    "catalogue",
    "search",
    "thesaurus",
    "public",
    "editorial",
    "api",
    "alerts",
    "shortlist",
    "feedback",
]

MIDDLEWARE = [
    "ops.middleware.ClientAddressMiddleware",  # before anything that counts per client (limits, axes)
    "ops.middleware.RequestLogMiddleware",  # request id, one JSON line per request
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",  # before anything that may answer (CommonMiddleware)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ops.middleware.PublicGZipMiddleware",
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

# CORS (django-cors-headers) for the open data only: any origin may read,
# nothing may write, and scripts may read the headers the API documents.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["Accept", "Accept-Language", "If-None-Match", "If-Modified-Since"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Retry-After",
    "Content-Disposition",
    "X-Export-Truncated",
    "X-Search-Warnings",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
]
CORS_PREFLIGHT_MAX_AGE = 86400
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
    },
    {
        # Only for hot fragments (ADR 0010); pages stay Django templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "atlas.jinja2.environment", "autoescape": True},
    },
]

# A web request gets this many seconds of database time before it ends with a
# clean 503 (gunicorn.conf.py sets it below the worker timeout); 0 = no limit,
# as for management commands.
ATLAS_REQUEST_SECONDS = envint("ATLAS_REQUEST_SECONDS", 0)
# The production server keeps result cards and API items for this long
# before its workers start (atlas/warmup.py); 0 = start cold.
ATLAS_WARM_SECONDS = envint("ATLAS_WARM_SECONDS", 20)
# Writers wait this long for SQLite's write lock instead of failing at once.
SQLITE_BUSY_SECONDS = envint("ATLAS_SQLITE_BUSY_SECONDS", 20)


def database(url):
    config = dj_database_url.parse(url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL: readers never wait for a writer. IMMEDIATE: a writing transaction
        # takes the lock at BEGIN, so it waits (busy timeout) instead of failing
        # half-way with "database is locked". synchronous=NORMAL is safe in WAL.
        config.setdefault("OPTIONS", {}).update(
            timeout=SQLITE_BUSY_SECONDS,
            transaction_mode="IMMEDIATE",
            init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        )
    elif ATLAS_REQUEST_SECONDS:
        config.setdefault("OPTIONS", {})["options"] = f"-c statement_timeout={ATLAS_REQUEST_SECONDS * 1000}"
    return config


DATABASES = {
    "default": database(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'atlas.db'}"))
}
# Optional read replica (PostgreSQL streaming replica): public reads go there,
# every write and everything a signed-in editor does stays on the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database(os.environ["DATABASE_REPLICA_URL"])
    DATABASE_ROUTERS = ["ops.routers.ReplicaRouter"]
    MIDDLEWARE.insert(2, "ops.routers.PrimaryOnlyMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "default" is shared by every worker and server, so limits (API, search,
# concurrent exports, login lockout) hold across them: Redis when REDIS_URL is
# set, otherwise a table in the database (`migrate` creates it). "local" is
# per process, for what each worker may keep for itself (rendered search pages,
# renewed by the index version).
CACHE_TABLE = "atlas_cache"
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}
    ),
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # What pages make of one entry (search.kept: result cards, API items,
    # similar programmes), per language, day and index version; a few KB
    # each, so a whole catalogue in a few languages fits.
    "entries": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "entries",
        "OPTIONS": {"MAX_ENTRIES": envint("ATLAS_ENTRY_CACHE_ENTRIES", 40_000)},
    },
}
# ATLAS_CACHE=memory: the shared cache in process memory, for the test suite
# (pytest sets PYTEST_VERSION): most tests touch no database and the suite is
# one process; ops/tests start real servers with the database cache and Redis.
if os.environ.get("ATLAS_CACHE", "memory" if "PYTEST_VERSION" in os.environ else "") == "memory":
    CACHES["default"] = CACHES["local"] | {"LOCATION": "shared"}
# On SQLite the database cache lives in a file of its own (atlas.db →
# atlas-cache.db): an import holds the catalogue file's write lock until it
# commits, and every request that counts a limit would wait for it.
if (
    CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    and DATABASES["default"]["ENGINE"].endswith("sqlite3")
    and str(DATABASES["default"]["NAME"]) not in ("", ":memory:")
):
    _catalogue_file = Path(DATABASES["default"]["NAME"])
    DATABASES["cache"] = DATABASES["default"] | {
        "NAME": _catalogue_file.with_name(f"{_catalogue_file.stem}-cache{_catalogue_file.suffix}")
    }
    DATABASE_ROUTERS = ["ops.routers.CacheRouter"]

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
# A lock holds one user name from one address (after a trusted proxy:
# ATLAS_TRUSTED_PROXIES), so wrong passwords for one account lock neither the
# other editors behind the same proxy nor that account from elsewhere.
AXES_COOLOFF_TIME = timedelta(minutes=envint("ATLAS_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
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

# Behind a reverse proxy (README "Production", deploy/nginx/foerderatlas.conf).
# Only requests from these addresses may say who the client is
# (X-Forwarded-For) and whether it came over TLS (X-Forwarded-Proto); anyone
# else could claim any address and reset their own rate limit or lockout.
ATLAS_TRUSTED_PROXIES = envlist("ATLAS_TRUSTED_PROXIES")
if ATLAS_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS once the site is served over TLS only: ATLAS_HSTS_SECONDS=31536000.
SECURE_HSTS_SECONDS = envint("ATLAS_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = False

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
# Corrected date and number formats of some languages (atlas/formats/).
FORMAT_MODULE_PATH = ["atlas.formats"]
TIME_ZONE = ATLAS_TIME_ZONE
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("ATLAS_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (site.3f2a….css) and gzip + brotli copies, written by
    # collectstatic; development serves the originals from the apps.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# A hashed name never changes content: a year, immutable (ops/static.py).
WHITENOISE_ADD_HEADERS_FUNCTION = static_cache_headers
WHITENOISE_MAX_AGE = 3600  # unhashed files (favicon link targets, robots)

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

# One JSON object per line on standard error (ops/logs.py): the access log
# (logger "atlas.request", level INFO), warnings and errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ATLAS_LOG_LEVEL", "WARNING")},
    "loggers": {
        "atlas.request": {"level": "INFO" if envbool("ATLAS_ACCESS_LOG", "0") else "WARNING"},
        "atlas.warmup": {"level": "INFO"},  # one line when the server starts
        # Our middleware logs every failed request once; Django's own lines would repeat it.
        "django.request": {"level": "CRITICAL"},
        "django.server": {"level": "WARNING"},
    },
}
