"""GET /health for load balancers and monitoring: is each database reachable,
does the search index exist, can the shared cache be read. A few cheap
queries, nothing secret (no versions, no host names, no error texts), never
cached."""

import json

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

from catalogue.models import Programme
from search.models import IndexVersion, SearchDocument


def _database(alias):
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except DatabaseError:
        return "unavailable"


def _search_index():
    """ok; missing (no version row: `manage.py rebuild_search_index`); empty
    while the catalogue has entries."""
    if not IndexVersion.objects.filter(pk=1).exists():
        return "missing"
    if not SearchDocument.objects.exists() and Programme.objects.exists():
        return "empty"
    return "ok"


def _shared_cache():
    """ok, or unavailable: the cache that counts request limits and failed
    logins (the database cache, on SQLite its own file atlas-cache.db, or
    Redis). The limits let requests through uncounted while it is away
    (ops.limits), so only this check shows that it is."""
    try:
        caches["default"].get("health")
    except Exception:  # the backend's own: a database error, Redis' ConnectionError, …
        return "unavailable"
    return "ok"


def report():
    checks = {"database": _database("default")}
    if "replica" in connections:
        checks["replica"] = _database("replica")
    try:
        checks["search_index"] = _search_index() if checks["database"] == "ok" else "unknown"
    except DatabaseError:
        checks["search_index"] = "unknown"
    checks["cache"] = _shared_cache()
    healthy = all(value == "ok" for value in checks.values())
    return {"status": "ok" if healthy else "degraded", **checks}


@never_cache
def health(request):
    payload = report()
    return HttpResponse(
        json.dumps(payload),
        status=200 if payload["status"] == "ok" else 503,
        content_type="application/json",
    )
