"""The search feeds read only what they show (api.feed_entries): the same
entries, in the same order, as sorting every match would give — whether
they walk the catalogue or ask for the matches by id, across steps and
batches."""

from datetime import date

import pytest
from django.http import QueryDict

from api import feed_entries
from api.ical import upcoming_deadlines
from catalogue.models import Programme, Workflow
from catalogue.queries import published
from catalogue.status import today
from catalogue.tests.factories import ProgrammeFactory
from search.core import matching_programmes
from search.text import sort_key

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
    """Walk the catalogue two rows at a time, or read the matches by id;
    read the calendar's programmes one at a time after the first batch."""
    monkeypatch.setattr(feed_entries, "STEP", 2)
    monkeypatch.setattr(feed_entries, "BATCH", 1)
    monkeypatch.setattr(feed_entries, "FEW", 0 if request.param == "walk" else 10_000)


def found(query=""):
    """The programmes the search `query` finds, as a feed has them."""
    return matching_programmes(QueryDict(query))[0]


def every_deadline(programmes, on):
    """Every upcoming deadline, by day, then in the search's A–Z order."""
    events = [(day, p) for p in programmes for day in upcoming_deadlines(p, on)]
    events.sort(key=lambda e: (e[0], sort_key(e[1].title), e[1].pk))
    return [(day, p.slug) for day, p in events]


def test_next_deadlines_are_the_first_of_all_deadlines(programmes, reading):
    on = today()
    ids = found()
    assert set(ids) == {p.pk for p in programmes}
    expected = every_deadline(programmes, on)
    assert len(expected) > 8
    for count in range(1, len(expected) + 2):
        got = [(day, p.slug) for day, p in feed_entries.next_deadlines(ids, on, count)]
        assert got == expected[:count], count


def test_next_deadlines_of_a_search_only(programmes, reading):
    on = today()
    ids = found("region=ni")
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


def test_a_calendar_reads_about_as_many_programmes_as_it_shows(programmes, django_assert_max_num_queries):
    """40 programmes share the first deadline day: a calendar of 5 reads
    5 of them (in A–Z), not all 40, and not the later ones."""
    first = ProgrammeFactory.create_batch(40, deadline_kind="dates", deadline_dates=[today()])
    ids = found()  # and the in-memory index, as the feed's search has read it
    with django_assert_max_num_queries(3) as queries:  # index version, programmes, their deadlines
        got = feed_entries.next_deadlines(ids, today(), 5)
    expected = sorted(first, key=lambda p: (sort_key(p.title), p.pk))[:5]
    assert [p.slug for _day, p in got] == [p.slug for p in expected]
    assert all(day == today() for day, _p in got)
    (read,) = [q["sql"] for q in queries.captured_queries if 'FROM "catalogue_programme" ' in q["sql"]]
    assert read.split(" IN (")[1].split(")")[0].count(",") + 1 == 5


def test_feeds_cost_a_bounded_number_of_queries(client, programmes, django_assert_max_num_queries):
    for _ in range(30):
        ProgrammeFactory(deadline_kind="dates", deadline_yearly=["12-24"])
    for path in ("/api/v1/feeds/deadlines.ics", "/api/v1/feeds/programmes.atom"):
        with django_assert_max_num_queries(25):
            assert client.get(path).status_code == 200


def test_a_calendar_read_while_an_entry_is_unpublished_leaves_it_out(programmes):
    """The feed's search ran before an editor's unpublish committed: the
    calendar leaves the entry out and still shows as many deadlines."""
    on = today()
    ids = found()
    expected = every_deadline(programmes, on)
    first = Programme.objects.get(slug=expected[0][1])
    Programme.objects.filter(pk=first.pk).update(state=Workflow.DRAFT)
    got = [(day, p.slug) for day, p in feed_entries.next_deadlines(ids, on, 5)]
    rest = [event for event in expected if event[1] != first.slug]
    assert got == rest[:5]


def test_a_feed_read_while_an_entry_is_published_leaves_it_out(programmes, reading):
    """The feed's search ran before a new entry was published: the walk
    meets an id its search never saw, leaves it out, and does not fail."""
    ids = found()
    expected = sorted(programmes, key=lambda p: (p.updated_at, p.slug), reverse=True)
    ProgrammeFactory(slug="neu-veroeffentlicht")
    assert Programme.objects.filter(slug="neu-veroeffentlicht").exists()
    assert [p.slug for p in feed_entries.newest(ids, 3)] == [p.slug for p in expected[:3]]
    assert "neu-veroeffentlicht" not in {p.slug for _day, p in feed_entries.next_deadlines(ids, today(), 100)}
