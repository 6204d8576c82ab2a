"""The time a web request may spend in the database.

gunicorn kills a worker whose request runs past its timeout: the visitor gets
a bare 502 from the proxy and the worker's other state is lost. A budget a
little shorter (ATLAS_REQUEST_SECONDS, set by gunicorn.conf.py) ends a long
request with an error Django handles instead (ops.failures: a 503). On
PostgreSQL the budget is `statement_timeout` (atlas/settings.py); on SQLite a
progress handler interrupts the statement running when the request's time is
up. Management commands have no budget.
"""

import time
from contextvars import ContextVar

from django.conf import settings

deadline = ContextVar("request_deadline", default=None)
# SQLite calls the handler every this many virtual machine instructions.
CHECK_EVERY = 20_000


def start_request():
    """Start the clock of the current request; returns the token to reset."""
    seconds = settings.ATLAS_REQUEST_SECONDS
    return deadline.set(time.monotonic() + seconds if seconds else None)


def _over_time():
    limit = deadline.get()
    return 1 if limit is not None and time.monotonic() > limit else 0


def on_connection(sender, connection, **kwargs):
    if connection.vendor == "sqlite" and settings.ATLAS_REQUEST_SECONDS:
        connection.connection.set_progress_handler(_over_time, CHECK_EVERY)
