"""The search feeds read only what they show (api.feed_entries): the same
entries, in the same order, as sorting every match would give — whether
they walk the catalogue or ask for the matches by id, across steps and
batches."""

from datetime import date

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from pyroaring import BitMap

from api import feed_entries
from api.ical import upcoming_deadlines
from catalogue.models import Programme, Workflow
from catalogue.queries import published
from catalogue.status import today
from catalogue.tests.factories import ProgrammeFactory
from search import fulltext
from search.core import matching_programmes
from search.models import SearchDocument
from search.snapshot import ProgrammesWithText
from search.text import TextQuery, sort_key
from thesaurus import expansion

from .factories import demo_like_catalogue

pytestmark = pytest.mark.django_db


# Words in every programme, in some, in none but corrected, none then any
# of them, an excluded word; filters alone and with words.
SEARCHES = [
    "",
    "region=ni",
    "q=Vereine",
    "q=Kultur",
    "q=Sprachbrücke",
    "q=Sprachbrüken",
    "q=Kultur+Zyxwvq",
    "q=-Sprachbrücken",
    "q=Vereine&region=ni&status=open",
]


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


@pytest.fixture(params=["walk", "walk, reading every match soon", "by id"])
def reading(request, monkeypatch):
    """Walk the catalogue two rows at a time (on PostgreSQL testing a
    search's words for those rows, or soon reading every match instead), or
    read the matches by id; read the calendar's programmes one at a time
    after the first batch."""
    monkeypatch.setattr(feed_entries, "STEP", 2)
    monkeypatch.setattr(feed_entries, "BATCH", 1)
    monkeypatch.setattr(feed_entries, "FEW", 10_000 if request.param == "by id" else 0)
    monkeypatch.setattr(ProgrammesWithText, "DEADLINE_STEP", 2)
    if request.param.endswith("soon"):
        monkeypatch.setattr(ProgrammesWithText, "ASKED_AT_MOST", 3)


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
    for query in SEARCHES:
        ids = set(found(query))  # every match, read as a search reads them
        chosen = [p for p in programmes if p.pk in ids]
        expected = every_deadline(chosen, on)
        for count in (1, len(expected) + 1):
            got = [(day, p.slug) for day, p in feed_entries.next_deadlines(found(query), on, count)]
            assert got == expected[:count], (query, count)


def test_newest_are_the_most_recently_changed(programmes, reading):
    for query in SEARCHES:
        ids = set(found(query))  # every match, read as a search reads them
        assert ids, query
        expected = sorted(
            (p for p in programmes if p.pk in ids), key=lambda p: (p.updated_at, p.slug), reverse=True
        )
        for count in (1, 3, len(ids), len(ids) + 5):
            got = feed_entries.newest(found(query), count)
            assert [p.slug for p in got] == [p.slug for p in expected[:count]], (query, count)


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


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="tests words row by row")


@postgres_only
def test_words_tested_row_by_row_find_what_the_index_finds(programmes):
    documents = BitMap(SearchDocument.objects.values_list("pk", flat=True))
    some = BitMap(list(documents)[::2])
    for query in ["Vereine", "Kultur", "Sprachbrücke -Northeim", "-Kultur", '"für Vereine"']:
        text = expansion.expand(TextQuery.parse(query))
        every = fulltext.match(text, scored=False).ids
        assert fulltext.matching_among(text, documents) == every, query
        assert fulltext.matching_among(text, some) == every & some, query


@postgres_only
def test_a_feed_of_a_common_word_tests_only_the_rows_it_reads(programmes, monkeypatch):
    """Most programmes hold "Vereine": the feed of the 3 newest tests the
    first slice of the walk and never asks the index for every match."""
    monkeypatch.setattr(feed_entries, "FEW", 0)
    monkeypatch.setattr(feed_entries, "STEP", 6)
    ids = set(found("q=Vereine"))
    with CaptureQueriesContext(connection) as queries:
        got = feed_entries.newest(found("q=Vereine"), 3)
    matching = [p for p in programmes if p.pk in ids]
    expected = sorted(matching, key=lambda p: (p.updated_at, p.slug), reverse=True)
    assert [p.slug for p in got] == [p.slug for p in expected[:3]]
    texts = [q["sql"] for q in queries.captured_queries if "search_searchtext" in q["sql"]]
    assert len(texts) == 1
    assert "document_id = ANY" in texts[0]
