"""One cell of a table ↔ one interchange value, in both directions.

Reading is lenient where editors' spreadsheets differ (German decimal comma,
dates as 31.03.2027, Excel date cells, "ja"/"nein"), writing is exact, so an
exported file imports unchanged. `parse` raises CellError with a German
message naming what was expected.
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from . import columns as c

SEPARATOR = re.compile(r"(?<!\\)\|")
GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
GERMAN_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?$")
THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
YEARLY = re.compile(r"^\d{2}-\d{2}$")
TRUE_WORDS = {"ja", "j", "true", "wahr", "1", "yes", "x"}
FALSE_WORDS = {"nein", "n", "false", "falsch", "0", "no"}
# Spreadsheet programs run a cell that starts like a formula; exports put an
# apostrophe in front (OWASP "CSV injection") and imports take it away again.
FORMULA_START = re.compile(r"^(?:[=+@\t\r]|-(?=\S))")


class CellError(ValueError):
    pass


def split(text):
    """ "a | b\\|c" → ["a", "b|c"]; empty parts dropped."""
    parts = (part.strip().replace("\\|", "|") for part in SEPARATOR.split(text))
    return [part for part in parts if part]


def join(values):
    return " | ".join(str(value).replace("|", "\\|") for value in values)


def unescape_formula(text):
    if text.startswith("'") and FORMULA_START.match(text[1:]):
        return text[1:]
    return text


def escape_formula(text):
    return "'" + text if FORMULA_START.match(text) else text


def is_empty(raw):
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse(column, raw):
    """The interchange value of a non-empty cell (str, or a number, date or
    bool from an XLSX cell)."""
    if isinstance(raw, str):
        raw = unescape_formula(raw)
    return PARSERS[column.value](raw)


def _text(raw):
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a phone number typed into a number cell
    if isinstance(raw, datetime | date):
        return _date(raw)
    return str(raw).strip()


def _number(raw):
    if isinstance(raw, bool):
        raise CellError(_("Keine Zahl: „%(value)s“.") % {"value": raw})
    if isinstance(raw, int | float):
        return int(raw) if float(raw).is_integer() else raw
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "").removesuffix("€").removesuffix("%")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")  # 1.500,50 → 1500.50
    elif THOUSANDS.match(text):
        text = text.replace(".", "")  # 5.000 is five thousand in a German amount
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Keine Zahl: „%(value)s“.") % {"value": raw}) from None
    if not value.is_finite():
        raise CellError(_("Keine Zahl: „%(value)s“.") % {"value": raw})
    return int(value) if value == value.to_integral_value() else float(value)


def _date(raw):
    if isinstance(raw, datetime):
        return raw.date().isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = str(raw).strip()
    match = GERMAN_DATE.match(text)
    try:
        if match:
            day, month, year = (int(group) for group in match.groups())
            return date(year, month, day).isoformat()
        return date.fromisoformat(text).isoformat() if len(text) == 10 else _bad_date(raw)
    except ValueError:
        return _bad_date(raw)


def _bad_date(raw):
    raise CellError(_("Kein gültiges Datum: „%(value)s“ (JJJJ-MM-TT oder TT.MM.JJJJ).") % {"value": raw})


def _boolean(raw):
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("Erwartet „ja“ oder „nein“, nicht „%(value)s“.") % {"value": raw})


def _yearly_one(text):
    match = GERMAN_DAY.match(text)
    if match:
        return f"{int(match.group(2)):02d}-{int(match.group(1)):02d}"
    if YEARLY.match(text):
        return text
    raise CellError(_("Kein jährliches Datum: „%(value)s“ (MM-TT oder TT.MM.).") % {"value": text})


def _link(text):
    *title, url = text.split()
    link = {"url": url}
    if title:
        link["title"] = " ".join(title)
    return link


def _institution(text):
    slug, _colon, role = text.partition(":")
    return {"id": slug.strip(), "role": role.strip() or "mittelgeber"}


def _deadline_kind(raw):
    word = str(raw).strip().lower()
    if word not in c.DEADLINE_KIND_WORDS:
        raise CellError(
            _("Unbekannte Art der Frist „%(value)s“: erlaubt sind dates, rolling, none.") % {"value": raw}
        )
    return c.DEADLINE_KIND_WORDS[word]


def _many(function):
    return lambda raw: [function(part) for part in split(_text(raw))]


def _markdown(raw):
    return raw.replace("\r\n", "\n") if isinstance(raw, str) else _text(raw)


PARSERS = {
    c.TEXT: _text,
    c.MARKDOWN: _markdown,
    c.TYPE: _text,
    c.NUMBER: _number,
    c.DATE: _date,
    c.BOOLEAN: _boolean,
    c.DEADLINE_KIND: _deadline_kind,
    c.CODES: _many(str),
    c.URLS: _many(str),
    c.DATES: _many(_date),
    c.YEARLY: _many(_yearly_one),
    c.LINKS: _many(_link),
    c.INSTITUTIONS: _many(_institution),
}


def format_value(column, value):
    """An interchange value as CSV text (XLSX writes numbers, dates and
    booleans natively, see writing.py)."""
    if column.value == c.NUMBER:
        return str(value).replace(".", ",")
    if column.value == c.BOOLEAN:
        return _("ja") if value else _("nein")
    if column.value == c.LINKS:
        return join(f"{link['title']} {link['url']}" if link.get("title") else link["url"] for link in value)
    if column.value == c.INSTITUTIONS:
        return join(f"{link['id']}:{link['role']}" for link in value)
    if column.value in c.MULTI:
        return join(value)
    return escape_formula(str(value))
