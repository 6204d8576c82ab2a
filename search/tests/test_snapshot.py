"""The in-memory index: renewed by every change to the documents and tags,
ordered exactly as the search orders, whichever way it walks."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.http import QueryDict
from pyroaring import BitMap

from catalogue.status import today
from catalogue.tests.factories import ProgrammeFactory
from search import snapshot
from search.core import search
from search.models import DocumentTag, IndexVersion, SearchDocument


def token():
    return IndexVersion.objects.get(pk=1).token


def test_index_token_changes_with_every_write_to_documents_and_tags(db):
    programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe")
    tokens = [token()]
    document = SearchDocument.objects.get(programme=programme)

    SearchDocument.objects.filter(pk=document.pk).update(sort_title="x")
    tokens.append(token())
    DocumentTag.objects.create(document=document, group="funding_kind", code="projekt")
    tokens.append(token())
    DocumentTag.objects.filter(document=document).delete()
    tokens.append(token())
    programme.delete()
    tokens.append(token())

    assert len(set(tokens)) == 5


def test_a_rolled_back_change_leaves_no_token_a_later_change_repeats(db):
    before = token()
    try:
        with transaction.atomic():
            ProgrammeFactory(slug="gone")
            rolled_back = token()
            raise RuntimeError
    except RuntimeError:
        pass

    ProgrammeFactory(slug="kept")

    assert token() not in {before, rolled_back}
    assert token() != before


def test_search_sees_a_programme_published_after_the_index_was_kept(db):
    ProgrammeFactory(slug="first", title="Nachbarschaftshilfe")
    assert search(QueryDict()).total == 1

    ProgrammeFactory(slug="second", title="Quartiersarbeit")

    assert [hit.object.slug for hit in search(QueryDict("sort=title")).hits] == ["first", "second"]


def test_the_kept_index_is_reused_while_nothing_changes(db):
    ProgrammeFactory(slug="p")

    first = snapshot.current(today())

    assert snapshot.current(today()) is first


def test_a_new_day_gives_new_statuses_without_a_change_to_the_index(db):
    ProgrammeFactory(slug="p", deadline_kind="dates", deadline_dates=[date(2026, 12, 1)])
    expired = QueryDict("status=expired")

    assert search(expired, on=date(2026, 11, 25)).total == 0
    assert search(expired, on=date(2026, 12, 2)).total == 1
    assert search(expired, on=date(2026, 11, 25)).total == 0


def document(
    doc_id, *, kind="programme", status=None, deadline=None, created=None, title="", amounts=(None, None)
):
    created = created or datetime(2026, 1, 1, tzinfo=UTC)
    return (doc_id, kind, doc_id * 10, status, deadline, f"r{doc_id}", created, title, *amounts)


CATALOGUE = [
    document(1, status="open", deadline="2027-03-01", title="b"),
    document(2, status="open", deadline="2026-12-01", title="c"),
    document(3, status="expired", deadline="2026-01-01", title="a"),
    document(4, status="rolling", title="a", created=datetime(2026, 6, 1, tzinfo=UTC)),
    document(5, kind="institution", title="a"),
    document(6, status="open", deadline="2026-12-01", title="a"),
    *[document(i, status="none", title=f"z{i:03d}") for i in range(7, 100)],
]


@pytest.mark.parametrize("sort", ["deadline", "newest", "title"])
def test_few_and_many_results_are_ordered_alike(sort):
    index = snapshot.Snapshot(CATALOGUE, {})
    few = BitMap([1, 2, 3, 4, 5, 6])
    many = index.everything

    few_order = index.ranked(few, sort, 0, 6)
    many_order = [d for d in index.ranked(many, sort, 0, 100) if d in few]

    assert few_order == many_order


def test_orders_follow_deadline_newest_and_title_with_expired_last():
    index = snapshot.Snapshot(CATALOGUE, {})
    few = BitMap([1, 2, 3, 4, 5, 6])

    assert index.ranked(few, "deadline", 0, 6) == [6, 2, 1, 4, 5, 3]
    assert index.ranked(few, "newest", 0, 6) == [4, 6, 2, 1, 5, 3]
    assert index.ranked(few, "title", 0, 6) == [4, 6, 5, 1, 2, 3]


def test_relevance_orders_by_score_then_title_with_expired_last():
    index = snapshot.Snapshot(CATALOGUE, {})
    scores = {1: 2.0, 2: 2.0, 3: 9.0, 6: 1.0}

    assert index.ranked(BitMap(scores), "relevance", 0, 4, scores) == [1, 2, 6, 3]
    assert index.ranked(BitMap(scores), "relevance", 1, 2, scores) == [2, 6]


def test_amount_ranges_overlap_and_missing_bounds_are_open():
    index = snapshot.Snapshot(
        [
            document(1, amounts=(Decimal(1000), Decimal(5000))),
            document(2, amounts=(None, Decimal(20000))),
            document(3, amounts=(Decimal(60000), None)),
            document(4),
            document(5, kind="institution"),
        ],
        {},
    )

    assert list(index.amounts.reaching(Decimal(5000), Decimal(50000))) == [1, 2, 4]
    assert list(index.amounts.reaching(Decimal(5001), None)) == [2, 3, 4]
    assert list(index.amounts.reaching(None, Decimal(999))) == [2, 4]
