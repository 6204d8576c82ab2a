"""Request plumbing for running in production: who the client is behind a
proxy, a request id and one JSON access line per request, and compression
of the public pages."""

import ipaddress
import logging
import time

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from . import budget, logs

access_log = logging.getLogger("atlas.request")


def _is_trusted(address):
    return address in settings.ATLAS_TRUSTED_PROXIES


def _valid_address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(meta):
    """The visitor's address. X-Forwarded-For counts only when the request
    comes from a trusted proxy (ATLAS_TRUSTED_PROXIES); then the right-most
    address that is not a trusted proxy is the client: anything left of it
    was written by the client itself and proves nothing."""
    peer = meta.get("REMOTE_ADDR", "")
    if not _is_trusted(peer):
        return peer
    hops = [_valid_address(hop) for hop in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(hops):
        if hop is None:
            return peer  # a garbled header: count the proxy, not a made-up client
        if not _is_trusted(hop):
            return hop
    return peer


class ClientAddressMiddleware:
    """Makes REMOTE_ADDR the visitor's address, so the API and search rate
    limits and the login lockout (django-axes reads REMOTE_ADDR) count per
    visitor behind the proxy. A request not from a trusted proxy loses its
    X-Forwarded-* headers: it may not claim to have come over TLS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        if _is_trusted(meta.get("REMOTE_ADDR", "")):
            meta["REMOTE_ADDR"] = client_address(meta)
        else:
            for header in ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_REQUEST_ID"):
                meta.pop(header, None)
        return self.get_response(request)


class RequestLogMiddleware:
    """A request id for every request (kept from a trusted proxy's
    X-Request-ID, else new), sent back in X-Request-ID, shown on error pages
    and carried by every log line; one access line per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = logs.new_request_id(request.headers.get("X-Request-ID"))
        id_token, clock_token = logs.request_id.set(request.id), budget.start_request()
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = request.id
            self._log(request, response, started)
            return response
        finally:
            budget.deadline.reset(clock_token)
            logs.request_id.reset(id_token)

    @staticmethod
    def _log(request, response, started):
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_agent": logs.user_agent_class(request.headers.get("User-Agent")),
            },
        )


class PublicGZipMiddleware(GZipMiddleware):
    """Compresses HTML, JSON and exports, except in the back office.

    BREACH needs a secret in a compressed response next to text an attacker
    controls. Public pages and the API hold no secret; a form's CSRF token is
    masked anew in every response, so it cannot be guessed byte by byte. The
    back office (/redaktion/) shows editors' data and is not compressed.
    Static files come precompressed from WhiteNoise and pass through.
    """

    def process_response(self, request, response):
        if request.path.startswith("/redaktion/"):
            return response
        return super().process_response(request, response)
