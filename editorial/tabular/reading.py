"""Read a CSV or XLSX table into an interchange document, remembering which
row each entry came from, so that every error can name row and column.

Row numbers are those a spreadsheet program shows: the header is row 1, the
first entry row 2.
"""

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from catalogue.problems import problem

from . import cells
from . import columns as c

MAX_ROWS = 5000
HEADER_ROW = 1
CSV_DELIMITERS = ";,\t"


class TableError(ValueError):
    """The file cannot be read as a table at all."""


@dataclass
class Table:
    document: dict
    errors: list = field(default_factory=list)  # {row, column, entry, message, code}
    rows: dict = field(default_factory=dict)  # (kind, label) → row number
    columns: list = field(default_factory=list)  # the known column names of the header


def read_csv(data):
    """Rows of cells from CSV bytes: UTF-8 (with or without BOM) or, as
    German Excel saves it, Windows-1252; delimiter ; , or tab."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TableError(_("Die CSV-Datei ist nicht lesbar: %(reason)s") % {"reason": error}) from None


def read_xlsx(data):
    """Rows of cells of the first worksheet; cells keep their types (numbers,
    dates, booleans)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
            book.close()
    except (zipfile.BadZipFile, InvalidFileException, KeyError, IndexError, ValueError, OSError):
        raise TableError(_("Die Datei ist keine lesbare XLSX-Datei.")) from None
    return rows


def table_to_document(rows):
    """Table rows (header first) → Table with the document and every error
    found in the cells; raises TableError when there is nothing to read."""
    if not rows:
        raise TableError(_("Die Datei ist leer."))
    if len(rows) > MAX_ROWS + 1:
        raise TableError(_("Zu viele Zeilen: höchstens %(limit)d Einträge je Datei.") % {"limit": MAX_ROWS})
    table = Table(document={"format": "foerderatlas/1", "institutions": [], "programmes": []})
    names = _header(rows[0], table)
    table.columns = [name for name in names if name]
    seen_ids = {}
    for number, row in enumerate(rows[1:], start=HEADER_ROW + 1):
        cells_by_name = {name: value for name, value in zip(names, row, strict=False) if name}
        if all(cells.is_empty(value) for value in cells_by_name.values()):
            continue
        _read_row(number, cells_by_name, table, seen_ids)
    return table


def _header(row, table):
    """Column names of the header row; unknown or doubled ones are errors."""
    names = []
    for value in row:
        name = str(value).strip() if value is not None else ""
        if name and name not in c.BY_NAME:
            table.errors.append(_error(HEADER_ROW, name, "", _("Unbekannte Spalte."), "unknown_column"))
            name = ""
        elif name in names:
            table.errors.append(
                _error(HEADER_ROW, name, "", _("Die Spalte kommt doppelt vor."), "duplicate_column")
            )
            name = ""
        names.append(name)
    for required in ("type", "id"):
        if required not in names:
            table.errors.append(_error(HEADER_ROW, required, "", _("Pflichtspalte fehlt."), "missing_column"))
    return names


def _read_row(number, row, table, seen_ids):
    kind = c.TYPE_WORDS.get(str(row.get("type") or "").strip().lower())
    entry_id = "" if cells.is_empty(row.get("id")) else cells.parse(c.BY_NAME["id"], row["id"])
    if kind is None:
        message = _("Unbekannte Art „%(value)s“: erwartet programme oder institution.") % {
            "value": row.get("type") or ""
        }
        table.errors.append(_error(number, "type", entry_id, message, "unknown_type"))
        return
    if (kind, entry_id) in seen_ids and entry_id:
        message = _("Die Kennung „%(id)s“ steht schon in Zeile %(row)d.") % {
            "id": entry_id,
            "row": seen_ids[(kind, entry_id)],
        }
        table.errors.append(_error(number, "id", entry_id, message, "duplicate_id"))
        return
    seen_ids[(kind, entry_id)] = number
    entry = _entry(number, kind, entry_id, row, table)
    entries = table.document[f"{kind}s"]
    table.rows[(kind, entry_id or f"#{len(entries)}")] = number
    entries.append(entry)


def _entry(number, kind, entry_id, row, table):
    entry = {}
    for name, raw in row.items():
        column = c.BY_NAME[name]
        if column.value == c.TYPE or cells.is_empty(raw):
            continue
        if kind not in column.kinds:
            message = _("Diese Spalte gilt nicht für %(kind)s; bitte leer lassen.") % {
                "kind": c.KIND_LABELS[kind]
            }
            table.errors.append(_error(number, name, entry_id, message, "column_not_for_type"))
            continue
        try:
            _set_path(entry, name, cells.parse(column, raw))
        except cells.CellError as error:
            table.errors.append(_error(number, name, entry_id, str(error), "invalid_cell"))
    _infer_deadline_kind(entry)
    return entry


def _infer_deadline_kind(entry):
    """Dates without a kind mean fixed dates (the format would ignore them)."""
    deadlines = entry.get("deadlines", {})
    if "kind" not in deadlines and (deadlines.get("dates") or deadlines.get("yearly")):
        deadlines["kind"] = "dates"


def _set_path(entry, path, value):
    *parents, key = path.split(".")
    for part in parents:
        entry = entry.setdefault(part, {})
    entry[key] = value


def _error(row, column, entry, message, code):
    """A problem of the table (catalogue.problems); columns are named by the
    interchange paths, so the column is also the field."""
    return problem(column, message, code, row=row, column=column, entry=entry)
