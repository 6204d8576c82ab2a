"""CSV and XLSX ↔ interchange documents: cells, rows, round trips, templates."""

import csv
import io
from datetime import datetime

import pytest
from openpyxl import Workbook, load_workbook

from catalogue.interchange.exporter import export_document
from catalogue.models import Institution, Programme
from editorial.tabular import cells, reading, writing
from editorial.tabular.columns import BY_NAME, COLUMNS, column_for_field
from public.tests.factories import rich_institution, rich_programme

pytestmark = pytest.mark.django_db

HEADER = ";".join(column.name for column in COLUMNS)


def rows_of(text):
    return reading.read_csv(text.encode("utf-8"))


@pytest.mark.parametrize(
    ("column", "raw", "value"),
    [
        ("amount.max_eur", "35000", 35000),
        ("amount.max_eur", "35.000", 35000),
        ("amount.max_eur", "1.500,50", 1500.5),
        ("amount.max_rate_percent", "12,5 %", 12.5),
        ("amount.max_eur", 5000.0, 5000),
        ("deadlines.window_start", "31.03.2027", "2027-03-31"),
        ("deadlines.window_start", "2027-03-31", "2027-03-31"),
        ("deadlines.window_start", datetime(2027, 3, 31), "2027-03-31"),
        ("own_contribution.in_kind_allowed", "ja", True),
        ("own_contribution.in_kind_allowed", "Nein", False),
        ("regions", " ni | 03155 |", ["ni", "03155"]),
        ("deadlines.dates", "2027-03-31 | 30.09.2027", ["2027-03-31", "2027-09-30"]),
        ("deadlines.yearly", "03-31 | 30.09.", ["03-31", "09-30"]),
        ("deadlines.kind", "laufend", "rolling"),
        (
            "institutions",
            "stiftung-a | land:bewilligungsstelle",
            [
                {"id": "stiftung-a", "role": "mittelgeber"},
                {"id": "land", "role": "bewilligungsstelle"},
            ],
        ),
        (
            "links",
            "Richtlinie 2027 https://x.de/r.pdf | https://x.de/a",
            [
                {"url": "https://x.de/r.pdf", "title": "Richtlinie 2027"},
                {"url": "https://x.de/a"},
            ],
        ),
        ("contact.phone", 5111234.0, "5111234"),
        ("title", "'=Summe", "=Summe"),
        ("description", "Zeile 1\r\nZeile 2\n", "Zeile 1\nZeile 2\n"),
    ],
)
def test_cell_parse_reads_spreadsheet_values(column, raw, value):
    assert cells.parse(BY_NAME[column], raw) == value


@pytest.mark.parametrize(
    ("column", "raw", "message"),
    [
        ("amount.max_eur", "viel", "Keine Zahl: „viel“."),
        (
            "deadlines.window_start",
            "31.02.2027",
            "Kein gültiges Datum: „31.02.2027“ (JJJJ-MM-TT oder TT.MM.JJJJ).",
        ),
        ("own_contribution.in_kind_allowed", "vielleicht", "Erwartet „ja“ oder „nein“, nicht „vielleicht“."),
        ("deadlines.yearly", "März", "Kein jährliches Datum: „März“ (MM-TT oder TT.MM.)."),
        ("deadlines.kind", "bald", "Unbekannte Art der Frist „bald“: erlaubt sind dates, rolling, none."),
    ],
)
def test_cell_parse_rejects_with_german_message(column, raw, message):
    with pytest.raises(cells.CellError) as error:
        cells.parse(BY_NAME[column], raw)

    assert str(error.value) == message


def test_multi_valued_cell_keeps_escaped_separator():
    assert cells.split("A\\|B | C") == ["A|B", "C"]
    assert cells.join(["A|B", "C"]) == "A\\|B | C"


@pytest.mark.parametrize(
    ("text", "escaped"), [("=1+1", "'=1+1"), ("@SUM", "'@SUM"), ("-2+3", "'-2+3"), ("- Punkt", "- Punkt")]
)
def test_formula_like_text_escaped_for_spreadsheets(text, escaped):
    assert (cells.escape_formula(text), cells.unescape_formula(escaped)) == (escaped, text)


def test_column_for_importer_field():
    fields = ["regions[2]", "institutions[0].id", "amount", "deadlines.dates[1]", "eligible", "title"]

    assert [column_for_field(f) for f in fields] == [
        "regions",
        "institutions",
        "amount.text",
        "deadlines.dates",
        "eligible.text",
        "title",
    ]


def test_every_interchange_path_has_a_column():
    from catalogue.interchange.fields import INSTITUTION_FIELDS, PROGRAMME_FIELDS, PROGRAMME_VOCABULARIES

    paths = {path for path, _f, _k in INSTITUTION_FIELDS + PROGRAMME_FIELDS} | set(PROGRAMME_VOCABULARIES)
    paths |= {"id", "sources", "links", "institutions", "deadlines.dates", "deadlines.yearly"}

    assert sorted(paths - set(BY_NAME)) == []


