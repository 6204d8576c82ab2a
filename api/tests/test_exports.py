"""Exports of a search: CSV for Excel, XLSX, and the interchange format."""

import csv
import io
import json

import jsonschema
import openpyxl
import pytest

from api import listing
from catalogue.interchange.fields import SCHEMA
from catalogue.interchange.importer import import_document
from catalogue.models import Institution, Programme
from catalogue.tests.factories import ProgrammeFactory

from .factories import demo_like_catalogue
from .helpers import assert_errors, body

pytestmark = pytest.mark.django_db
QUERY = "region=03155&status=open&status=unknown"
EXPECTED = [
    "mikrofonds-northeim",
    "engagement-preis",
    "eu-asyl-fonds",
    "sprachbruecken",
    "sport-verbindet",
    "demokratie-leben",
    "kultur-vor-ort",
]


def csv_rows(response, delimiter=","):
    """The rows of a CSV export (a response, or its body already read)."""
    text = (response if isinstance(response, bytes) else body(response)).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def test_csv_starts_with_bom_and_lists_every_match_in_search_order(client):
    demo_like_catalogue()

    response = client.get(f"/api/v1/search.csv?type=programme&{QUERY}")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="foerderatlas-2026-11-25.csv"'
    assert response["X-Export-Truncated"] == "false"
    content = body(response)
    rows = csv_rows(content)
    assert rows[0][:5] == ["Typ", "Kennung", "Titel oder Name", "Status", "Nächste Frist"]
    assert [row[1] for row in rows[1:]] == EXPECTED
    assert content.count(b"\r\n") == len(EXPECTED) + 1


def test_csv_with_semicolon_uses_decimal_comma(client):
    ProgrammeFactory(slug="quote", title="Quote", amount_max_rate_percent="12.50", amount_max_eur="35000.00")

    content = body(client.get("/api/v1/search.csv?delimiter=semicolon"))

    rows = csv_rows(content, delimiter=";")
    header, row = rows
    assert row[header.index("Höchstbetrag (EUR)")] == "35000"
    assert row[header.index("höchste Förderquote (%)")] == "12,5"
    assert content.decode().splitlines()[0].count(";") == len(header) - 1


def test_csv_holds_all_matches_not_one_page(client):
    ProgrammeFactory.create_batch(25)

    rows = csv_rows(client.get("/api/v1/search.csv?page=2"))

    assert len(rows) == 26


def test_csv_defuses_formulas(client):
    ProgrammeFactory(slug="formel", title='=HYPERLINK("https://example.org")')

    rows = csv_rows(client.get("/api/v1/search.csv"))

    assert rows[1][2] == '\'=HYPERLINK("https://example.org")'


def test_csv_unknown_delimiter_is_400(client, db):
    errors = assert_errors(client.get("/api/v1/search.csv?delimiter=tab"), 400, ["invalid_choice"])

    assert errors[0]["field"] == "delimiter"


def test_export_with_invalid_search_parameter_is_400(client, db):
    errors = assert_errors(client.get("/api/v1/search.xlsx?region=atlantis"), 400, ["invalid_choice"])

    assert errors[0]["field"] == "region"


def test_xlsx_opens_and_lists_every_match(client):
    demo_like_catalogue()

    response = client.get(f"/api/v1/search.xlsx?type=programme&{QUERY}")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert sheet.title == "Treffer"
    assert rows[0][:3] == ("Typ", "Kennung", "Titel oder Name")
    assert [row[1] for row in rows[1:]] == EXPECTED
    assert rows[1][4].date().isoformat() == "2026-12-10"  # Nächste Frist, a real date cell


def test_xlsx_stores_formula_like_text_as_text(client):
    ProgrammeFactory(slug="formel", title="=1+2")

    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/api/v1/search.xlsx").content)).active

    cell = sheet.cell(row=2, column=3)
    assert (cell.value, cell.data_type) == ("=1+2", "s")


def test_interchange_export_is_valid_and_reimports_without_errors(client):
    demo_like_catalogue()

    response = client.get(f"/api/v1/search.interchange.json?{QUERY}")

    document = json.loads(response.content)
    jsonschema.validate(document, SCHEMA)
    assert [p["id"] for p in document["programmes"]] == sorted(EXPECTED)
    # The linked funders travel with their programmes.
    assert [i["id"] for i in document["institutions"]] == ["land-niedersachsen", "lotto-stiftung"]
    report = import_document(document, dry_run=True)
    assert report.errors == []
    assert report.created == []


def test_interchange_export_imports_into_an_empty_atlas(client):
    demo_like_catalogue()
    document = json.loads(client.get("/api/v1/search.interchange.json?type=programme").content)
    Programme.objects.all().delete()
    Institution.objects.all().delete()

    report = import_document(document)

    assert report.errors == []
    assert sorted(report.created) == sorted(
        [i["id"] for i in document["institutions"]] + [p["id"] for p in document["programmes"]]
    )
    assert Programme.objects.count() == 8


def test_interchange_export_leaves_out_unpublished_funders(client):
    demo_like_catalogue()
    draft = Institution.objects.get(slug="entwurf-foerderer")
    Programme.objects.get(slug="sprachbruecken").institution_links.create(
        institution=draft, role="ansprechstelle"
    )

    document = json.loads(client.get("/api/v1/search.interchange.json?q=Sprachbr%C3%BCcken").content)

    assert document["programmes"][0]["institutions"] == [
        {"id": "land-niedersachsen", "role": "bewilligungsstelle"}
    ]
    assert [i["id"] for i in document["institutions"]] == ["land-niedersachsen"]


def test_export_beyond_the_cap_says_it_is_truncated(client, monkeypatch):
    monkeypatch.setattr(listing, "EXPORT_CAP", 3)
    ProgrammeFactory.create_batch(4)

    response = client.get("/api/v1/search.csv?sort=title")

    assert response["X-Export-Truncated"] == "true"
    assert len(csv_rows(response)) == 1 + 3


def test_exports_beyond_the_concurrency_limit_wait_their_turn(client, settings):
    settings.ATLAS_EXPORT_CONCURRENCY = 1
    demo_like_catalogue()
    running = client.get("/api/v1/search.csv")  # streams: holds its slot until read to the end
    assert running.streaming

    busy = client.get("/api/v1/search.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert busy.status_code == 503
    assert busy.headers["Retry-After"] == "15"
    assert busy.json()["errors"][0]["code"] == "busy"

    assert csv_rows(running)[0][1] == "Kennung"  # read to the end: the slot is free again
    assert client.get("/api/v1/search.xlsx").status_code == 200


def test_a_304_for_a_streamed_export_frees_its_slot(client, settings):
    settings.ATLAS_EXPORT_CONCURRENCY = 1
    demo_like_catalogue()
    first = client.get("/api/v1/search.csv")
    body(first)

    again = client.get("/api/v1/search.csv", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert client.get("/api/v1/search.xlsx").status_code == 200


def test_xlsx_header_is_frozen_filtered_and_columns_fit(client):
    demo_like_catalogue()

    sheet = openpyxl.load_workbook(io.BytesIO(client.get("/api/v1/search.xlsx").content)).active

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
    assert all(cell.font.bold for cell in sheet[1])
    titles = [cell.value for cell in sheet[1]]
    widths = {
        title: sheet.column_dimensions[cell.column_letter].width
        for title, cell in zip(titles, sheet[1], strict=True)
    }
    for column in ("Kennung", "Titel oder Name"):
        index = titles.index(column)
        assert widths[column] >= max(len(str(row[index].value)) for row in sheet.iter_rows(min_row=2))
    assert all(10 <= width <= 60 for width in widths.values())
