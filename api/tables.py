"""Search results as one table for spreadsheets: one row per programme or
institution, German column headers, labels instead of codes. CSV and XLSX
exports write the same rows.

Rows are built from the API items (`api.serializers`), so a spreadsheet
shows what the API says.
"""

import csv
import io
from datetime import date

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from catalogue.cards import FACT_LABELS
from catalogue.interchange.fields import get_path
from catalogue.models import DeadlineKind, Institution
from catalogue.queries import published
from catalogue.status import Status
from catalogue.vocabularies import BY_KEY, VOCABULARIES

from .vocabularies import VOCABULARY_TABLES, translate_label

CSV_BOM = "\ufeff"
# A streamed CSV is sent in pieces of about this many characters.
CHUNK_CHARS = 32_768
# XLSX column widths in characters, measured on the first WIDTH_SAMPLE rows.
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE = 10, 60, 200
# A cell starting with one of these is a formula in Excel (CSV injection:
# anyone may submit a programme, so text from the catalogue is never trusted).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The vocabulary lists' columns as first published (spreadsheets and the
# scripts reading them rely on it); a vocabulary declared later gets its
# column after these, in declaration order, without being named here.
PUBLISHED_LIST_COLUMNS = ("applicant_types", "funding_kinds", "integration_areas", "target_groups", "regions")


def columns():
    """(header, function(item, labels) → value) for every column."""
    return [
        (_("Typ"), lambda i, lb: _("Förderprogramm") if i["type"] == "programme" else _("Förderer")),
        (_("Kennung"), lambda i, lb: i["id"]),
        (_("Titel oder Name"), lambda i, lb: i.get("title") or i.get("name")),
        (_("Status"), lambda i, lb: str(Status(i["status"]).label) if i.get("status") else None),
        (_("Nächste Frist"), lambda i, lb: _date(i.get("next_deadline"))),
        *_card_columns(),
        (
            _("Förderer"),
            lambda i, lb: _join(lb["institutions"].get(x["id"]) for x in i.get("institutions", [])),
        ),
        (_("Fördersumme"), lambda i, lb: _nested(i, "amount", "text")),
        (_("Mindestbetrag (EUR)"), lambda i, lb: _nested(i, "amount", "min_eur")),
        (_("Höchstbetrag (EUR)"), lambda i, lb: _nested(i, "amount", "max_eur")),
        (_("höchste Förderquote (%)"), lambda i, lb: _nested(i, "amount", "max_rate_percent")),
        (_("Eigenanteil"), lambda i, lb: _nested(i, "own_contribution", "text")),
        (_("Bewerbungsfrist"), _deadline_text),
        (_("Anträge möglich ab"), lambda i, lb: _date(_nested(i, "deadlines", "window_start"))),
        (_("Laufzeit von"), lambda i, lb: _date(_nested(i, "period", "start"))),
        (_("Laufzeit bis"), lambda i, lb: _date(_nested(i, "period", "end"))),
        (_("Antragsberechtigt"), lambda i, lb: _nested(i, "eligible", "text")),
        *_list_columns(),
        (_("Art des Förderers"), lambda i, lb: lb["institution_kinds"].get(i.get("kind"))),
        (_("Website"), lambda i, lb: i.get("website")),
        (_("Ansprechperson"), lambda i, lb: i["contact"]["name"]),
        (_("E-Mail"), lambda i, lb: i["contact"]["email"]),
        (_("Telefon"), lambda i, lb: i["contact"]["phone"]),
        (_("zuletzt geprüft"), lambda i, lb: _date(i["last_checked"])),
        (_("Adresse im Atlas"), lambda i, lb: i["url"]),
    ]


def _list_columns():
    """One column per declared vocabulary list, headed by its field label:
    the published ones in their published order, later ones after them."""
    listed = [v for v in VOCABULARIES if v.entries]
    published = [BY_KEY[key] for key in PUBLISHED_LIST_COLUMNS]
    return [
        (str(v.field_label), lambda i, lb, v=v: _labels(lb, v.key, get_path(i, v.path)))
        for v in [*published, *(v for v in listed if v not in published)]
    ]


