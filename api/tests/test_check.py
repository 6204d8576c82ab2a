"""GET /api/v1/check and /api/v1/check.csv on the catalogue built for the
Fördercheck (search/tests/check_fixture.py)."""

import csv
import io
import json

import pytest

from search.tests.check_fixture import PROFILE, check_catalogue

from .helpers import assert_errors

pytestmark = pytest.mark.django_db
CRITERIA = [
    "region",
    "applicant_type",
    "deadline",
    "amount",
    "own_contribution",
    "target_group",
    "integration_area",
]


def test_check_answers_each_programme_with_its_fit_and_one_reason_per_criterion(client):
    expected = check_catalogue()

    body = client.get(f"/api/v1/check?{PROFILE}&target_group=fluchtgeschichte").json()

    assert [(item["id"], item["fit"]) for item in body["data"]] == [
        *[(slug, "yes") for slug in expected["yes"]],
        *[(slug, "maybe") for slug in expected["maybe"]],
        *[(slug, "no") for slug in expected["no"]],
    ]
    first = body["data"][0]
    assert sorted(first) == ["fit", "id", "reasons", "title", "type"]
    assert first["type"] == "programme"
    assert [r["criterion"] for r in first["reasons"]] == CRITERIA
    assert first["reasons"][5] == {
        "criterion": "target_group",
        "fit": "yes",
        "message": "Zielgruppe: Menschen mit Fluchtgeschichte",
    }


def test_check_names_every_failing_criterion(client):
    check_catalogue()
    body = client.get(f"/api/v1/check?{PROFILE}").json()
    failing = {
        item["id"]: [r["criterion"] for r in item["reasons"] if r["fit"] == "no"]
        for item in body["data"]
        if item["fit"] == "no"
    }
    assert failing == {
        "nicht-abgelaufen": ["deadline"],
        "nicht-anderer-landkreis": ["region"],
        "nicht-eigenanteil": ["own_contribution"],
        "nicht-nur-vereine": ["applicant_type"],
    }


def test_check_pages_like_the_search_with_next_and_previous(client):
    check_catalogue()

    body = client.get(f"/api/v1/check?{PROFILE}&per_page=3&page=2").json()

    assert [item["id"] for item in body["data"]] == [
        "vielleicht-ohne-angaben",
        "nicht-abgelaufen",
        "nicht-anderer-landkreis",
    ]
    pagination = body["pagination"]
    assert {k: pagination[k] for k in ("page", "per_page", "total", "num_pages")} == {
        "page": 2,
        "per_page": 3,
        "total": 8,
        "num_pages": 3,
    }
    assert pagination["next"] == f"http://testserver/api/v1/check?{PROFILE}&per_page=3&page=3"
    assert pagination["previous"] == f"http://testserver/api/v1/check?{PROFILE}&per_page=3&page=1"


def test_check_messages_follow_accept_language(client):
    check_catalogue()
    body = client.get(f"/api/v1/check?{PROFILE}", headers={"accept-language": "en"}).json()
    reasons = body["data"][0]["reasons"]
    assert [reasons[0]["message"], reasons[4]["message"]] == [
        "Funding area: Northeim district",
        "Own contribution: at least 20% required; in-kind contributions such as volunteer work count",
    ]


def test_check_without_answers_names_what_is_missing(client):
    errors = assert_errors(client.get("/api/v1/check"), 400, ["required", "required"])
    assert [e["field"] for e in errors] == ["region", "applicant_type"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("region=03155&applicant_type=stiftungx", ["invalid_choice"]),
        ("region=03155&applicant_type=initiative&own_contribution_percent=150", ["max_value"]),
        ("region=03155&applicant_type=initiative&amount=1e400", ["max_digits"]),
        ("region=03155&applicant_type=initiative&start=2027-02-30", ["invalid"]),
        ("region=03155&applicant_type=initiative&per_page=0", ["min_value"]),
        ("region=03155&applicant_type=initiative&start=1999-12-31", ["invalid"]),
    ],
)
def test_check_bad_input_answers_400_in_the_error_shape(client, query, codes):
    check_catalogue()
    assert_errors(client.get(f"/api/v1/check?{query}"), 400, codes)


def csv_rows(response, delimiter=","):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_check_csv_holds_every_verdict_with_reasons_in_words(client):
    expected = check_catalogue()

    response = client.get(f"/api/v1/check.csv?{PROFILE}&target_group=fluchtgeschichte&page=2")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["X-Export-Truncated"] == "false"
    assert response["Content-Disposition"].startswith('attachment; filename="foerderatlas-')
    header, *rows = csv_rows(response)
    assert header[:4] == ["Kennung", "Titel", "Ergebnis", "Fördergebiet"]
    assert [row[0] for row in rows] == [*expected["yes"], *expected["maybe"], *expected["no"]]
    maybe = rows[3]
    assert maybe[2] == "Passt vielleicht – bitte klären"
    assert maybe[4] == "? keine Angabe"
    assert maybe[header.index("Beim Förderer klären")] == (
        "Können Initiativen ohne Rechtsform einen Antrag stellen? "
        "Bis wann können wir einen Antrag stellen? "
        "Wie hoch kann die Förderung sein? "
        "Wird ein Eigenanteil verlangt, und wie hoch?"
    )


def test_check_csv_for_german_excel(client):
    check_catalogue()
    header, *_rows = csv_rows(client.get(f"/api/v1/check.csv?{PROFILE}&delimiter=semicolon"), ";")
    assert header[0] == "Kennung"


def test_check_csv_bad_input_answers_400(client):
    response = client.get("/api/v1/check.csv?region=03155")
    assert_errors(response, 400, ["required"])
    assert json.loads(response.content)["errors"][0]["field"] == "applicant_type"
