"""Write interchange documents as CSV or XLSX tables (and the empty
templates), in the layout of `columns.py`.

CSV is written for German spreadsheet programs: UTF-8 with BOM, ";" as
delimiter, decimal comma. XLSX cells get their native types (numbers, dates),
and text cells stay text even when they start with "=".
"""

import csv
import io
from datetime import date

from django.utils.translation import gettext as _

from . import cells
from . import columns as c

CSV_DELIMITER = ";"


def document_rows(document):
    """[{column name: value}] for every entry, institutions first."""
    rows = []
    for kind in (c.INSTITUTION, c.PROGRAMME):
        for entry in document.get(f"{kind}s", []):
            row = {"type": kind}
            for column in c.COLUMNS[1:]:
                value = _get_path(entry, column.name)
                if value not in (None, "", []):
                    row[column.name] = value
            rows.append(row)
    return rows


def _get_path(entry, path):
    for key in path.split("."):
        entry = entry.get(key) if isinstance(entry, dict) else None
    return entry


def write_csv(document):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([column.name for column in c.COLUMNS])
    for row in document_rows(document):
        writer.writerow(
            [
                cells.format_value(column, row[column.name]) if column.name in row else ""
                for column in c.COLUMNS
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(document, *, with_help=False):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Einträge"))
    sheet.append([column.name for column in c.COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    for number, row in enumerate(document_rows(document), start=2):
        for index, column in enumerate(c.COLUMNS, start=1):
            if column.name in row:
                _write_cell(sheet.cell(row=number, column=index), column, row[column.name])
    if with_help:
        _help_sheet(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_cell(cell, column, value):
    if column.value == c.NUMBER or column.value == c.BOOLEAN:
        cell.value = value
    elif column.value == c.DATE:
        cell.value = date.fromisoformat(value)
        cell.number_format = "yyyy-mm-dd"
    else:
        text = cells.format_value(column, value) if column.value in c.MULTI else str(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever the text starts with


def _help_sheet(book):
    from openpyxl.styles import Font

    sheet = book.create_sheet(str(_("Spalten")))
    sheet.append([str(_("Spalte")), str(_("gilt für")), str(_("Bedeutung")), str(_("Beispiel"))])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in c.COLUMNS:
        applies = ", ".join(sorted(str(c.KIND_LABELS[kind]) for kind in column.kinds))
        sheet.append([column.name, applies, str(column.label), column.example])
    for cell in sheet["D"]:
        cell.data_type = "s"


EMPTY = {"format": "foerderatlas/1", "institutions": [], "programmes": []}


def template_csv():
    return write_csv(EMPTY)


def template_xlsx():
    return write_xlsx(EMPTY, with_help=True)
