"""Thesaurus terms of several words ("e. V." for "Verein"): PostgreSQL finds
the entries they add in a statement of their own, so that the GIN index
answers the rest without testing every match again
(search.fulltext._phrase_split). Both engines must find the same: the
words as a phrase, not apart, and never an excluded word."""

import pytest
from django.db import connection
from django.http import QueryDict

from catalogue.tests.factories import ProgrammeFactory
from search import fulltext
from search.core import search
from search.index import bulk_indexing
from search.text import TextQuery
from thesaurus import expansion


@pytest.fixture
def clubs(db):
    with bulk_indexing():
        for slug, description in [
            ("a-word", "Ein Verein hilft beim Ankommen."),
            ("b-phrase", "Die Sportfreunde e. V. laden ein."),
            ("c-apart", "Plan e für den Sommer, Plan v für den Winter."),
            ("d-other", "Nichts davon."),
        ]:
            ProgrammeFactory(slug=slug, title=f"Programm {slug}", goals="", description=description)


def found(query):
    return sorted(hit.object.slug for hit in search(QueryDict(query), per_page=50).hits)


def test_a_thesaurus_phrase_finds_its_words_together_only(clubs):
    assert found("q=Vereine") == ["a-word", "b-phrase"]
    assert found("q=Vereine+-Sportfreunde") == ["a-word"]


def test_the_split_finds_what_one_statement_finds(clubs):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite's index knows where each word stands")
    query = expansion.expand(TextQuery.parse("Vereine"))
    sure, candidates = fulltext._phrase_split(query)

    assert "<->" not in sure and "<->" not in candidates  # the index answers both alone
    for scored in (True, False):
        one = fulltext.fetch(*fulltext._postgres_matches(query, scored))
        assert sorted(fulltext._postgres_rows(query, scored)) == sorted(one)


def test_a_phrase_that_adds_nothing_costs_no_statement(db):
    query = expansion.expand(TextQuery.parse("Kunst"))  # "kulturelle Bildung": every match holds "kultur"

    assert any(len(option) > 1 for group in query.alternatives for option in group)
    assert fulltext._phrase_split(query)[1] is None
