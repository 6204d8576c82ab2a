"""Relevance across pages. On PostgreSQL only the matches with a query word
in their title are ranked at first, the others when a page reaches past
them (search.fulltext.Matches): page by page, the order must be the same
as on one long page, and a word far into the description still finds its
entry, after those that have it in their opening words."""

from decimal import Decimal

from django.http import QueryDict

from search.core import search
from search.index import bulk_indexing

from .contract import _programme, ranking

FILLER = " ".join(f"Wort{n}" for n in range(40))


def corpus():
    with bulk_indexing():
        ranking()
        _programme("far-in-body", "Anderes Programm C", description=f"{FILLER} Integration am Ende")


def slugs(result):
    return [hit.object.slug for hit in result.hits]


def test_a_word_far_into_the_description_is_found_and_ranked_last(db):
    corpus()

    result = search(QueryDict("q=Integration"), per_page=10)

    assert slugs(result) == ["in-title", "in-goals", "in-body", "far-in-body"]


def test_pages_give_the_order_of_one_long_page(db):
    corpus()
    whole = slugs(search(QueryDict("q=Integration"), per_page=10))

    paged = [slugs(search(QueryDict(f"q=Integration&page={n}"), per_page=1)) for n in range(1, 5)]

    assert [page[0] for page in paged] == whole
    assert all(len(page) == 1 for page in paged)


def test_entries_with_the_sum_come_first_in_their_own_relevance_order(db):
    """With the euros needed (`amount`), entries stating no amount come
    last; those before them are ordered by relevance even when title
    matches among the last would fill the page."""
    with bulk_indexing():
        for n in range(3):
            _programme(
                f"no-amount-{n}", f"Integration im Titel {n}", amount_min_eur=None, amount_max_eur=None
            )
        amounts = {"amount_min_eur": Decimal(1000), "amount_max_eur": Decimal(5000)}
        _programme("a-in-body", "A Programm", description="Integration vor Ort", **amounts)
        _programme("b-in-goals", "B Programm", goals="Integration im Alltag", **amounts)

    first_page = slugs(search(QueryDict("q=Integration&amount=2000"), per_page=2))

    assert first_page == ["b-in-goals", "a-in-body"]
