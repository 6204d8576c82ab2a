"""The search contract (contract.py) on the configured database engine."""

import pytest
from django.http import QueryDict

from search.core import search
from search.index import bulk_indexing

from .contract import CASES, CORPORA


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_search_contract_case_holds(db, case):
    with bulk_indexing():
        CORPORA[case.corpus]()

    result = search(QueryDict(case.params))

    slugs = [hit.object.slug for hit in result.hits]
    assert (slugs if case.ordered else sorted(slugs)) == (
        list(case.expected) if case.ordered else sorted(case.expected)
    )
    assert result.total == len(case.expected)
    assert result.suggestion == case.suggestion
    assert result.errors == []
