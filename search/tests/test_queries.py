"""The number of queries of a search does not grow with the number of
results (pretalx-style: the same count for 1 and 3 items)."""

import pytest
from django.db import connection
from django.http import QueryDict

from catalogue.tests.factories import InstitutionFactory, ProgrammeInstitutionFactory
from search import fulltext
from search.core import search
from search.text import TextQuery
from thesaurus import expansion

# vocabularies, index version, programmes, institutions; the in-memory index
# is current (warm)
SEARCH_QUERIES = 4
# a page's cards not yet kept (public.cards): their programmes' institution
# links, applicant types and regions
CARD_QUERIES = 3
# the index's documents and tags: read once after every change (and once
# more on a day whose statuses the documents do not hold yet)
SNAPSHOT_QUERIES = 2


# On PostgreSQL, per text matched (search.fulltext.fetch): a savepoint (the
# test's transaction is open; a request has none and opens a transaction),
# the setting, the match, the rollback to the savepoint that ends the
# setting, and its release.
POSTGRES_MATCH_STATEMENTS = 5


def match_queries(*words, postgresql):
    """The full-text statements of a search for `words` (and, after a typo,
    its correction): on PostgreSQL those of `postgresql` texts matched (the
    words with the thesaurus and, when the search ranks, as typed, which
    thesaurus.expansion ranks first); on SQLite one per phrase the process
    has not kept yet (search.kept_phrases), the words as typed being among
    the thesaurus's."""
    if connection.vendor == "postgresql":
        return postgresql * POSTGRES_MATCH_STATEMENTS
    texts = [expansion.expand(TextQuery.parse(w)) for w in words]
    return len({phrase for text in texts for part in fulltext.fts5_parts(text) for phrase in part})


def catalogue(size):
    for i in range(size):
        link = ProgrammeInstitutionFactory(
            programme__title=f"Sportförderung {i}", institution__name=f"Sportbund {i}"
        )
        link.programme.regions.set(["ni"])
        link.programme.integration_areas.set(["sport-bewegung"])
    InstitutionFactory(name="Sportstiftung")


CASES = [
    # (query, queries without the full text, results for size 1, results for size 3)
    ("", SEARCH_QUERIES, 3, 7),
    ("q=Sport", SEARCH_QUERIES, 3, 7),
    # programmes only: no institution query
    ("q=Sport&region=03155&status=open&sort=title", SEARCH_QUERIES - 1, 1, 3),
    ("integration_area=sport-bewegung", SEARCH_QUERIES - 1, 1, 3),
]


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("params", "queries", "one", "three"), CASES)
def test_search_query_count_is_fixed(db, django_assert_num_queries, size, params, queries, one, three):
    catalogue(size)
    search(QueryDict())
    expansion.lookup()  # the thesaurus table, read once a minute per process
    asked = QueryDict(params)
    if "q" in asked:
        queries += match_queries(asked["q"], postgresql=1 if "sort" in asked else 2)

    with django_assert_num_queries(queries):
        result = search(QueryDict(params))
        [hit.snippet for hit in result.hits]

    assert result.total == (one if size == 1 else three)


@pytest.mark.parametrize("size", [1, 3])
def test_search_page_query_count_is_fixed(client, db, django_assert_num_queries, size):
    catalogue(size)
    search(QueryDict())
    expansion.lookup()

    # the view reads the index version once, for its page cache and the search
    with django_assert_num_queries(SEARCH_QUERIES + CARD_QUERIES + match_queries("Sport", postgresql=2)):
        response = client.get("/suche/?q=Sport")

    assert response.status_code == 200


def test_a_distinct_search_over_entries_already_shown_reads_no_card_facts(
    client, db, django_assert_num_queries
):
    catalogue(3)
    search(QueryDict())
    first = client.get("/suche/?q=Sport")

    # Another search (not from the page cache) showing the same programmes;
    # on SQLite its phrases are kept.
    again = POSTGRES_MATCH_STATEMENTS if connection.vendor == "postgresql" else 0
    with django_assert_num_queries(SEARCH_QUERIES + again):
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
    expansion.lookup()  # else counted when the process last read it over a minute ago

    # + one look-up for the unknown word and its candidates, and the
    # corrected text's matches; all hits are programmes: no institution query
    with django_assert_num_queries(
        SEARCH_QUERIES + 1 + match_queries("Sportfoerdernug", "Sportförderung", postgresql=2)
    ):
        result = search(QueryDict("q=Sportfoerdernug"))

    assert result.suggestion == "Sportförderung"
