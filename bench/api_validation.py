"""What the one validation of an API request's query costs (ADR 0007):
milliseconds and database queries per request for /api/v1/search with a
typical query, measured in-process on the database of DATABASE_URL.

    DATABASE_URL=sqlite:///bench/out/demo.db .venv/bin/python bench/api_validation.py

Prints one line of JSON. Works on the code before the move to django-ninja
(the parameters re-derived from the forms per request) and after it (built
once per vocabulary version).
"""

import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.django_setup import setup  # noqa: E402

QUERY = "q=Sprache&region=03155&status=open&amount=5000&sort=deadline&page=2"
ROUNDS = 200


def _validate():
    """One request's validation, whichever code is checked out."""
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import resolve

    from api import validation

    request = RequestFactory().get(f"/api/v1/search?{QUERY}")
    request.resolver_match = resolve("/api/v1/search")
    try:
        from api import parameters
        from api.operations import QUERIES

        def run():
            return validation.query_errors(request, parameters.declared_for(QUERIES["search"]))
    except ImportError:

        def run():
            return validation.query_errors(request)

    assert run() == [], "a valid query"
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        run()
    return {"median_ms": round(statistics.median(times), 3), "queries": len(queries), "rounds": ROUNDS}


if __name__ == "__main__":
    setup()
    print(json.dumps({"api_validation": _validate()}))
