"""Export of the admin selection as interchange JSON, CSV and XLSX."""

import io
import json

import pytest
from openpyxl import load_workbook

from catalogue.interchange.exporter import export_document
from catalogue.models import Institution, Programme
from editorial.tabular import reading

from .helpers import admin_url

pytestmark = pytest.mark.django_db


def export(client, model, action, objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [o.pk for o in objects], "index": 0},
    )


def test_json_export_of_selection_is_interchange_document(editor_client, programme_a, programme_b):
    response = export(editor_client, Programme, "export_json", [programme_b])

    assert response["Content-Disposition"] == 'attachment; filename="foerderatlas-programme-2026-11-25.json"'
    assert json.loads(response.content) == export_document(
        Institution.objects.none(), Programme.objects.filter(pk=programme_b.pk)
    )


def test_csv_export_of_selection_reads_back_as_same_document(editor_client, institution_a, institution_b):
    response = export(editor_client, Institution, "export_csv", [institution_a, institution_b])

    table = reading.table_to_document(reading.read_csv(response.content))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert table.document == export_document(Institution.objects.all(), Programme.objects.none())


def test_xlsx_export_of_selection_lists_selected_rows(editor_client, programme_a, programme_b):
    response = export(editor_client, Programme, "export_xlsx", [programme_a, programme_b])

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[:3] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("programme", "programm-a", "Programm der Stiftung A"),
        ("programme", "programm-b", "Programm der Stiftung B"),
    ]


def test_export_of_funder_limited_to_own_entries(funder_a_client, programme_a, programme_b):
    response = export(funder_a_client, Programme, "export_json", [programme_a, programme_b])

    assert [p["id"] for p in json.loads(response.content)["programmes"]] == ["programm-a"]
