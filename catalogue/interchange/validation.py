"""JSON Schema validation of a `foerderatlas/1` document, with every error
told in German and addressed by entry id and field.

jsonschema reports e.g. `'xyz' is not one of [...]` at the absolute path
["programmes", 3, "integration_areas", 1]; we turn that into
{"kind": "programme", "entry": "<id of programmes[3]>",
 "field": "integration_areas[1]", "message": "Unbekannter Code „xyz“.", "code": "unknown_code"}.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from jsonschema import Draft202012Validator

from ..problems import problem
from .fields import LISTS, SCHEMA, field_path

DOCUMENT = "document"
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
SHORT_ENUM = 12  # list the allowed values in the message up to this many

PATTERN_MESSAGES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": gettext_noop(
        "Ungültige Kennung „%(value)s“: erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche."
    ),
    "^\\d{4}-\\d{2}-\\d{2}$": gettext_noop("Kein Datum im Format JJJJ-MM-TT: „%(value)s“."),
    "^\\d{2}-\\d{2}$": gettext_noop("Kein jährliches Datum im Format MM-TT: „%(value)s“."),
    "^https?://": gettext_noop("Die Adresse muss mit http:// oder https:// beginnen: „%(value)s“."),
}
FORMAT_MESSAGES = {
    "date": gettext_noop("Kein gültiges Datum: „%(value)s“."),
    "uri": gettext_noop("Keine gültige Adresse (URL): „%(value)s“."),
    "email": gettext_noop("Keine gültige E-Mail-Adresse: „%(value)s“."),
}
TYPE_NAMES = {
    "string": "Text",
    "number": "Zahl",
    "integer": "ganze Zahl",
    "boolean": "true oder false",
    "null": "null",
    "array": "Liste",
    "object": "Objekt",
}


@dataclass(frozen=True)
class DocumentEntry:
    """One institution or programme as found in a document."""

    source: str | None
    kind: str
    index: int
    data: object

    @property
    def label(self):
        """The entry's id, or "#3" (its index in the list) when it has none."""
        entry_id = self.data.get("id") if isinstance(self.data, dict) else None
        return entry_id if isinstance(entry_id, str) and entry_id else f"#{self.index}"


def finding(entry, field, message, code):
    """One error or warning of `entry` (catalogue.problems: the one shape)."""
    label = entry.label if entry.kind != DOCUMENT else ""
    return problem(field, message, code, source=entry.source, kind=entry.kind, entry=label)


def entries_of(source, data):
    """Every entry of a document, institutions first."""
    if not isinstance(data, dict):
        return []
    return [
        DocumentEntry(source, kind, index, item)
        for key, kind in LISTS.items()
        if isinstance(data.get(key), list)
        for index, item in enumerate(data[key])
    ]


def _locate(source, data, path):
    """(entry, field path inside it) for an absolute jsonschema path."""
    if len(path) >= 2 and path[0] in LISTS and isinstance(path[1], int):
        entry = DocumentEntry(source, LISTS[path[0]], path[1], data[path[0]][path[1]])
        return entry, list(path[2:])
    return DocumentEntry(source, DOCUMENT, 0, data), list(path)


def _enum_message(error):
    allowed = error.validator_value
    if isinstance(error.instance, str):
        message = _("Unbekannter Code „%(value)s“.") % {"value": error.instance}
    else:
        message = _("Ungültiger Wert %(value)s.") % {"value": _show(error.instance)}
    if len(allowed) <= SHORT_ENUM:
        message += " " + _("Erlaubt: %(allowed)s.") % {"allowed": ", ".join(str(value) for value in allowed)}
    return message


def _show(value):
    return f"„{value}“" if isinstance(value, str) else repr(value)


def _type_message(error):
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return _("Falscher Typ %(value)s: erwartet %(expected)s.") % {
        "value": _show(error.instance),
        "expected": _(" oder ").join(TYPE_NAMES.get(name, name) for name in expected),
    }


def _message(error):
    """(German message, code) for one jsonschema error."""
    keyword, value, limit = error.validator, error.instance, error.validator_value
    simple = {
        "const": lambda: (
            _("Unbekanntes Format %(value)s; erwartet „%(expected)s“.")
            % {"value": _show(value), "expected": limit}
        ),
        "enum": lambda: _enum_message(error),
        "type": lambda: _type_message(error),
        "pattern": lambda: _(PATTERN_MESSAGES.get(limit, "Ungültiger Wert „%(value)s“.")) % {"value": value},
        "format": lambda: _(FORMAT_MESSAGES.get(limit, "Ungültiger Wert „%(value)s“.")) % {"value": value},
        "minLength": lambda: _("Darf nicht leer sein."),
        "maxLength": lambda: (
            _("Zu lang: höchstens %(limit)d Zeichen, hier %(length)d.")
            % {"limit": limit, "length": len(value)}
        ),
        "minimum": lambda: _("Muss mindestens %(limit)s sein.") % {"limit": limit},
        "maximum": lambda: _("Darf höchstens %(limit)s sein.") % {"limit": limit},
        "uniqueItems": lambda: _("Enthält Werte doppelt."),
        "anyOf": lambda: (
            _("Ungültiger Wert %(value)s: erwartet ein Datum (JJJJ-MM-TT) oder null.")
            % {"value": _show(value)}
        ),
    }
    codes = {"enum": "unknown_code" if isinstance(value, str) else "invalid_choice"}
    if keyword in simple:
        return simple[keyword](), codes.get(keyword, _snake(keyword))
    return error.message, _snake(keyword)


def _snake(keyword):
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in keyword)


def _expand(error, entry, field):
    """Findings for one error; `required` and `additionalProperties` name
    each property separately, so the field is the property itself."""
    if error.validator == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        return [
            finding(entry, field_path([*field, name]), _("Pflichtfeld fehlt."), "required")
            for name in missing
        ]
    if error.validator == "additionalProperties":
        known = error.schema.get("properties", {})
        extra = [name for name in error.instance if name not in known]
        return [
            finding(entry, field_path([*field, name]), _("Unbekanntes Feld."), "unknown_field")
            for name in extra
        ]
    message, code = _message(error)
    return [finding(entry, field_path(field), message, code)]


def schema_findings(source, data):
    """Every schema error of a document, at most one per field, and the
    (kind, index) of the entries that have any."""
    findings, seen = [], set()
    invalid = set()
    for error in sorted(VALIDATOR.iter_errors(data), key=_path_order):
        entry, field = _locate(source, data, list(error.absolute_path))
        invalid.add((entry.kind, entry.index))
        for item in _expand(error, entry, field):
            key = (item["kind"], entry.index, item["field"])
            if key not in seen:
                seen.add(key)
                findings.append(item)
    return findings, invalid


def _path_order(error):
    """Document order (institutions[2] before institutions[10]); on one field
    a pattern error before a format error, since it says what to write."""
    path = [(0, part, "") if isinstance(part, int) else (1, 0, part) for part in error.absolute_path]
    return path, error.validator == "format"
