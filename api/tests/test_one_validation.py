"""One behaviour for bad input on every rendering of a search (JSON, CSV,
XLSX, interchange JSON, Atom, iCalendar), validated against the parameters
the OpenAPI document declares; and every parameter of the search page is a
parameter of the API with the same meaning."""

import json

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict

from search import vocabularies
from search.forms import SearchForm

from .factories import demo_like_catalogue
from .helpers import assert_errors, body

pytestmark = pytest.mark.django_db

RENDERINGS = [
    "/api/v1/search",
    "/api/v1/search.csv",
    "/api/v1/search.xlsx",
    "/api/v1/search.interchange.json",
    "/api/v1/feeds/programmes.atom",
    "/api/v1/feeds/deadlines.ics",
]


@pytest.mark.parametrize("url", RENDERINGS)
def test_notices_are_returned_beside_the_data_not_as_400(client, url):
    demo_like_catalogue()
    response = client.get(url, {"q": "Sprach\x07brücken", "amount_min": "9000", "amount_max": "100"})

    assert response.status_code == 200
    expected = ["control_characters", "amount_range"]
    if url == "/api/v1/search":
        warnings = json.loads(body(response))["warnings"]
        assert [w["code"] for w in warnings] == expected
        assert [w["field"] for w in warnings] == ["q", "amount_max"]
        assert all(w["message"] for w in warnings)
    else:
        assert response["X-Search-Warnings"] == ", ".join(expected)


@pytest.mark.parametrize("url", RENDERINGS)
def test_a_clean_search_has_no_warnings(client, url):
    response = client.get(url, {"q": "Sprachbrücken"})

    assert response.status_code == 200
    assert "X-Search-Warnings" not in response
    if url == "/api/v1/search":
        assert json.loads(body(response))["warnings"] == []


@pytest.mark.parametrize(
    ("query", "field", "code"),
    [
        ("amount_min=0.5", None, None),  # valid: the same 200 everywhere
        ("amount_min=0.001", "amount_min", "max_decimal_places"),
        ("amount_max=99999999999999999", "amount_max", "max_digits"),
        ("deadline_to=2027-02-30", "deadline_to", "invalid"),
        ("region=atlantis", "region", "invalid_choice"),
        ("sort=zufall", "sort", "invalid_choice"),
        ("q=" + "x" * 201, "q", "max_length"),
    ],
)
def test_every_rendering_refuses_the_same_values_in_the_error_shape(client, query, field, code):
    for url in RENDERINGS:
        response = client.get(f"{url}?{query}")
        if code is None:
            assert response.status_code == 200, url
            continue
        errors = assert_errors(response, 400, [code])
        assert errors[0]["field"] == field


def test_empty_values_of_a_submitted_form_are_taken_everywhere(client):
    """An HTML form sends every field, the empty ones too."""
    query = "q=&type=&region=&amount=&amount_min=&amount_max=&deadline_from=&deadline_to=&sort=&exact="
    for url in RENDERINGS:
        assert client.get(f"{url}?{query}").status_code == 200, url


def _document_parameters(client, path):
    document = client.get("/api/v1/openapi.json").json()
    return {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}


def test_every_parameter_of_the_search_page_is_an_api_parameter_with_the_same_meaning(client):
    demo_like_catalogue()
    page = BeautifulSoup(client.get("/suche/").content, "html.parser")
    form = page.find("form", attrs={"action": "/suche/"})
    on_the_page = {field["name"] for field in form.find_all(["input", "select"]) if field.get("name")}
    declared = SearchForm(QueryDict(""), vocabularies=vocabularies.load()).fields

    assert on_the_page <= set(declared)
    for path in ("/search", "/search.csv", "/search.xlsx", "/feeds/deadlines.ics"):
        api = _document_parameters(client, path)
        for name in on_the_page - ({"type"} if path.startswith("/feeds") else set()):
            field = declared[name]
            parameter = api[name]
            assert parameter["description"].startswith(str(field.label)), (path, name)
            choices = [str(value) for value, _label in getattr(field, "choices", [])]
            if choices:
                schema = parameter["schema"].get("items", parameter["schema"])
                assert [v for v in schema["enum"] if v != ""] == choices, (path, name)
            assert (parameter["schema"].get("type") == "array") == (name in form_multiple(form)), name


def form_multiple(form):
    """The names the page's form may send more than once (check boxes, multiple selects)."""
    names = {}
    for field in form.find_all(["input", "select"]):
        if field.get("name"):
            many = field.name == "select" and field.has_attr("multiple") or field.get("type") == "checkbox"
            names[field["name"]] = names.get(field["name"], False) or many
    return {name for name, many in names.items() if many}


def test_lang_chooses_the_language_of_headers_and_messages(client):
    demo_like_catalogue()

    english = body(client.get("/api/v1/search.csv?lang=en", HTTP_ACCEPT_LANGUAGE="de"))
    german = body(client.get("/api/v1/search.csv", HTTP_ACCEPT_LANGUAGE="de"))

    assert english.decode("utf-8-sig").startswith("Type,Identifier,")
    assert german.decode("utf-8-sig").startswith("Typ,Kennung,")
    answer = client.get("/api/v1/regions?lang=uk")
    assert answer["Content-Language"] == "uk"
    assert_errors(client.get("/api/v1/regions?lang=xx"), 400, ["invalid_choice"])


def test_the_search_page_links_its_exports_in_its_own_language(client):
    demo_like_catalogue()
    page = BeautifulSoup(client.get("/en/suche/?q=sprache").content, "html.parser")

    links = [a["href"] for a in page.select(".downloads a")]

    assert links and all("lang=en" in link for link in links)
    csv_link = next(link for link in links if link.startswith("/api/v1/search.csv"))
    assert body(client.get(csv_link)).decode("utf-8-sig").startswith("Type,")
