"""How the interchange format `foerderatlas/1` maps onto the catalogue models.

One table per entry type serves both directions, so the importer and the
exporter cannot drift apart. Paths are dotted JSON paths inside an entry:
"amount.min_eur" is `{"amount": {"min_eur": …}}`.
"""

import json
import re
from pathlib import Path

from catalogue import vocabularies
from catalogue.models import VOCABULARY_TABLES

FORMAT = "foerderatlas/1"
SCHEMA_FILE = Path(__file__).parent / "foerderatlas-1.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
ENTRY_ID = re.compile(SCHEMA["$defs"]["programme"]["properties"]["id"]["pattern"].strip("^$"))

# Kinds of scalar values.
TEXT = "text"
MARKDOWN = "markdown"  # raw HTML is stripped on import
NUMBER = "number"  # Decimal in the database, int or float in JSON
DATE = "date"
BOOLEAN = "boolean"
CODE = "code"  # a foreign key to a vocabulary, stored as `<field>_id`

COMMON_FIELDS = [
    ("description", "description", MARKDOWN),
    ("goals", "goals", MARKDOWN),
    ("contact.name", "contact_name", TEXT),
    ("contact.email", "contact_email", TEXT),
    ("contact.phone", "contact_phone", TEXT),
    ("contact.address", "contact_address", TEXT),
    ("last_checked", "last_checked", DATE),
]

INSTITUTION_FIELDS = [
    ("name", "name", TEXT),
    ("kind", "kind", CODE),
    ("website", "website", TEXT),
    *COMMON_FIELDS,
]

PROGRAMME_FIELDS = [
    ("title", "title", TEXT),
    ("amount.text", "amount_text", TEXT),
    ("amount.min_eur", "amount_min_eur", NUMBER),
    ("amount.max_eur", "amount_max_eur", NUMBER),
    ("amount.max_rate_percent", "amount_max_rate_percent", NUMBER),
    ("own_contribution.text", "own_contribution_text", TEXT),
    ("own_contribution.min_percent", "own_contribution_min_percent", NUMBER),
    ("own_contribution.in_kind_allowed", "own_contribution_in_kind_allowed", BOOLEAN),
    ("deadlines.kind", "deadline_kind", TEXT),
    ("deadlines.window_start", "window_start", DATE),
    ("deadlines.note", "deadline_note", TEXT),
    ("period.start", "period_start", DATE),
    ("period.end", "period_end", DATE),
    ("eligible.text", "eligible_text", TEXT),
    *COMMON_FIELDS,
]

INSTITUTION = "institution"
PROGRAMME = "programme"
# Top-level list of the document → entry kind.
LISTS = {"institutions": INSTITUTION, "programmes": PROGRAMME}


def _vocabularies(kind):
    """JSON path → (many-to-many field, vocabulary model) of the vocabulary
    lists of an entry kind (catalogue.vocabularies)."""
    return {v.path: (v.key, VOCABULARY_TABLES[v.key]) for v in vocabularies.lists_of(kind)}


INSTITUTION_VOCABULARIES = _vocabularies(INSTITUTION)
PROGRAMME_VOCABULARIES = _vocabularies(PROGRAMME)


def _schema_with_declared_lists(schema):
    """A vocabulary declared after the schema file was written is a list of
    codes at the top of its entries (the codes are checked against its
    table, catalogue.interchange.checks); the file's own lists stay as written."""
    for kind in LISTS.values():
        properties = schema["$defs"][kind]["properties"]
        for vocabulary in vocabularies.lists_of(kind):
            if "." not in vocabulary.path and vocabulary.path not in properties:
                properties[vocabulary.path] = {
                    "type": "array",
                    "items": {"type": "string"},
                    "uniqueItems": True,
                    "description": f"{vocabulary.key}: codes",
                }
    return schema


SCHEMA = _schema_with_declared_lists(SCHEMA)


def is_entry_id(value):
    """An id the schema allows: only such values may reach a database query
    (PostgreSQL refuses e.g. NUL in a parameter with an exception)."""
    return isinstance(value, str) and ENTRY_ID.fullmatch(value) is not None


def get_path(entry, path):
    """The value at a dotted path, or None: get_path(e, "amount.min_eur")."""
    value = entry
    for key in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def field_path(parts):
    """["deadlines", "dates", 0] → "deadlines.dates[0]"."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def field_order(kind, path):
    """Sort key of a field path inside an entry, in the schema's order of
    keys and numeric order of indexes: "amount.min_eur" before
    "amount.max_eur", "dates[2]" before "dates[10]", unknown keys last."""
    schema = SCHEMA["$defs"].get(kind, {})
    key = []
    for part in (p for p in re.split(r"[.\[\]]+", path) if p):
        if part.isdigit():
            key.append((int(part), ""))
            schema = schema.get("items", {})
            continue
        properties = schema.get("properties", {})
        key.append((list(properties).index(part) if part in properties else len(properties), part))
        schema = properties.get(part, {})
    return key


def entry_properties(kind):
    """The schema's properties of an entry kind, in the schema's order (the
    exporter writes keys in this order)."""
    return SCHEMA["$defs"][kind]["properties"]
