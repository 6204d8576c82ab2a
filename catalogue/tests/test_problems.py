"""One error shape (catalogue.problems): the API's errors and warnings, the
search form's notices and the importers' findings are all made by
`problem()`, and the OpenAPI schema describes exactly its keys."""

import json

import pytest
from django.core.cache import cache
from django.http import QueryDict

from api.schemas import Error
from catalogue.interchange.validation import schema_findings
from catalogue.problems import KEYS, problem
from editorial.tabular.reading import read_csv, table_to_document
from search.forms import SearchForm
from search.vocabularies import load


def _ends_with_the_shape(found):
    assert list(found)[-3:] == list(KEYS)
    assert isinstance(found["message"], str) and found["message"]
    assert isinstance(found["code"], str) and found["code"].isascii()


def test_problem_puts_where_first_and_the_three_keys_last():
    found = problem("regions[1]", "Unbekannter Code.", "unknown_code", source="a.json", entry="x")

    assert list(found) == ["source", "entry", *KEYS]
    assert problem(None, "Nicht gefunden.", "not_found") == {
        "field": None,
        "message": "Nicht gefunden.",
        "code": "not_found",
    }


def test_openapi_error_schema_has_exactly_the_keys():
    assert tuple(Error.model_fields) == KEYS
    Error.model_validate(problem("q", "zu lang", "too_long"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [("/api/v1/search?region=atlantis", 400), ("/api/v1/programmes/nix", 404), ("/api/v1/nirgends", 404)],
)
def test_api_errors_have_the_shape(client, url, status):
    cache.clear()
    response = client.get(url)

    assert response.status_code == status
    for found in json.loads(response.content)["errors"]:
        assert tuple(found) == KEYS
        Error.model_validate(found)


@pytest.mark.django_db
def test_search_notices_have_the_shape():
    form = SearchForm(QueryDict("region=atlantis&amount_min=9&amount_max=1&page=x"), vocabularies=load())
    form.is_valid()

    assert {found["code"] for found in form.all_problems()} >= {"invalid_choice", "amount_range"}
    for found in form.all_problems():
        assert tuple(found) == KEYS


def test_interchange_findings_have_the_shape():
    findings, _invalid = schema_findings(
        "a.json", {"format": "foerderatlas/1", "programmes": [{"id": "Kein Id!"}]}
    )

    assert findings
    for found in findings:
        _ends_with_the_shape(found)
        assert list(found)[:3] == ["source", "kind", "entry"]


def test_table_errors_have_the_shape_with_the_column_as_field():
    table = table_to_document(read_csv(b"type,id,erfunden\nprogramme,a,1\n"))

    assert table.errors
    for found in table.errors:
        _ends_with_the_shape(found)
        assert found["field"] == found["column"]
