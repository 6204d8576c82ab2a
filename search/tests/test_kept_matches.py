"""Text matches are kept per process and index version (search.fulltext):
a search right after a change finds the catalogue as it is now."""

import pytest
from django.http import QueryDict

from catalogue.tests.factories import ProgrammeFactory
from search import fulltext
from search.core import search


@pytest.mark.django_db(transaction=True)
def test_a_change_of_the_index_is_found_by_the_same_words_at_once():
    ProgrammeFactory(title="Zirkusschule am Deich")
    first = search(QueryDict("q=Zirkusschule"))
    kept = len(fulltext._kept)

    ProgrammeFactory(title="Zirkusschule im Moor")
    second = search(QueryDict("q=Zirkusschule"))
    third = search(QueryDict("q=Zirkusschule&sort=title"))

    assert kept >= 1
    assert first.total == 1
    assert second.total == third.total == 2
    assert [hit.title for hit in third.hits] == ["Zirkusschule am Deich", "Zirkusschule im Moor"]


@pytest.mark.django_db
def test_kept_matches_are_the_callers_own():
    """A page may rank more of its matches; that must not change the kept rows."""
    ProgrammeFactory(title="Zirkusschule am Deich")
    search(QueryDict("q=Zirkusschule"))
    for ids, scores in fulltext._kept.values():
        before = (set(ids), dict(scores))
        result = search(QueryDict("q=Zirkusschule"))
        result.hits  # noqa: B018
        assert (set(ids), dict(scores)) == before
