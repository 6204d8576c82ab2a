"""Failing well: the handler of every error Django cannot answer otherwise
(`handler500` in atlas/urls.py).

A database that cannot be reached (down, restarting, out of connections,
locked past the busy timeout, out of disk, read-only) or a request over its
time budget (ops.budget) is not a bug of ours: the visitor gets a 503 page in
their language with Retry-After (under /api/ the API's JSON error shape), and
the log gets one line when an outage starts and one when it ends (per
worker process), not a traceback per request. Anything else is a bug:
the 500 page, and its traceback logged once.
"""

import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

from api.http import error as api_error
from api.http import error_response  # the API's one JSON error shape

log = logging.getLogger("atlas.failures")
RETRY_AFTER_SECONDS = 30
# Errors that say "the database cannot serve now" rather than "our query is wrong".
UNAVAILABLE = (OperationalError, InterfaceError)
_incident = {"open": None}  # per process: the kind of the failure under way, if any


def is_unavailable(exception):
    return isinstance(exception, UNAVAILABLE) or (
        isinstance(exception, DatabaseError) and "read-only" in str(exception).lower()
    )


def _kind(exception):
    text = str(exception).lower()
    if "interrupted" in text or "statement timeout" in text or "canceling statement" in text:
        return "over_time"
    return "database_unavailable"


def open_incident(exception):
    """Log the start of an outage once per process; a request over its time
    budget is an incident of its own, one line each."""
    kind = _kind(exception)
    first_line = str(exception).strip().splitlines()[0][:300] if str(exception).strip() else ""
    if kind == "over_time":
        log.warning("%s: %s", kind, first_line, extra={"incident": kind})
    elif not _incident["open"]:
        _incident["open"] = kind
        log.error("%s: %s", kind, first_line, extra={"incident": kind})


def close_incident(sender=None, connection=None, **kwargs):
    """A new database connection succeeded (signal connection_created): an
    outage under way is over."""
    if _incident["open"]:
        log.warning("recovered from %s", _incident["open"], extra={"incident": "recovered"})
        _incident["open"] = None


def _language(request):
    if request.path.startswith("/api/"):
        return translation.get_language_from_request(request)
    return translation.get_language_from_path(request.path_info) or "de"


def _message(kind):
    if kind == "over_time":
        return _("Diese Anfrage hat zu lange gedauert. Bitte versuchen Sie es gleich noch einmal.")
    return _(
        "Der Förderatlas ist gerade nicht erreichbar, weil wir Wartungsarbeiten durchführen oder "
        "sehr viele Anfragen haben. Bitte versuchen Sie es in einer Minute noch einmal."
    )


def unavailable_response(request, exception):
    kind = _kind(exception)
    with translation.override(_language(request)):
        if request.path.startswith("/api/"):
            response = error_response([api_error(None, _message(kind), "unavailable")], status=503)
        else:
            context = {"message": _message(kind), "request_id": getattr(request, "id", "")}
            response = HttpResponse(loader.render_to_string("503.html", context), status=503)
        response.headers["Content-Language"] = translation.get_language()
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.headers["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: Django calls it while handling the exception."""
    exception = sys.exc_info()[1]
    if exception is not None and is_unavailable(exception):
        open_incident(exception)
        return unavailable_response(request, exception)
    log.error("unhandled error on %s", request.path, exc_info=sys.exc_info())
    with translation.override(_language(request)):
        if request.path.startswith("/api/"):
            message = _("Ein Fehler ist aufgetreten. Das liegt nicht an Ihnen.")
            return error_response([api_error(None, message, "server_error")], status=500)
        content = loader.render_to_string("500.html", {"request_id": getattr(request, "id", "")})
    return HttpResponse(content, status=500)
