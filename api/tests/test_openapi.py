"""The OpenAPI document describes exactly what the server does, and the
documentation page renders it."""

import re

import jsonschema
import pytest
from bs4 import BeautifulSoup
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openapi_spec_validator import validate

from api.operations import QUERIES
from api.operations import api as ninja_api
from api.parameters import declared_for
from catalogue.models import Region
from catalogue.status import STATUS_ORDER
from search.forms import SORT_CHOICES

from .factories import demo_like_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client, db):
    return client.get("/api/v1/openapi.json").json()


def parameter(document, path, name):
    return next(p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name)


def api_routes():
    """Every URL under /api/v1/ as an OpenAPI path ("/programmes/{id}")."""
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/")
    v1 = next(p for p in api.url_patterns if isinstance(p, URLResolver) and str(p.pattern) == "v1/")
    routes = []
    for pattern in v1.url_patterns:
        assert isinstance(pattern, URLPattern)
        routes.append("/" + re.sub(r"<slug:id>", "{id}", str(pattern.pattern)))
    return routes


def test_every_operation_is_generated_by_django_ninja(document):
    """The served document is django-ninja's, generated from the declared
    operations: every operation is in it under its URL name's address, with
    its operation id and declared query parameters, and nothing beside them."""
    generated = ninja_api.get_openapi_schema(path_prefix="")
    operations = [op for view in ninja_api.default_router.path_operations.values() for op in view.operations]

    assert list(document["paths"]) == list(generated["paths"])
    assert {op.url_name for op in operations} == set(QUERIES)
    for op in operations:
        path = reverse(f"api:{op.url_name}", args=["x"] * ("{" in op.path)).removeprefix("/api/v1")
        path = path.replace("/x", "/{id}") if "{" in op.path else path
        item = document["paths"][path]["get"]
        assert item["operationId"] == op.operation_id
        names = [p["name"] for p in item["parameters"] if p["in"] == "query"]
        assert names == [p.name for p in declared_for(QUERIES[op.url_name])]


def test_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_document_describes_every_api_url_and_no_other(document):
    assert sorted(document["paths"]) == sorted(api_routes())


def test_document_promises_stability(document):
    assert "kein Feld wird umbenannt oder entfernt" in document["info"]["description"]


def test_search_parameters_carry_the_codes_the_server_accepts(document):
    region = parameter(document, "/search", "region")
    # The empty value an HTML form sends for "any" is taken (and ignored).
    assert region["schema"]["items"]["enum"] == [*Region.objects.values_list("code", flat=True), ""]
    assert (region["style"], region["explode"]) == ("form", True)
    status = parameter(document, "/programmes", "status")
    assert status["schema"]["items"]["enum"] == [*[s.value for s in STATUS_ORDER], ""]
    assert parameter(document, "/search", "sort")["schema"]["enum"] == [
        *[v for v, _label in SORT_CHOICES],
        "",
    ]
    assert parameter(document, "/search", "type")["schema"]["items"]["enum"] == [
        "programme",
        "institution",
        "",
    ]
    assert parameter(document, "/search", "per_page")["schema"] == {
        "anyOf": [{"type": "integer", "minimum": 1, "maximum": 100}, {"const": ""}],
    }
    assert parameter(document, "/search.csv", "delimiter")["schema"]["enum"] == ["comma", "semicolon", ""]


def test_search_parameter_names_are_the_search_pages(document):
    names = [p["name"] for p in document["paths"]["/search"]["get"]["parameters"]]

    assert names == [
        "q",
        "type",
        "status",
        "region",
        "integration_area",
        "target_group",
        "applicant_type",
        "funding_kind",
        "own_contribution",
        "amount",
        "amount_min",
        "amount_max",
        "deadline_from",
        "deadline_to",
        "exact",
        "sort",
        "page",
        "per_page",
        "lang",
    ]


def test_new_search_parameters_are_described_with_their_values(document):
    own = parameter(document, "/search", "own_contribution")
    assert own["schema"] == {"type": "array", "items": {"type": "string", "enum": ["none", "in_kind", ""]}}
    assert "kein eigenes Geld" in own["description"]
    assert parameter(document, "/search", "deadline_from")["schema"] == {
        "type": "string",
        "anyOf": [{"format": "date"}, {"maxLength": 0}],
    }
    amount = parameter(document, "/search.csv", "amount")
    assert amount["schema"] == parameter(document, "/search.csv", "amount_min")["schema"]
    assert amount["description"].startswith("Benötigter Betrag (EUR)")
    assert "amount" in parameter(document, "/search", "sort")["schema"]["enum"]
    assert "unknown" in parameter(document, "/feeds/deadlines.ics", "status")["schema"]["items"]["enum"]


def test_every_operation_documents_304_and_429(document):
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        assert {"200", "304", "429"} <= set(responses), path


def test_new_vocabulary_code_appears_in_the_document(client, document):
    Region.objects.create(code="03999", label="Testkreis", parent_id="ni", level="kreis", position=99)

    fresh = client.get("/api/v1/openapi.json").json()

    assert parameter(fresh, "/search", "region")["schema"]["items"]["enum"][-2:] == ["03999", ""]


def _validator(document, name):
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(
    ("url", "schema"),
    [
        ("/api/v1/search?per_page=100", "SearchPage"),
        ("/api/v1/programmes?region=03155", "ProgrammePage"),
        ("/api/v1/institutions", "InstitutionPage"),
        ("/api/v1/programmes/sport-verbindet", "ProgrammeDetail"),
        ("/api/v1/institutions/lotto-stiftung", "InstitutionDetail"),
        ("/api/v1/vocabularies", "Vocabularies"),
        ("/api/v1/regions", "Regions"),
        ("/api/v1/search?region=atlantis", "Errors"),
        ("/api/v1/programmes/nix", "Errors"),
    ],
)
def test_responses_match_their_schema(client, url, schema):
    demo_like_catalogue()
    document = client.get("/api/v1/openapi.json").json()

    _validator(document, schema).validate(client.get(url).json())


def test_documentation_page_lists_every_path_and_the_promise(client, document):
    response = client.get("/api/v1/")

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert len(page.find_all("h1")) == 1
    assert page.html["lang"] == "de"
    headings = [h.get_text(strip=True) for h in page.select(".api-operation h3")]
    assert headings == [f"GET http://testserver/api/v1{path}" for path in document["paths"]]
    assert "kein Feld wird umbenannt oder entfernt" in page.get_text()
    assert not page.select("script:not([src])")
    assert not page.select("[style]")


def test_api_without_trailing_slash_redirects_to_documentation(client, db):
    response = client.get("/api/v1")

    assert (response.status_code, response["Location"]) == (301, "/api/v1/")
