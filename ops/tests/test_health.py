"""GET /health reports the shared cache: without it the request limits let
everything through and editors cannot log in, and nothing else shows it."""

import pytest
from django.test import override_settings

MISSING_TABLE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "no_such_cache_table"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


@pytest.mark.django_db
def test_health_names_the_shared_cache(client):
    answer = client.get("/health")

    assert answer.status_code == 200
    assert answer.json()["cache"] == "ok"


@pytest.mark.django_db
def test_a_cache_table_that_is_gone_makes_health_degraded(client):
    with override_settings(CACHES=MISSING_TABLE):
        answer = client.get("/health")

    assert answer.status_code == 503
    assert answer.json() == {
        "status": "degraded",
        "database": "ok",
        "search_index": "ok",
        "cache": "unavailable",
    }
