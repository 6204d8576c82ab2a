"""Whatever the URL holds: a normal page (200) with a clear German message,
and results for the valid rest of the parameters."""

import pytest
from django.http import QueryDict
from django.utils.html import escape

from catalogue.tests.factories import ProgrammeFactory
from search.core import search


@pytest.fixture
def programmes(db):
    return [ProgrammeFactory(slug=f"p{i}", title=f"Sportförderung {i}", regions=["ni"]) for i in range(3)]


def messages(params):
    return [(e["field"], e["code"], e["message"]) for e in search(QueryDict(params)).errors]


def test_unknown_code_is_named_and_the_rest_still_filters(programmes):
    result = search(QueryDict("region=nowhere&region=03155&integration_area=x"))

    assert [(e["field"], e["message"]) for e in result.errors] == [
        ("region", "„nowhere“ ist kein bekannter Wert für „Fördergebiet“ (region) und wurde ignoriert."),
        (
            "integration_area",
            "„x“ ist kein bekannter Wert für „Integrationsbereich“ (integration_area) und wurde ignoriert.",
        ),
    ]
    assert result.total == 3
    assert [f.value for f in result.active_filters] == ["03155"]


def test_malformed_amounts_are_ignored_with_a_message(programmes):
    assert messages("amount_min=viel&amount_max=-5") == [
        (
            "amount_min",
            "invalid",
            "Bitte geben Sie bei „Fördersumme ab (EUR)“ (amount_min) einen Betrag in Euro als Zahl an, "
            "z. B. 5000.",
        ),
        (
            "amount_max",
            "min_value",
            "Der Betrag bei „Fördersumme bis (EUR)“ (amount_max) darf nicht negativ sein.",
        ),
    ]


def test_amount_range_upside_down_is_not_applied(programmes):
    result = search(QueryDict("amount_min=500&amount_max=100"))

    assert [e["code"] for e in result.errors] == ["amount_range"]
    assert result.total == 3


@pytest.mark.parametrize("page", ["1000000000", "1" + "0" * 400])
def test_page_beyond_the_last_shows_the_last(programmes, page):
    result = search(QueryDict(f"page={page}"), per_page=2)

    assert (result.page, [h.object.slug for h in result.hits]) == (2, ["p2"])
    assert [e["code"] for e in result.errors] == ["page_out_of_range"]


@pytest.mark.parametrize("page", ["0", "-3", "zwei", "1.5", "9" * 5000])
def test_page_that_is_no_positive_number_shows_page_one(programmes, page):
    result = search(QueryDict(f"page={page}"))

    assert result.page == 1
    assert [e["field"] for e in result.errors] == ["page"]


def test_ten_kilobyte_query_is_cut_with_a_message(programmes):
    result = search(QueryDict("q=" + "Sport " * 1700))

    assert [e["code"] for e in result.errors] == ["max_length"]
    assert len(result.query) <= 200
    assert result.total == 3


def test_control_characters_are_removed_with_a_message(programmes):
    result = search(QueryDict("q=Sport%00%01%1b[31m"))

    assert [e["code"] for e in result.errors] == ["control_characters"]
    assert result.query == "Sport [31m"


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"Sport',
        "Sport*",
        "-",
        "--Sport",
        "NEAR(Sport förderung)",
        "Sport AND OR NOT",
        "(Sport",
        "title:Sport",
        "^Sport",
        "Sport' OR '1'='1",
        "'; DROP TABLE search_searchdocument; --",
        "%_\\",
        "💶 Förderung",
        "تمويل",
    ],
)
def test_fts_and_sql_syntax_in_the_query_is_plain_text(programmes, q):
    result = search(QueryDict(f"q={q}".replace("%", "%25").replace("&", "%26")))

    assert result.errors == []


def test_duplicated_single_parameters_use_the_first_value(programmes):
    result = search(QueryDict("sort=title&sort=newest&q=Sport&q=Kultur"))

    assert (result.sort, result.query) == ("title", "Sport")
    assert [(e["field"], e["code"]) for e in result.errors] == [("q", "duplicate"), ("sort", "duplicate")]


def test_repeated_values_count_once(programmes):
    result = search(QueryDict("region=ni&region=ni&" + "region=x&" * 500))

    assert [f.value for f in result.active_filters] == ["ni"]
    assert len(result.errors) == 1


def test_unknown_sort_falls_back_to_the_default(programmes):
    result = search(QueryDict("sort=random"))

    assert result.sort == "deadline"
    assert [e["code"] for e in result.errors] == ["invalid_choice"]


@pytest.mark.parametrize(
    "query",
    [
        "region=nowhere",
        "amount_min=abc",
        "page=1000000000",
        "q=" + "x" * 10240,
        "q=%00%07",
        "sort=a&sort=b",
        "type=both&status=sometimes",
    ],
)
def test_search_page_stays_a_normal_page_with_the_message(client, programmes, query):
    response = client.get("/suche/?" + query)

    errors = response.context["result"].errors
    assert response.status_code == 200
    assert errors
    assert all(escape(error["message"]) in response.content.decode() for error in errors)


def test_search_page_takes_fts_syntax_as_text(client, programmes):
    response = client.get('/suche/?q="NEAR(Sport*)^:-')

    assert response.status_code == 200
    assert response.context["result"].errors == []


def test_malformed_decision_filters_are_ignored_with_a_message(programmes):
    assert messages(
        "own_contribution=alles&amount=viel&deadline_from=31.03.2027&deadline_to=2027-02-30&exact=2"
    ) == [
        (
            "own_contribution",
            "invalid_choice",
            "„alles“ ist kein bekannter Wert für „Eigenanteil“ (own_contribution) und wurde ignoriert.",
        ),
        (
            "amount",
            "invalid",
            "Bitte geben Sie bei „Benötigter Betrag (EUR)“ (amount) einen Betrag in Euro als Zahl an, "
            "z. B. 5000.",
        ),
        (
            "deadline_from",
            "invalid",
            "Bitte geben Sie bei „Frist ab“ (deadline_from) ein Datum als JJJJ-MM-TT an, z. B. 2027-03-31.",
        ),
        (
            "deadline_to",
            "invalid",
            "Bitte geben Sie bei „Frist bis“ (deadline_to) ein Datum als JJJJ-MM-TT an, z. B. 2027-03-31.",
        ),
        ("exact", "invalid_choice", "„exact“ ist 1 (genau diese Wörter) oder 0; es gilt 0."),
    ]
    assert search(QueryDict("own_contribution=alles&amount=viel&deadline_from=x")).total == 3


def test_deadline_window_upside_down_is_not_applied(programmes):
    result = search(QueryDict("deadline_from=2027-05-01&deadline_to=2027-01-01"))

    assert [e["code"] for e in result.errors] == ["deadline_range"]
    assert result.total == 3
