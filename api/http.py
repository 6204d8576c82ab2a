"""HTTP plumbing shared by every API view: the one error shape, CORS,
conditional requests (ETag, Last-Modified → 304) and the per-client rate
limit. Views stay about data; `api_view` wraps each of them.

Every error looks like
    {"errors": [{"field": "region", "message": "…", "code": "invalid_choice"}]}
with `field` null when the error is not about one parameter.
"""

import hashlib
import json
from datetime import datetime
from datetime import time as clock
from functools import wraps
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from catalogue.status import today
from ops.limits import count_request

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
JSON_TYPE = "application/json"
# Headers a browser script on another origin may read.
EXPOSED_HEADERS = (
    "ETag, Last-Modified, Retry-After, Content-Disposition, X-Export-Truncated, X-Search-Warnings, "
    "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"
)
ALLOWED_REQUEST_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
CACHE_SECONDS = 60
# The query parameter that chooses the answer's language over Accept-Language.
LANGUAGE_PARAMETER = "lang"


def json_response(payload, status=200):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type=f"{JSON_TYPE}; charset=utf-8")


def error(field, message, code):
    return {"field": field, "message": str(message), "code": code}


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


def _not_modified(request, etag, last_modified):
    """RFC 9110 § 13.2.2 for GET and HEAD: If-None-Match decides when present,
    otherwise If-Modified-Since. (If-Match and If-Unmodified-Since guard
    writes; this API has none, so they are ignored.)"""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match:
        tags = {tag.removeprefix("W/") for tag in parse_etags(if_none_match)}
        return "*" in tags or etag in tags
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return bool(since and last_modified and last_modified <= since)


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
    if not _not_modified(request, etag, last_modified):
        return response
    return _not_modified_response(response)


def _not_modified_response(response):
    not_modified = HttpResponseNotModified()
    for header in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
        if header in response.headers:
            not_modified.headers[header] = response.headers[header]
    return not_modified


def unchanged_copy(request, etag, moment):
    """A 304 when the client's copy (If-None-Match / If-Modified-Since) is
    the one with `etag`, last changed at `moment`; else None."""
    if not _not_modified(request, etag, int(moment.timestamp())):
        return None
    headers = HttpResponse()
    headers.headers["ETag"] = etag
    set_last_modified(headers, moment)
    patch_cache_control(headers, public=True, max_age=CACHE_SECONDS)
    return _not_modified_response(headers)


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


def _preflight():
    response = HttpResponse(status=204)
    response.headers["Allow"] = ", ".join(SAFE_METHODS)
    response.headers["Access-Control-Allow-Methods"] = ", ".join(SAFE_METHODS)
    response.headers["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
    response.headers["Access-Control-Max-Age"] = "86400"
    return response


def _add_cors(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def _answer(request, view, args, kwargs):
    if request.method == "OPTIONS":
        return _preflight()
    if request.method not in SAFE_METHODS:
        return method_not_allowed(request.method)
    usage = rate_limit_usage(request)
    if usage.wait:
        return _add_rate_limit(too_many_requests(usage.wait), usage)
    # Imported here: the validation reads the OpenAPI description, which
    # reads the views' forms, which use this module.
    from .validation import query_errors

    refused = query_errors(request)
    if refused:
        return _add_rate_limit(error_response(refused, status=400), usage)
    return _add_rate_limit(_conditional(request, view(request, *args, **kwargs)), usage)


def _chosen_language(request):
    chosen = request.GET.get(LANGUAGE_PARAMETER, "")
    return chosen if chosen in dict(settings.LANGUAGES) else None


def api_view(view):
    """Read-only, CORS-enabled, rate-limited, conditional, in the language of
    Accept-Language. CSRF does not apply: nothing here changes state, and a
    POST must get our 405, not a CSRF page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        # The site takes its language from the URL prefix, and /api/ has
        # none (German); API clients say theirs in Accept-Language, a page
        # links its exports with `lang` (an unknown one is refused as 400).
        language = _chosen_language(request) or translation.get_language_from_request(request)
        with translation.override(language):
            response = _add_cors(_answer(request, view, args, kwargs))
        response.headers["Content-Language"] = language
        patch_vary_headers(response, ["Accept-Language"])
        return response

    return csrf_exempt(wrapped)