def test_table_rows_become_document_with_row_numbers():
    text = "type;id;title;name;regions;deadlines.dates\n"
    text += "institution;stiftung-a;;Stiftung A;ni;\n;;;;;\nprogramme;p1;Programm;;ni | 03155;31.03.2027\n"

    table = reading.table_to_document(rows_of(text))

    assert table.errors == []
    assert table.document == {
        "format": "foerderatlas/1",
        "institutions": [{"id": "stiftung-a", "name": "Stiftung A", "regions": ["ni"]}],
        "programmes": [
            {
                "id": "p1",
                "title": "Programm",
                "regions": ["ni", "03155"],
                "deadlines": {"dates": ["2027-03-31"], "kind": "dates"},
            }
        ],
    }
    assert table.rows == {("institution", "stiftung-a"): 2, ("programme", "p1"): 4}


def test_table_errors_name_row_and_column():
    text = "type;id;title;name;amount.max_eur;farbe\n"
    text += "programme;p1;P;Name;viel;\nfoerderung;p2;;;;\nprogramme;p1;P;;;\n"

    table = reading.table_to_document(rows_of(text))

    assert [(e["row"], e["column"], e["code"]) for e in table.errors] == [
        (1, "farbe", "unknown_column"),
        (2, "name", "column_not_for_type"),
        (2, "amount.max_eur", "invalid_cell"),
        (3, "type", "unknown_type"),
        (4, "id", "duplicate_id"),
    ]
    assert table.errors[4]["message"] == "Die Kennung „p1“ steht schon in Zeile 2."


def test_table_without_id_column_refused():
    table = reading.table_to_document(rows_of("type;title\nprogramme;P\n"))

    assert [(e["row"], e["column"], e["message"]) for e in table.errors] == [
        (1, "id", "Pflichtspalte fehlt.")
    ]


def test_csv_reader_accepts_comma_and_windows_1252():
    data = "type,id,title\nprogramme,p1,Förderung für Vereine\n".encode("cp1252")

    assert reading.read_csv(data) == [["type", "id", "title"], ["programme", "p1", "Förderung für Vereine"]]


def test_xlsx_reader_refuses_other_files():
    with pytest.raises(reading.TableError) as error:
        reading.read_xlsx(b"PK\x03\x04 not really a zip")

    assert str(error.value) == "Die Datei ist keine lesbare XLSX-Datei."


def catalogue_document():
    institution = rich_institution()
    rich_programme(institution=institution)
    return export_document(Institution.objects.all(), Programme.objects.all())


def test_csv_round_trip_gives_the_same_document():
    document = catalogue_document()

    table = reading.table_to_document(reading.read_csv(writing.write_csv(document)))

    assert (table.errors, table.document) == ([], document)


def test_xlsx_round_trip_gives_the_same_document():
    document = catalogue_document()

    table = reading.table_to_document(reading.read_xlsx(writing.write_xlsx(document)))

    assert (table.errors, table.document) == ([], document)


def test_csv_export_is_for_german_spreadsheets():
    document = catalogue_document()

    text = writing.write_csv(document).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))

    assert text.startswith("\ufefftype;id;")
    assert [(r["type"], r["id"]) for r in rows] == [
        ("institution", "stiftung-miteinander"),
        ("programme", "nachbarschaft-verbindet"),
    ]
    assert (rows[1]["own_contribution.min_percent"], rows[1]["own_contribution.in_kind_allowed"]) == (
        "12,5",
        "ja",
    )


def test_xlsx_text_starting_with_equals_stays_text():
    document = {"format": "foerderatlas/1", "institutions": [], "programmes": [{"id": "p", "title": "=1+1"}]}

    sheet = load_workbook(io.BytesIO(writing.write_xlsx(document))).active

    assert (sheet["C2"].value, sheet["C2"].data_type) == ("=1+1", "s")


def test_templates_have_header_only():
    csv_rows = reading.read_csv(writing.template_csv())
    book = load_workbook(io.BytesIO(writing.template_xlsx()))

    assert csv_rows == [[column.name for column in COLUMNS]]
    assert [list(row) for row in book.worksheets[0].iter_rows(values_only=True)] == [
        [c.name for c in COLUMNS]
    ]
    assert book.sheetnames == ["Einträge", "Spalten"]
    assert book["Spalten"]["A3"].value == "id"


def test_xlsx_reader_reads_first_sheet_with_typed_cells():
    book = Workbook()
    book.active.append(["type", "id", "title", "amount.max_eur", "period.end"])
    book.active.append(["programme", "p1", "Programm", 5000, datetime(2027, 12, 31)])
    buffer = io.BytesIO()
    book.save(buffer)

    table = reading.table_to_document(reading.read_xlsx(buffer.getvalue()))

    assert table.document["programmes"] == [
        {"id": "p1", "title": "Programm", "amount": {"max_eur": 5000}, "period": {"end": "2027-12-31"}}
    ]
