"""The search feeds read only what they show (api.feed_entries): the same
entries, in the same order, as sorting every match would give — whether
they walk the catalogue or ask for the matches by id, across steps."""

from datetime import date

import pytest
from django.http import QueryDict

from api import feed_entries
from api.ical import upcoming_deadlines
from catalogue.models import Programme, Workflow
from catalogue.queries import published
from catalogue.status import today
from catalogue.tests.factories import ProgrammeFactory
from search.core import matching_programme_ids

from .factories import demo_like_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def programmes():
    demo_like_catalogue()
    # Same day as another deadline, one-off on a yearly day, ended, a draft.
    ProgrammeFactory(
        slug="gleicher-tag", title="A gleicher Tag", deadline_kind="dates", deadline_yearly=["03-31"]
    )
    ProgrammeFactory(
        slug="doppelt",
        title="Doppelt",
        deadline_kind="dates",
        deadline_dates=[date(2027, 9, 30)],
        deadline_yearly=["09-30", "01-15"],
    )
    ProgrammeFactory(
        slug="beendet",
        title="Beendet",
        deadline_kind="dates",
        deadline_yearly=["05-01"],
        period_end=date(2026, 1, 1),
    )
    ProgrammeFactory(
        slug="entwurf-frist", deadline_kind="dates", deadline_yearly=["02-01"], state=Workflow.DRAFT
    )
    return list(published(Programme.objects.prefetch_related("deadlines")))


@pytest.fixture(params=["walk", "by id"])
def reading(request, monkeypatch):
    """Walk the catalogue two rows at a time, or read the matches by id."""
    monkeypatch.setattr(feed_entries, "STEP", 2)
    monkeypatch.setattr(feed_entries, "FEW", 0 if request.param == "walk" else 10_000)


def every_deadline(programmes, on):
    events = [(day, p.slug) for p in programmes for day in upcoming_deadlines(p, on)]
    return sorted(events, key=lambda e: (e[0], next(p.title for p in programmes if p.slug == e[1]), e[1]))


def test_next_deadlines_are_the_first_of_all_deadlines(programmes, reading):
    on = today()
    ids = {p.pk for p in programmes}
    expected = every_deadline(programmes, on)
    assert len(expected) > 8
    for count in range(1, len(expected) + 2):
        got = [(day, p.slug) for day, p in feed_entries.next_deadlines(ids, on, count)]
        assert got == expected[:count], count


def test_next_deadlines_of_a_search_only(programmes, reading):
    on = today()
    ids = matching_programme_ids(QueryDict("region=ni"))
    chosen = [p for p in programmes if p.pk in ids]
    got = [(day, p.slug) for day, p in feed_entries.next_deadlines(ids, on, 100)]
    assert got == every_deadline(chosen, on)


def test_newest_are_the_most_recently_changed(programmes, reading):
    ids = {p.pk for p in programmes if p.slug != "sprachbruecken"}
    expected = sorted(
        (p for p in programmes if p.pk in ids), key=lambda p: (p.updated_at, p.slug), reverse=True
    )
    for count in (1, 3, len(ids), len(ids) + 5):
        assert [p.slug for p in feed_entries.newest(ids, count)] == [p.slug for p in expected[:count]]


def test_feeds_cost_a_bounded_number_of_queries(client, programmes, django_assert_max_num_queries):
    for _ in range(30):
        ProgrammeFactory(deadline_kind="dates", deadline_yearly=["12-24"])
    for path in ("/api/v1/feeds/deadlines.ics", "/api/v1/feeds/programmes.atom"):
        with django_assert_max_num_queries(25):
            assert client.get(path).status_code == 200
