"""gunicorn settings of `make serve` (gunicorn -c deploy/gunicorn.conf.py).

Every value can be changed by an environment variable; README "Production".
"""

import os

wsgi_app = "atlas.wsgi:application"
bind = os.environ.get("HOST", "127.0.0.1:8000")
# Sync workers: each keeps its own copy of the search index (a few MB per
# 10,000 entries); two per CPU core is plenty for a catalogue.
workers = int(os.environ.get("ATLAS_WORKERS", "2"))
# A request running longer is killed with its worker; the atlas ends its own
# requests 5 s earlier with a clean 503 (ops/budget.py). An export of 10,000
# rows takes about 15 s of CPU, twice that on a busy machine.
timeout = int(os.environ.get("ATLAS_WORKER_TIMEOUT", "60"))
graceful_timeout = 20
keepalive = 5
# No length limit of our own on the request line: every search URL the site
# or an API client builds is answered by the atlas (400 with the reason, or
# the data), not cut off with gunicorn's HTML 414. nginx in front limits
# request lines to 8 KB (its default); ATLAS_LIMIT_REQUEST_LINE sets one here.
limit_request_line = int(os.environ.get("ATLAS_LIMIT_REQUEST_LINE", "0"))
# Load the application in the master: a settings error (no SECRET_KEY, no
# ALLOWED_HOSTS) stops `make serve` at once instead of looping workers.
preload_app = True


def when_ready(server):
    """In the master, before the workers fork: what pages make of the
    entries, kept once for all workers (atlas/warmup.py). A server that
    cannot warm up starts cold."""
    from django.db import connections

    from atlas import warmup

    try:
        warmup.warm()
    except Exception:  # noqa: BLE001 (the workers still serve, each warming as it goes)
        server.log.exception("warming up failed; the workers start cold")
    finally:
        connections.close_all()  # a connection must not be shared by forked workers


# X-Forwarded-Proto only from the proxies the atlas trusts (ATLAS_TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("ATLAS_TRUSTED_PROXIES", "") or "127.0.0.1"

os.environ.setdefault("ATLAS_REQUEST_SECONDS", str(max(1, timeout - 5)))
# The access log is Django's, one JSON line per request with its request id
# (ops/middleware.py); gunicorn's own messages go the same way.
os.environ.setdefault("ATLAS_ACCESS_LOG", "1")
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.logs.JsonFormatter"}},
    "handlers": {"error_console": {"class": "logging.StreamHandler", "formatter": "json"}},
    # The root logger is Django's (settings.LOGGING); one handler, one line.
    "root": {"level": "WARNING", "handlers": []},
    "loggers": {"gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False}},
}
