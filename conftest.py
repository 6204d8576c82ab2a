"""Shared fixtures: a pinned "today" and personas.

Every test runs on 2026-11-25 unless it pins another day, so deadline
arithmetic never depends on the day the suite runs.
"""

from datetime import date

import pytest

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def pinned_today(settings):
    settings.ATLAS_TODAY = TODAY
    return TODAY
