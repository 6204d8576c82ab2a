"""The number of queries of a search does not grow with the number of
results (pretalx-style: the same count for 1 and 3 items)."""

import pytest
from django.db import connection
from django.http import QueryDict

from catalogue.tests.factories import InstitutionFactory, ProgrammeInstitutionFactory
from search.core import search
from thesaurus import expansion

# vocabularies, index version, programmes, institutions; the in-memory index
# is current (warm)
SEARCH_QUERIES = 4
# a page's cards not yet kept (public.cards): their programmes' institution
# links, applicant types and regions
CARD_QUERIES = 3
# the full-text matches (PostgreSQL: after SET LOCAL enable_seqscan, see
# search.fulltext)
MATCH_QUERIES = 2 if connection.vendor == "postgresql" else 1
TEXT_QUERIES = SEARCH_QUERIES + MATCH_QUERIES
# the index's documents and tags: read once after every change (and once
# more on a day whose statuses the documents do not hold yet)
SNAPSHOT_QUERIES = 2


def catalogue(size):
    for i in range(size):
        link = ProgrammeInstitutionFactory(
            programme__title=f"Sportförderung {i}", institution__name=f"Sportbund {i}"
        )
        link.programme.regions.set(["ni"])
        link.programme.integration_areas.set(["sport-bewegung"])
    InstitutionFactory(name="Sportstiftung")


CASES = [
    # (query, queries, results for size 1, results for size 3)
    ("", SEARCH_QUERIES, 3, 7),
    # + the thesaurus's matches of the words as typed, ranked first (thesaurus.expansion)
    ("q=Sport", TEXT_QUERIES + MATCH_QUERIES, 3, 7),
    # programmes only: no institution query
    ("q=Sport&region=03155&status=open&sort=title", TEXT_QUERIES - 1, 1, 3),
    ("integration_area=sport-bewegung", SEARCH_QUERIES - 1, 1, 3),
]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("params", "queries", "one", "three"), CASES)
def test_search_query_count_is_fixed(db, django_assert_num_queries, size, params, queries, one, three):
    catalogue(size)
    search(QueryDict())
    expansion.lookup()  # the thesaurus table, read once a minute per process

    with django_assert_num_queries(queries):
        result = search(QueryDict(params))
        [hit.snippet for hit in result.hits]

    assert result.total == (one if size == 1 else three)


@pytest.mark.parametrize("size", [1, 3])
def test_search_page_query_count_is_fixed(client, db, django_assert_num_queries, size):
    catalogue(size)
    search(QueryDict())
    expansion.lookup()

    # + the thesaurus's matches of the words as typed; the view reads the
    # index version once, for its page cache and the search
    with django_assert_num_queries(TEXT_QUERIES + CARD_QUERIES + MATCH_QUERIES):
        response = client.get("/suche/?q=Sport")

    assert response.status_code == 200


def test_a_distinct_search_over_entries_already_shown_reads_no_card_facts(
    client, db, django_assert_num_queries
):
    catalogue(3)
    search(QueryDict())
    first = client.get("/suche/?q=Sport")

    # Another search (not from the page cache) showing the same programmes.
    with django_assert_num_queries(TEXT_QUERIES):
        second = client.get("/suche/?q=Sport&sort=title")

    for institution in ("Sportbund 0", "Sportbund 2"):
        assert institution in first.content.decode()
        assert institution in second.content.decode()


@pytest.mark.parametrize("size", [1, 3])
def test_first_search_after_a_change_reads_the_index_in_a_fixed_number_of_queries(
    db, django_assert_num_queries, size
):
    catalogue(size)

    with django_assert_num_queries(SEARCH_QUERIES + SNAPSHOT_QUERIES):
        result = search(QueryDict())

    assert result.total == (3 if size == 1 else 7)


def test_typo_correction_adds_a_fixed_number_of_queries(db, django_assert_num_queries):
    catalogue(3)
    search(QueryDict())

    # + one look-up for the unknown word and its candidates, and the
    # corrected text's matches; all hits are programmes: no institution query
    with django_assert_num_queries(TEXT_QUERIES + 1 + MATCH_QUERIES):
        result = search(QueryDict("q=Sportfoerdernug"))

    assert result.suggestion == "Sportförderung"
