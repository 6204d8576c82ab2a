"""HTTP plumbing shared by every API view: the one error shape, conditional
requests (ETag, Last-Modified → 304, decided by Django's
`get_conditional_response`), the per-client rate limit and the one
validation of the query. Operations stay about data; `api_view` wraps each
of them (the django-ninja operations in `api.operations` too). CORS is
django-cors-headers' (settings `CORS_*`).

Every error looks like
    {"errors": [{"field": "region", "message": "…", "code": "invalid_choice"}]}
with `field` null when the error is not about one parameter.
"""

import hashlib
import json
from datetime import datetime
from datetime import time as clock
from functools import wraps
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from catalogue.problems import problem
from catalogue.status import today
from ops.limits import count_request

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
JSON_TYPE = "application/json"
# The conditions of a read. If-Match and If-Unmodified-Since guard writes;
# this API has none, so they are not handed to Django (which would answer 412).
READ_CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
CACHE_SECONDS = 60
# The query parameter that chooses the answer's language over Accept-Language.
LANGUAGE_PARAMETER = "lang"


def json_response(payload, status=200):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type=f"{JSON_TYPE}; charset=utf-8")


def error(field, message, code):
    """One API error (catalogue.problems: the one shape of errors and warnings)."""
    return problem(field, message, code)


def error_response(errors, status):
    return json_response({"errors": list(errors)}, status=status)


def not_found(message=None):
    return error_response([error(None, message or _("Nicht gefunden."), "not_found")], status=404)


def catalogue_last_modified(*timestamps):
    """Last-Modified of a response built from entries changed at `timestamps`.

    Status and next deadline are derived from today, so a response changes at
    midnight (Europe/Berlin) even when no entry did: never older than today 00:00.
    """
    midnight = datetime.combine(today(), clock.min, tzinfo=ZoneInfo(settings.ATLAS_TIME_ZONE))
    return max([midnight, *[t for t in timestamps if t]])


def set_last_modified(response, moment):
    response.headers["Last-Modified"] = http_date(moment.timestamp())
    return response


def _answer_if_unchanged(request, response, etag, last_modified):
    """Django's RFC 9110 § 13.2.2 for GET and HEAD: 304 (with the caching
    headers of `response`) when the client's copy is current, else `response`.
    If-None-Match decides when present, weakly compared, otherwise
    If-Modified-Since."""
    reading = SimpleNamespace(
        method=request.method, META={key: request.META[key] for key in READ_CONDITIONS if key in request.META}
    )
    return get_conditional_response(reading, etag=etag, last_modified=last_modified, response=response)


def _conditional(request, response):
    """Strong ETag from the body; 304 when the client's copy is current. A
    streamed body is not read here: its view answers 304 itself, before the
    work (`unchanged_copy`)."""
    if response.status_code != 200:
        return response
    if response.streaming:
        if "ETag" in response.headers:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response.headers["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    last_modified = parse_http_date_safe(response.headers.get("Last-Modified", ""))
    return _answer_if_unchanged(request, response, etag, last_modified)


def unchanged_copy(request, etag, moment):
    """A 304 when the client's copy (If-None-Match / If-Modified-Since) is
    the one with `etag`, last changed at `moment`; else None."""
    headers = HttpResponse()
    headers.headers["ETag"] = etag
    set_last_modified(headers, moment)
    patch_cache_control(headers, public=True, max_age=CACHE_SECONDS)
    answer = _answer_if_unchanged(request, headers, etag, int(moment.timestamp()))
    return None if answer is headers else answer


def rate_limit_usage(request):
    """This request counted against the client's limit (`ops.limits.Usage`).

    Counted per client address (REMOTE_ADDR; behind a trusted proxy the
    visitor's, see ops.middleware) in the shared cache, so the limit holds
    across workers and servers.
    """
    return count_request("api", request.META.get("REMOTE_ADDR", ""), settings.ATLAS_API_RATE_LIMIT)


def _add_rate_limit(response, usage):
    """The limit, what is left of it and when it starts anew, on every answer."""
    limit = settings.ATLAS_API_RATE_LIMIT
    if limit:
        response.headers["X-RateLimit-Limit"] = str(limit)
        response.headers["X-RateLimit-Remaining"] = str(usage.remaining)
        response.headers["X-RateLimit-Reset"] = str(usage.reset)
    return response


def too_many_requests(wait):
    message = _("Zu viele Anfragen. Bitte warten Sie %(seconds)d Sekunden.") % {"seconds": wait}
    response = error_response([error(None, message, "rate_limited")], status=429)
    response.headers["Retry-After"] = str(wait)
    return response


def method_not_allowed(method):
    message = _("Die Methode %(method)s ist nicht erlaubt; die Schnittstelle ist nur lesbar.") % {
        "method": method
    }
    response = error_response([error(None, message, "method_not_allowed")], status=405)
    response.headers["Allow"] = ", ".join(SAFE_METHODS)
    return response


def _options():
    """OPTIONS without a CORS preflight (django-cors-headers answers those):
    which methods there are."""
    response = HttpResponse(status=204)
    response.headers["Allow"] = ", ".join(SAFE_METHODS)
    return response


def _answer(request, view, parameters, args, kwargs):
    if request.method == "OPTIONS":
        return _options()
    if request.method not in SAFE_METHODS:
        return method_not_allowed(request.method)
    usage = rate_limit_usage(request)
    if usage.wait:
        return _add_rate_limit(too_many_requests(usage.wait), usage)
    # Imported here: the validation reads the forms, which use this module.
    from .validation import query_errors

    refused = query_errors(request, parameters()) if parameters else []
    if refused:
        return _add_rate_limit(error_response(refused, status=400), usage)
    return _add_rate_limit(_conditional(request, view(request, *args, **kwargs)), usage)


def _chosen_language(request):
    chosen = request.GET.get(LANGUAGE_PARAMETER, "")
    return chosen if chosen in dict(settings.LANGUAGES) else None


def api_view(view, parameters=None):
    """Read-only, rate-limited, validated, conditional, in the language of
    `lang` or Accept-Language. `parameters()` gives the query parameters the
    view declares (`api.parameters.Parameter`). CSRF does not apply: nothing
    here changes state, and a POST must get our 405, not a CSRF page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # The site takes its language from the URL prefix, and /api/ has
        # none (German); API clients say theirs in Accept-Language, a page
        # links its exports with `lang` (an unknown one is refused as 400).
        language = _chosen_language(request) or translation.get_language_from_request(request)
        with translation.override(language):
            response = _answer(request, view, parameters, args, kwargs)
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return csrf_exempt(wrapped)
