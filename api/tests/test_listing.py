"""/search, /programmes and /institutions: the search core's results in the
API's list shape, with the site's parameters."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from catalogue.tests.factories import ProgrammeFactory
from search.core import search

from .factories import demo_like_catalogue
from .helpers import assert_errors

pytestmark = pytest.mark.django_db


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["data"]]


def test_programmes_in_northeim_open_match_the_search_page_in_order(client):
    demo_like_catalogue()
    page = client.get("/suche/?type=programme&region=03155&status=open&status=unknown")
    assert page.status_code == 200
    on_page = list(dict.fromkeys(re.findall(r'href="/foerderungen/([a-z0-9-]+)/"', page.content.decode())))

    in_api = ids(client.get("/api/v1/programmes?region=03155&status=open&status=unknown"))

    assert in_api == on_page
    assert in_api == [
        "mikrofonds-northeim",
        "engagement-preis",
        "eu-asyl-fonds",
        "sprachbruecken",
        "sport-verbindet",
        "demokratie-leben",
        "kultur-vor-ort",
    ]


def test_programmes_in_northeim_open_match_the_search_core_in_order(client):
    demo_like_catalogue()
    core = search(QueryDict("type=programme&region=03155&status=open&status=unknown"))

    assert ids(client.get("/api/v1/programmes?region=03155&status=open&status=unknown")) == [
        h.object.slug for h in core.hits
    ]


def test_search_response_has_data_facets_pagination(client):
    demo_like_catalogue()

    body = client.get("/api/v1/search?q=Sprachbr%C3%BCcken").json()

    assert list(body) == ["data", "facets", "pagination", "warnings"]
    assert [(item["type"], item["id"]) for item in body["data"]] == [("programme", "sprachbruecken")]
    assert body["pagination"] == {
        "page": 1,
        "per_page": 20,
        "total": 1,
        "num_pages": 1,
        "next": None,
        "previous": None,
    }
    assert [group["name"] for group in body["facets"]] == [
        "type",
        "status",
        "region",
        "integration_area",
        "target_group",
        "applicant_type",
        "funding_kind",
        "own_contribution",
    ]


def test_search_mixes_programmes_and_institutions(client):
    demo_like_catalogue()

    body = client.get("/api/v1/search?q=Niedersachsen&sort=title").json()

    # Sprachbrücken is found through its funder, Land Niedersachsen.
    assert [(item["type"], item["id"]) for item in body["data"]] == [
        ("programme", "engagement-preis"),
        ("institution", "land-niedersachsen"),
        ("programme", "sprachbruecken"),
    ]


def test_facet_toggle_urls_point_at_the_same_endpoint(client):
    demo_like_catalogue()

    facets = client.get("/api/v1/programmes?status=open").json()["facets"]

    status = next(group for group in facets if group["name"] == "status")
    open_value = next(value for value in status["values"] if value["value"] == "open")
    assert open_value["selected"] is True
    assert open_value["toggle_url"] == "http://testserver/api/v1/programmes?type=programme"
    assert "type" not in [group["name"] for group in facets]


def test_pagination_links_keep_the_parameters(client):
    demo_like_catalogue()

    body = client.get("/api/v1/programmes?per_page=3&sort=title&page=2").json()

    # A–Z, expired last: Asyl…, Demokratie…, Engagement… | Kultur…, Mikro…, Sport… | Sprach…, Quartier…
    assert [item["id"] for item in body["data"]] == [
        "kultur-vor-ort",
        "mikrofonds-northeim",
        "sport-verbindet",
    ]
    assert body["pagination"] == {
        "page": 2,
        "per_page": 3,
        "total": 8,
        "num_pages": 3,
        "next": "http://testserver/api/v1/programmes?per_page=3&sort=title&page=3",
        "previous": "http://testserver/api/v1/programmes?per_page=3&sort=title&page=1",
    }


def test_lists_show_only_published_entries(client):
    demo_like_catalogue()

    all_ids = ids(client.get("/api/v1/search?per_page=100"))

    assert "entwurf-programm" not in all_ids
    assert "entwurf-foerderer" not in all_ids
    assert len(all_ids) == 10


def test_institutions_lists_only_institutions(client):
    demo_like_catalogue()

    assert ids(client.get("/api/v1/institutions?sort=title")) == ["land-niedersachsen", "lotto-stiftung"]


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("region=atlantis", "region", "invalid_choice"),
        ("status=vielleicht", "status", "invalid_choice"),
        ("amount_min=viel", "amount_min", "invalid"),
        ("amount_min=-5", "amount_min", "min_value"),
        ("sort=zufall", "sort", "invalid_choice"),
        ("page=null", "page", "invalid"),
        ("per_page=0", "per_page", "min_value"),
        ("per_page=101", "per_page", "max_value"),
        ("amount_max=5.123", "amount_max", "max_decimal_places"),
        ("amount_max=1e5", "amount_max", "invalid"),  # the form would take it; the document does not
        ("amount_max=1234567890123", "amount_max", "max_whole_digits"),
        ("deadline_to=31.12.2027", "deadline_to", "invalid"),
        ("exact=ja", "exact", "invalid_choice"),
    ],
)
def test_invalid_parameters_give_400_with_the_field(client, db, query, field, code):
    errors = assert_errors(client.get(f"/api/v1/search?{query}"), 400, [code])

    assert errors[0]["field"] == field


def test_page_after_the_last_gives_the_last_page_with_a_warning(client):
    demo_like_catalogue()

    body = client.get("/api/v1/programmes?page=9").json()

    assert body["pagination"]["page"] == body["pagination"]["num_pages"]
    assert [(w["field"], w["code"]) for w in body["warnings"]] == [("page", "page_out_of_range")]


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_query_count_does_not_grow_with_the_items(client, db):
    ProgrammeFactory(regions=["ni"])
    one = _queries(client, "/api/v1/programmes")
    ProgrammeFactory.create_batch(2, regions=["ni"])

    three = _queries(client, "/api/v1/programmes")

    assert client.get("/api/v1/programmes").json()["pagination"]["total"] == 3
    assert three == one


def test_huge_page_number_is_the_last_page_not_500(client):
    # Found by the fuzzing test: the page number reaches the SQL OFFSET.
    demo_like_catalogue()

    body = client.get("/api/v1/programmes?page=106855497904274886623232").json()

    assert body["pagination"]["page"] == body["pagination"]["num_pages"]
    assert [w["code"] for w in body["warnings"]] == ["page_out_of_range"]


def test_huge_page_number_on_an_empty_search_is_page_one(client, db):
    body = client.get("/api/v1/search?page=106855497904274886623232").json()

    assert body["pagination"]["page"] == 1
    assert body["data"] == []
