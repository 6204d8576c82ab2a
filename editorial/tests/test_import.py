"""The bulk import page: dry run, all-or-nothing apply, errors by row and
column, JSON and XLSX uploads, and who may use it."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from catalogue.models import Institution, Programme, Workflow
from editorial.models import ImportRun

from .helpers import parse, through_import_job

pytestmark = pytest.mark.django_db
URL = "/redaktion/import/"

GOOD_CSV = (
    "type;id;name;title;institutions;regions;amount.max_eur;deadlines.dates\n"
    "institution;stiftung-nord;Stiftung Nord;;;ni;;\n"
    "programme;mikrofonds;;Mikrofonds;stiftung-nord:mittelgeber;03155;1.500;31.03.2027\n"
    "programme;sprachbruecken;;Sprachbrücken;stiftung-nord;ni;5000;2027-06-30\n"
)
BAD_CSV = GOOD_CSV.replace(
    "programme;sprachbruecken;;Sprachbrücken;stiftung-nord;ni;5000",
    "programme;sprachbruecken;;Sprachbrücken;stiftung-nord;atlantis;5000",
)


def upload(client, content, name="daten.csv", **data):
    file = SimpleUploadedFile(name, content.encode("utf-8") if isinstance(content, str) else content)
    return through_import_job(client, client.post(URL, {"file": file, **data}))


def error_rows(response):
    page = parse(response)
    return [
        [" ".join(td.get_text().split()) for td in tr.select("td")]
        for tr in page.select(".import-errors tbody tr")
    ]


def heading(response):
    return " ".join(parse(response).select_one("#outcome-heading").get_text().split())


def test_csv_with_one_bad_row_imports_nothing_and_names_row_and_column(editor_client):
    response = upload(editor_client, BAD_CSV, apply="1")

    assert heading(response) == "Nicht importiert: die Datei enthält Fehler"
    assert error_rows(response) == [["4", "regions", "Unbekannter Code „atlantis“."]]
    assert (Institution.objects.count(), Programme.objects.count(), ImportRun.objects.count()) == (0, 0, 0)


def test_good_csv_applies_in_one_step(editor_client, editor):
    response = upload(editor_client, GOOD_CSV, apply="1")

    assert heading(response) == "Import ausgeführt"
    programmes = {p.slug: p for p in Programme.objects.all()}
    assert sorted(programmes) == ["mikrofonds", "sprachbruecken"]
    assert programmes["mikrofonds"].amount_max_eur == 1500
    assert [r.code for r in programmes["mikrofonds"].regions.all()] == ["03155"]
    assert [i.slug for i in programmes["sprachbruecken"].institutions.all()] == ["stiftung-nord"]
    run = ImportRun.objects.get()
    assert (run.user, run.filename, run.file_format) == (editor, "daten.csv", "csv")
    assert run.created == ["institution:stiftung-nord", "programme:mikrofonds", "programme:sprachbruecken"]


def test_import_creates_new_entries_as_drafts_when_asked(editor_client):
    upload(editor_client, GOOD_CSV, apply="1", as_draft="on")

    assert set(Programme.objects.values_list("state", flat=True)) == {Workflow.DRAFT}
    assert Institution.objects.get().state == Workflow.DRAFT


def test_import_without_draft_option_publishes_new_entries(editor_client):
    upload(editor_client, GOOD_CSV, apply="1")

    assert set(Programme.objects.values_list("state", flat=True)) == {Workflow.PUBLISHED}


def test_dry_run_writes_nothing_and_lists_what_would_happen(editor_client):
    response = upload(editor_client, GOOD_CSV, dry_run="1")

    page = parse(response)
    assert heading(response) == "Probelauf: keine Fehler"
    assert [" ".join(li.get_text().split()) for li in page.select(".import-entries li")] == [
        "Zeile 2: stiftung-nord (Förderer)",
        "Zeile 3: mikrofonds (Förderprogramm)",
        "Zeile 4: sprachbruecken (Förderprogramm)",
    ]
    assert Programme.objects.count() == 0


def test_dry_run_then_apply_without_second_upload(editor_client):
    token = parse(upload(editor_client, GOOD_CSV, dry_run="1")).select_one("input[name=token]")["value"]

    response = through_import_job(editor_client, editor_client.post(URL, {"token": token}))

    assert heading(response) == "Import ausgeführt"
    assert Programme.objects.count() == 2


def test_apply_with_stale_token_not_found(editor_client):
    upload(editor_client, GOOD_CSV, dry_run="1")

    response = editor_client.post(URL, {"token": "falsch"})

    assert (response.status_code, Programme.objects.count()) == (404, 0)


def test_dry_run_names_changed_fields_of_existing_entries(editor_client):
    upload(editor_client, GOOD_CSV, apply="1")
    changed = GOOD_CSV.replace("Mikrofonds;", "Mikrofonds Teilhabe;").replace(";1.500;", ";2000;")

    response = upload(editor_client, changed, dry_run="1")

    items = [" ".join(li.get_text().split()) for li in parse(response).select(".import-entries li")]
    assert items == [
        "Zeile 3: mikrofonds (Förderprogramm) title Mikrofonds → Mikrofonds Teilhabe"
        " amount.max_eur 1500 → 2000"
    ]
    assert "2 unverändert" in parse(response).select_one(".import-outcome p").get_text()


def test_a_table_with_some_columns_changes_only_those(editor_client):
    """Reproduction 6: `type;id;title` for an existing entry used to clear
    its description, amount, deadlines, regions, links and funder links."""
    upload(editor_client, GOOD_CSV, apply="1")
    programme = Programme.objects.get(slug="mikrofonds")
    programme.description = "Kleine Beträge für Nachbarschaftsprojekte."
    programme.links = [{"title": "Richtlinie", "url": "https://stiftung-nord.example/richtlinie"}]
    programme.save()

    dry = upload(editor_client, "type;id;title\nprogramme;mikrofonds;Mikrofonds Nord\n", dry_run="1")
    applied = upload(editor_client, "type;id;title\nprogramme;mikrofonds;Mikrofonds Nord\n", apply="1")

    page = parse(dry)
    assert " ".join(page.select_one(".import-columns").get_text().split()).endswith(": type, id, title")
    items = [" ".join(li.get_text().split()) for li in page.select(".import-entries li")]
    assert items == ["Zeile 2: mikrofonds (Förderprogramm) title Mikrofonds → Mikrofonds Nord"]
    assert heading(applied) == "Import ausgeführt"
    programme.refresh_from_db()
    assert programme.title == "Mikrofonds Nord"
    assert programme.description == "Kleine Beträge für Nachbarschaftsprojekte."
    assert programme.links == [{"title": "Richtlinie", "url": "https://stiftung-nord.example/richtlinie"}]
    assert programme.amount_max_eur == 1500
    assert [r.code for r in programme.regions.all()] == ["03155"]
    assert [str(d.date) for d in programme.deadlines.all()] == ["2027-03-31"]
    assert [link.institution.slug for link in programme.institution_links.all()] == ["stiftung-nord"]


def test_an_empty_cell_of_a_present_column_clears_only_that_field(editor_client):
    upload(editor_client, GOOD_CSV, apply="1")

    response = upload(editor_client, "type;id;amount.max_eur\nprogramme;mikrofonds;\n", apply="1")

    assert heading(response) == "Import ausgeführt"
    programme = Programme.objects.get(slug="mikrofonds")
    assert (programme.amount_max_eur, programme.title) == (None, "Mikrofonds")
    assert [r.code for r in programme.regions.all()] == ["03155"]


def test_a_json_document_still_describes_whole_entries(editor_client):
    upload(editor_client, GOOD_CSV, apply="1")
    document = {"format": "foerderatlas/1", "programmes": [{"id": "mikrofonds", "title": "Mikrofonds"}]}

    upload(editor_client, json.dumps(document), name="daten.json", apply="1")

    assert list(Programme.objects.get(slug="mikrofonds").regions.all()) == []


def test_json_upload_errors_name_entry_and_field(editor_client):
    document = {"format": "foerderatlas/1", "programmes": [{"id": "p1", "title": "P", "regions": ["mond"]}]}

    response = upload(editor_client, json.dumps(document), name="daten.json", apply="1")

    assert error_rows(response) == [["p1", "regions[0]", "Unbekannter Code „mond“."]]
    assert Programme.objects.count() == 0


def test_json_upload_applies(editor_client):
    document = {"format": "foerderatlas/1", "programmes": [{"id": "p1", "title": "P", "regions": ["ni"]}]}

    upload(editor_client, json.dumps(document), name="daten.json", apply="1")

    assert list(Programme.objects.values_list("slug", "title")) == [("p1", "P")]


def test_broken_json_explained(editor_client):
    response = upload(editor_client, '{"format": ', name="daten.json", apply="1")

    assert error_rows(response) == [["–", "–", "Kein gültiges JSON in Zeile 1, Spalte 12: Expecting value"]]


def test_xlsx_upload_errors_name_row_and_column(editor_client):
    book = Workbook()
    book.active.append(["type", "id", "title", "period.end"])
    book.active.append(["programme", "p1", "Gut", "2027-12-31"])
    book.active.append(["programme", "p2", "", "irgendwann"])
    buffer = io.BytesIO()
    book.save(buffer)

    response = upload(editor_client, buffer.getvalue(), name="daten.xlsx", apply="1")

    assert error_rows(response) == [
        ["3", "period.end", "Kein gültiges Datum: „irgendwann“ (JJJJ-MM-TT oder TT.MM.JJJJ)."],
        ["3", "title", "Pflichtfeld fehlt."],
    ]
    assert Programme.objects.count() == 0


def test_missing_file_gives_form_error(editor_client):
    response = editor_client.post(URL, {"apply": "1"})

    assert response.status_code == 200
    assert parse(response).select_one(".errorlist").get_text() == "Dieses Feld ist zwingend erforderlich."


def test_import_page_refused_to_funder(funder_a_client):
    response = upload(funder_a_client, GOOD_CSV, apply="1")

    assert (response.status_code, Programme.objects.count()) == (403, 0)


def test_import_get_of_page_changes_nothing(editor_client):
    response = editor_client.get(URL)

    assert (response.status_code, Programme.objects.count()) == (200, 0)
    assert [a["href"] for a in parse(response).select(".bulk-import a[href*=vorlage]")] == [
        "/redaktion/import/vorlage.csv",
        "/redaktion/import/vorlage.xlsx",
    ]


def test_templates_downloadable(editor_client):
    csv_response = editor_client.get(reverse("admin:editorial_template", args=["csv"]))
    xlsx_response = editor_client.get(reverse("admin:editorial_template", args=["xlsx"]))

    assert csv_response["Content-Disposition"] == 'attachment; filename="foerderatlas-vorlage-2026-11-25.csv"'
    assert (
        xlsx_response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert editor_client.get("/redaktion/import/vorlage.pdf").status_code == 404


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ([], [["–", "–", "Falscher Typ []: erwartet Objekt."]]),
        (
            {"format": "foerderatlas/1", "programmes": 5},
            [["–", "programmes", "Falscher Typ 5: erwartet Liste."]],
        ),
    ],
)
def test_malformed_json_document_explained(editor_client, document, expected):
    response = upload(editor_client, json.dumps(document), name="daten.json", apply="1")

    assert response.status_code == 200
    assert error_rows(response) == expected


def test_json_entry_with_odd_id_explained(editor_client):
    document = {"format": "foerderatlas/1", "programmes": [{"id": ["a"], "title": "P"}]}

    response = upload(editor_client, json.dumps(document), name="daten.json", apply="1")

    assert error_rows(response) == [["#0", "id", "Falscher Typ ['a']: erwartet Text."]]


def test_json_nan_amount_refused(editor_client):
    text = (
        '{"format": "foerderatlas/1", "programmes": [{"id": "p", "title": "P", "amount": {"max_eur": NaN}}]}'
    )

    response = upload(editor_client, text, name="daten.json", apply="1")

    assert error_rows(response) == [["–", "–", "NaN ist keine Zahl im Sinne von JSON."]]
    assert Programme.objects.count() == 0
