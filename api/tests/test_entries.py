"""Single programmes and institutions, vocabularies and regions."""

import jsonschema
import pytest

from catalogue.interchange.exporter import export_document
from catalogue.interchange.fields import SCHEMA
from catalogue.models import Institution, Programme, Region
from catalogue.tests.factories import ProgrammeFactory

from .helpers import assert_errors

pytestmark = pytest.mark.django_db
API_ONLY = {"type", "status", "next_deadline", "url", "card", "programmes"}


def without_nulls(value):
    """The interchange format omits unknown values where the API sends null."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    return value


def test_programme_detail_has_interchange_fields_and_derived_ones(client, catalogue):
    response = client.get("/api/v1/programmes/mikrofonds")

    assert response.status_code == 200
    data = response.json()["data"]
    assert list(response.json()) == ["data"]
    assert data["id"] == "mikrofonds"
    assert data["type"] == "programme"
    assert data["status"] == "closing_soon"
    assert data["next_deadline"] == "2026-12-10"
    assert data["url"] == "http://testserver/foerderungen/mikrofonds/"
    assert data["institutions"] == [{"id": "stiftung-nord", "role": "mittelgeber"}]
    assert data["amount"] == {
        "text": "bis 1.500 €",
        "min_eur": None,
        "max_eur": 1500,
        "max_rate_percent": None,
    }
    assert data["deadlines"] == {
        "kind": "dates",
        "dates": ["2026-12-10", "2027-06-01"],
        "yearly": [],
        "window_start": None,
        "note": "",
    }
    assert data["regions"] == ["03155"]


def test_programme_detail_is_valid_interchange_without_api_fields(client, catalogue):
    data = client.get("/api/v1/programmes/sprachbruecken").json()["data"]
    document = {
        "format": "foerderatlas/1",
        "programmes": [without_nulls({k: v for k, v in data.items() if k not in API_ONLY})],
    }
    # Empty strings and lists are allowed by the interchange schema; the
    # contact e-mail is empty, which the format's "email" format ignores.
    jsonschema.validate(document, SCHEMA)


def test_institution_detail_lists_only_published_programmes(client, catalogue):
    ProgrammeFactory(slug="zweites", title="Zweites").institution_links.create(
        institution=catalogue["stiftung"], role="mittelgeber"
    )
    draft_link = catalogue["draft"].institution_links.create(
        institution=catalogue["stiftung"], role="mittelgeber"
    )
    assert draft_link.pk

    response = client.get("/api/v1/institutions/stiftung-nord")

    data = response.json()["data"]
    assert data["id"] == "stiftung-nord"
    assert data["type"] == "institution"
    assert data["name"] == "Stiftung Nord"
    assert data["kind"] == "stiftung"
    assert data["programmes"] == ["mikrofonds", "zweites"]
    assert data["url"] == "http://testserver/foerderer/stiftung-nord/"


def test_institution_detail_is_valid_interchange_without_api_fields(client, catalogue):
    data = client.get("/api/v1/institutions/land-ni").json()["data"]
    item = without_nulls({k: v for k, v in data.items() if k not in API_ONLY})
    item = {k: v for k, v in item.items() if v != ""}  # website "" is not a URI
    jsonschema.validate({"format": "foerderatlas/1", "institutions": [item]}, SCHEMA)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/programmes/entwurf",
        "/api/v1/programmes/gibt-es-nicht",
        "/api/v1/institutions/geheim-stiftung",
    ],
)
def test_detail_unpublished_or_unknown_is_404(client, catalogue, url):
    errors = assert_errors(client.get(url), 404, ["not_found"])
    assert errors[0]["field"] is None


def test_programme_detail_hides_links_to_unpublished_funders(client, catalogue):
    data = client.get("/api/v1/programmes/mikrofonds").json()["data"]
    assert [link["id"] for link in data["institutions"]] == ["stiftung-nord"]


def test_unknown_api_path_is_404_in_error_shape(client):
    assert_errors(client.get("/api/v1/nichts"), 404, ["not_found"])
    assert_errors(client.get("/api/v2/programmes"), 404, ["not_found"])


def test_programme_detail_query_count_is_fixed(client, catalogue, django_assert_num_queries):
    with django_assert_num_queries(8):
        client.get("/api/v1/programmes/mikrofonds")


def test_vocabularies_have_code_and_label(client, db):
    data = client.get("/api/v1/vocabularies").json()["data"]

    assert list(data) == [
        "funding_kinds",
        "integration_areas",
        "target_groups",
        "applicant_types",
        "institution_kinds",
        "regions",
        "statuses",
        "deadline_kinds",
        "roles",
    ]
    assert data["funding_kinds"][0] == {"code": "projekte", "label": "Förderung betrifft Projekte"}
    assert [s["code"] for s in data["statuses"]] == ["closing_soon", "open", "unknown", "upcoming", "expired"]
    assert data["roles"][0] == {"code": "mittelgeber", "label": "Mittelgeber"}


def test_regions_form_a_tree_with_parents(client, db):
    data = client.get("/api/v1/regions").json()["data"]
    by_code = {region["code"]: region for region in data}

    assert len(data) == Region.objects.count()
    assert by_code["eu"]["parent"] is None
    assert by_code["de"]["parent"] == "eu"
    assert by_code["ni"]["parent"] == "de"
    assert by_code["03155"] == {
        "code": "03155",
        "label": "Landkreis Northeim",
        "level": by_code["03155"]["level"],
        "parent": "ni",
        "children": [],
    }
    assert by_code["de"]["children"] == ["ni"]


def without_empty(value):
    """The exporter leaves out empty values; the API sends them as null, "" or []."""
    if isinstance(value, dict):
        nested = {k: without_empty(v) for k, v in value.items()}
        return {k: v for k, v in nested.items() if v not in (None, "", [], {})}
    return value


@pytest.mark.parametrize("slug", ["mikrofonds", "sprachbruecken", "altprogramm"])
def test_programme_item_says_what_the_interchange_exporter_says(client, catalogue, slug):
    api_item = client.get(f"/api/v1/programmes/{slug}").json()["data"]
    programme = Programme.objects.get(slug=slug)
    # The exporter would name every funder; the API names only published ones.
    exported = export_document([], [programme])["programmes"][0]
    exported["institutions"] = [i for i in exported.get("institutions", []) if i["id"] != "geheim-stiftung"]

    assert without_empty({k: v for k, v in api_item.items() if k not in API_ONLY}) == without_empty(exported)


@pytest.mark.parametrize("slug", ["stiftung-nord", "land-ni"])
def test_institution_item_says_what_the_interchange_exporter_says(client, catalogue, slug):
    api_item = client.get(f"/api/v1/institutions/{slug}").json()["data"]
    exported = export_document([Institution.objects.get(slug=slug)], [])["institutions"][0]

    assert without_empty({k: v for k, v in api_item.items() if k not in API_ONLY}) == exported


def test_unknown_api_path_with_control_characters_is_404_in_error_shape(client):
    assert_errors(client.get("/api/v1/programmes/a%0Ab/deadlines.ics"), 404, ["not_found"])