def _card_columns():
    """The key facts in words, as on the result cards (`catalogue.cards`)."""
    header = _("Auf einen Blick: %(fact)s")
    return [
        (header % {"fact": label}, lambda i, lb, name=name: _nested(i, "card", name))
        for name, label in FACT_LABELS.items()
    ]


def _nested(item, key, field):
    return (item.get(key) or {}).get(field)


def _date(value):
    return date.fromisoformat(value) if value else None


def _join(values):
    return ", ".join(v for v in values if v) or None


def _labels(labels, vocabulary, codes):
    return _join(labels[vocabulary].get(code, code) for code in codes or [])


def _deadline_text(item, labels):
    deadlines = item.get("deadlines")
    if not deadlines:
        return None
    if deadlines["kind"] != "dates":
        return str(DeadlineKind(deadlines["kind"]).label)
    dates = [date.fromisoformat(d).strftime("%d.%m.%Y") for d in deadlines["dates"]]
    yearly = [_("jährlich am %(day)s") % {"day": f"{md[3:]}.{md[:2]}."} for md in deadlines["yearly"]]
    return _join(dates + yearly)


def label_maps():
    """Code → label for every vocabulary, and id → name of every published
    funder (a few thousand at most; known before the first row is written,
    so rows can stream)."""
    maps = {
        key: {v.code: translate_label(v.label) for v in model.objects.all()}
        for key, model in VOCABULARY_TABLES.items()
    }
    maps["institutions"] = dict(published(Institution.objects.all()).values_list("slug", "name"))
    return maps


def rows(items):
    """The header row, then one row of typed values per item (items may be
    a generator: one row at a time)."""
    cols = columns()
    labels = label_maps()
    yield [header for header, _value in cols]
    for item in items:
        yield [value(item, labels) for _header, value in cols]


def csv_text(value, decimal_comma):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        text = str(value)
        return text.replace(".", ",") if decimal_comma else text
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_lines(items, *, semicolon=False):
    """The CSV file as bytes, whole lines of about CHUNK_CHARS at a time
    (one write per row would cost a system call each): UTF-8 with BOM (Excel
    detects the encoding), CRLF line ends; with `semicolon` the separator and
    decimal comma German Excel expects."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if semicolon else ",", lineterminator="\r\n")
    yield CSV_BOM.encode("utf-8")
    for row in rows(items):
        writer.writerow([csv_text(value, semicolon) for value in row])
        if out.tell() >= CHUNK_CHARS:
            yield out.getvalue().encode("utf-8")
            out.seek(0)
            out.truncate()
    if out.tell():
        yield out.getvalue().encode("utf-8")


def to_csv(items, *, semicolon=False):
    return b"".join(csv_lines(items, semicolon=semicolon))


def to_xlsx(items):
    """A workbook for people: header row bold, frozen and with a filter, each
    column as wide as its header and the first rows' values need (capped)."""
    table = rows(items)
    header = next(table)
    body = list(table)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Treffer"))
    # A write-only sheet writes its view and columns before the first row.
    sheet.freeze_panes = "A2"
    for index, width in enumerate(column_widths(header, body[:WIDTH_SAMPLE]), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.append([_cell(sheet, value, bold=True) for value in header])
    for row in body:
        sheet.append([_cell(sheet, value) for value in row])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(body) + 1}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def column_widths(header, sample):
    """Characters per column: the longest of header and sample values, at
    least MIN_WIDTH, at most MAX_WIDTH (long texts wrap in the cell)."""
    widths = []
    for index, title in enumerate(header):
        longest = max([len(str(title)), *[len(_shown(row[index])) for row in sample]])
        widths.append(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))
    return widths


def _shown(value):
    if value is None:
        return ""
    return "00.00.0000" if isinstance(value, date) else str(value)


def _cell(sheet, value, *, bold=False):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if isinstance(value, date):
        cell.number_format = "DD.MM.YYYY"
    if bold:
        cell.font = Font(bold=True)
    return cell
