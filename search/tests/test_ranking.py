"""Relevance across pages. On PostgreSQL only the matches with a query word
in their title are ranked at first, the others when a page reaches past
them (search.fulltext.Matches): page by page, the order must be the same
as on one long page, and a word far into the description still finds its
entry, after those that have it in their opening words."""

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
