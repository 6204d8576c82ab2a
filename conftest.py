"""Shared fixtures: a pinned "today" and personas.

Every test runs on 2026-11-25 unless it pins another day, so deadline
arithmetic never depends on the day the suite runs.
"""

from datetime import date

import pytest
from django.core.cache import caches
from django.utils import translation

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def pinned_today(settings):
    settings.ATLAS_TODAY = TODAY
    return TODAY


@pytest.fixture(autouse=True)
def german_by_default():
    """Every test starts in German, the source language. A request to /en/…
    leaves English active in the test's thread (LocaleMiddleware does not
    reset it), which would leak into the next test's gettext calls."""
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Rendered search pages are kept by index version; a rolled-back test
    returns to an earlier version, so nothing cached may outlive a test."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()
