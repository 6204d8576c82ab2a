"""Query expansion through the thesaurus: what a query becomes, how the
matches rank, bad input."""

import pytest
from django.http import QueryDict

from catalogue.tests.factories import ProgrammeFactory
from search.core import search
from search.index import bulk_indexing
from search.text import TextQuery
from thesaurus import expansion
from thesaurus.analysis import key
from thesaurus.models import Concept


def _params(query):
    params = QueryDict(mutable=True)
    params["q"] = query
    return params


def slugs(query):
    return [hit.object.slug for hit in search(_params(query)).hits]


@pytest.fixture
def two_words(db):
    with bulk_indexing():
        ProgrammeFactory(slug="a-fluechtlinge", title="Hilfe für Flüchtlinge", goals="", description="")
        ProgrammeFactory(slug="b-gefluechtete", title="Hilfe für Geflüchtete", goals="", description="")


def test_thesaurus_match_ranks_below_exact_match(two_words):
    assert slugs("Flüchtlinge") == ["a-fluechtlinge", "b-gefluechtete"]
    assert slugs("Geflüchtete") == ["b-gefluechtete", "a-fluechtlinge"]
    assert sorted(slugs("refugees")) == ["a-fluechtlinge", "b-gefluechtete"]
    assert sorted(slugs("біженців")) == ["a-fluechtlinge", "b-gefluechtete"]


def test_hits_highlight_the_german_words_found(two_words):
    hits = search(QueryDict("q=refugees")).hits

    assert {hit.title_html for hit in hits} == {
        "Hilfe für <mark>Flüchtlinge</mark>",
        "Hilfe für <mark>Geflüchtete</mark>",
    }


def test_words_of_other_scripts_are_compared_by_a_light_stem():
    assert key("Курсів") == key("курси") == "курс"
    assert key("мовні") == key("мовний")
    assert key("اللغة") == key("لغة")
    assert key("دورات") == key("دورة")
    assert key("Flüchtlinge") == "fluchtling"


def test_longest_run_of_words_names_the_concept(db):
    expanded = expansion.expand(TextQuery.parse("мовні курси Ганновер"))

    assert expanded.original == TextQuery.parse("мовні курси Ганновер")
    assert {e.filters for e in expanded.entries} == {
        (("integration_area", "sprachfoerderung"),),
        (("region", "03241"),),
    }
    assert len(expanded.alternatives) == 2
    assert expanded.required == ()


def test_query_without_thesaurus_words_stays_as_it_was(db):
    query = TextQuery.parse("Xylophon")

    assert expansion.expand(query) is query


def test_foreign_function_words_are_left_out(db):
    expanded = expansion.expand(TextQuery.parse("курси для жінок"))

    assert expanded.required == ()
    assert len(expanded.alternatives) == 2


@pytest.mark.parametrize(
    "query",
    [
        '"мовні курси"',
        "-жінки",
        "жінки -курси",
        "a" * 5000,
        "для і та",
        "اللغة " * 300,
        "'; DROP TABLE",
        "жінки oder діти",
    ],
)
def test_hostile_or_odd_queries_never_fail(two_words, query):
    result = search(_params(query))

    assert result.total >= 0


def test_an_edited_concept_counts_at_once(two_words):
    assert slugs("Zufluchtsuchende") == []

    concept = Concept.objects.get(code="gefluechtete")
    concept.de += "; Zufluchtsuchende"
    concept.save()

    assert sorted(slugs("Zufluchtsuchende")) == ["a-fluechtlinge", "b-gefluechtete"]


def _page(query, page, per_page=5):
    params = _params(query)
    params["page"] = str(page)
    return [hit.object.slug for hit in search(params, per_page=per_page).hits]


@pytest.fixture
def many_in_title(db):
    """Seven exact matches in the title, two in the description only, two
    found only through the thesaurus (in the title)."""
    with bulk_indexing():
        for n in range(7):
            ProgrammeFactory(slug=f"a{n}-titel", title=f"Hilfe für Flüchtlinge {n}", goals="", description="")
        for n in range(2):
            ProgrammeFactory(slug=f"b{n}-text", title=f"Hilfe {n}", goals="", description="für Flüchtlinge")
        for n in range(2):
            ProgrammeFactory(
                slug=f"c{n}-thesaurus", title=f"Hilfe für Geflüchtete {n}", goals="", description=""
            )


def test_exact_matches_outside_the_title_are_ranked_only_when_the_page_reaches_them(many_in_title):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first_page:
        first = _page("Flüchtlinge", 1)
    pages = first + _page("Flüchtlinge", 2) + _page("Flüchtlinge", 3)

    assert {slug.split("-")[1] for slug in first} == {"titel"}
    # The title matches fill the first page: no entry outside it is ranked
    # (PostgreSQL ranks them in a statement of their own; SQLite ranks all at once).
    assert not [q for q in first_page.captured_queries if "= ANY(" in q["sql"]]
    assert [slug.split("-")[1] for slug in pages] == ["titel"] * 7 + ["text"] * 2 + ["thesaurus"] * 2
