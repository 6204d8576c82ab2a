"""Bulk import in the back office: an uploaded file (interchange JSON, CSV
or XLSX) → an interchange document → `import_document`, all or nothing.

Findings of the table reader and of the importer come out in one shape,
{row, column, entry, kind, field, message, code}, so the page can name the
row and column of a table or the entry and field of a JSON document.
"""

import json
from dataclasses import dataclass, field
from pathlib import PurePath

from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.interchange.exporter import export_document
from catalogue.interchange.fields import is_entry_id
from catalogue.interchange.importer import import_document
from catalogue.models import Institution, Programme, Workflow
from catalogue.problems import problem
from catalogue.services import bulk_writes

from .models import ImportRun
from .tabular import columns, partial, reading

JSON, CSV, XLSX = "json", "csv", "xlsx"
FORMATS = (JSON, CSV, XLSX)
MAX_BYTES = 10 * 1024 * 1024


@dataclass
class Prepared:
    """An uploaded file read into a document, with what went wrong on the way."""

    filename: str
    file_format: str
    document: dict | None
    errors: list = field(default_factory=list)
    rows: dict = field(default_factory=dict)  # "kind|id" → row number (tables only)
    columns: list = field(default_factory=list)  # a table's columns: only these are taken over

    def to_session(self):
        return {
            "filename": self.filename,
            "file_format": self.file_format,
            "document": self.document,
            "errors": self.errors,
            "rows": self.rows,
            "columns": self.columns,
        }

    @classmethod
    def from_session(cls, data):
        return cls(**data)


@dataclass
class Outcome:
    prepared: Prepared
    applied: bool
    errors: list
    warnings: list
    created: list  # [{kind, id, row}]
    updated: list  # [{kind, id, row, fields}]
    unchanged: list

    @property
    def ok(self):
        return not self.errors

    def to_json(self):
        """What the result page shows, without the document (an import job keeps this)."""
        shown = {**self.prepared.to_session(), "document": None}
        return {
            "prepared": shown,
            **{name: getattr(self, name) for name in OUTCOME_LISTS},
            "applied": self.applied,
        }

    @classmethod
    def from_json(cls, data):
        return cls(
            Prepared.from_session(data["prepared"]), data["applied"], *(data[n] for n in OUTCOME_LISTS)
        )


OUTCOME_LISTS = ("errors", "warnings", "created", "updated", "unchanged")


def detect_format(filename, data):
    suffix = PurePath(filename).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    if data.startswith(b"PK"):
        return XLSX
    return JSON if data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{") else CSV


def prepare(filename, data):
    """Read an upload; a file that cannot be read at all gives one error."""
    file_format = detect_format(filename, data)
    if len(data) > MAX_BYTES:
        return _unreadable(filename, file_format, _("Die Datei ist größer als 10 MB."))
    if file_format == JSON:
        return _prepare_json(filename, data)
    try:
        rows = reading.read_xlsx(data) if file_format == XLSX else reading.read_csv(data)
        table = reading.table_to_document(rows)
    except reading.TableError as error:
        return _unreadable(filename, file_format, str(error))
    rows_by_entry = {f"{kind}|{label}": row for (kind, label), row in table.rows.items()}
    partial.keep_absent_columns(table.document, table.columns, _current_entries(table.document))
    return Prepared(filename, file_format, table.document, table.errors, rows_by_entry, table.columns)


def _prepare_json(filename, data):
    try:
        document = json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        return _unreadable(filename, JSON, _("Die Datei ist nicht in UTF-8 kodiert."))
    except ValueError as error:
        if not isinstance(error, json.JSONDecodeError):
            return _unreadable(filename, JSON, str(error))
        message = _("Kein gültiges JSON in Zeile %(line)d, Spalte %(column)d: %(reason)s") % {
            "line": error.lineno,
            "column": error.colno,
            "reason": error.msg,
        }
        return _unreadable(filename, JSON, message)
    return Prepared(filename, JSON, document)


def _reject_constant(name):
    # NaN and Infinity are not JSON, and not amounts.
    raise ValueError(_("%(name)s ist keine Zahl im Sinne von JSON.") % {"name": name})


def _unreadable(filename, file_format, message):
    error = problem(None, message, "unreadable", row=None, column=None, entry="", kind="")
    return Prepared(filename, file_format, None, [error])


def run(prepared, *, apply, user=None, as_draft=False, **options):
    """Check (and with `apply` write) a prepared upload. Nothing is written
    unless the file and every entry in it are valid."""
    if prepared.document is None:
        return Outcome(prepared, False, prepared.errors, [], [], [], [])
    dry_run = not apply or bool(prepared.errors)
    user = user if user is not None and user.is_authenticated else None
    with transaction.atomic(), bulk_writes():
        report = import_document(
            prepared.document,
            dry_run=dry_run,
            source=prepared.filename,
            user=user,
            new_state=Workflow.DRAFT if as_draft else Workflow.PUBLISHED,
            **options,  # progress
        )
        applied = not dry_run and report.ok
        if applied:
            _log(prepared, report, user)
    # "old → new" from the importer's one read of the stored entries, before writing.
    return _outcome(prepared, report, applied, report.before)


def _log(prepared, report, user):
    created = _kind_ids(prepared.document, report.created)
    ImportRun.objects.create(
        user=user,
        filename=prepared.filename[:300],
        file_format=prepared.file_format,
        created=[f"{kind}:{slug}" for kind, slug in created],
        updated=[f"{kind}:{slug}" for kind, slug in _kind_ids(prepared.document, report.updated)],
        unchanged_count=len(report.unchanged),
    )


def _kind_ids(document, ids):
    """The importer reports bare ids; the document says which kind each is."""
    wanted = set(ids)
    return [
        (kind, entry["id"])
        for kind in ("institution", "programme")
        for entry in _entries(document, kind)
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] in wanted
    ]


def _entries(document, kind):
    """The list of entries of one kind, or [] when the document is malformed."""
    entries = document.get(f"{kind}s") if isinstance(document, dict) else None
    return entries if isinstance(entries, list) else []


def _current_entries(document):
    """The stored form of every entry the document names, for "what changes"."""
    slugs = {
        kind: [
            # Only ids the schema allows reach the query (PostgreSQL refuses NUL, issue 15).
            e["id"]
            for e in _entries(document, kind)
            if isinstance(e, dict) and is_entry_id(e.get("id"))
        ]
        for kind in ("institution", "programme")
    }
    stored = export_document(
        Institution.objects.filter(slug__in=slugs["institution"]),
        Programme.objects.filter(slug__in=slugs["programme"]),
    )
    return {
        (kind, entry["id"]): entry for kind in ("institution", "programme") for entry in stored[f"{kind}s"]
    }


def _outcome(prepared, report, applied, current):
    rows = prepared.rows
    errors = prepared.errors + [
        _locate(f, rows) for f in report.errors if not _reported_by_table(f, prepared)
    ]
    warnings = [_locate(f, rows) for f in report.warnings]
    created, updated = [], []
    for kind, slug in _kind_ids(prepared.document, report.created):
        created.append({"kind": kind, "id": slug, "row": rows.get(f"{kind}|{slug}")})
    for kind, slug in _kind_ids(prepared.document, report.updated):
        entry = _document_entry(prepared.document, kind, slug)
        before = current.get((kind, slug), {})
        fields = changed_fields(before, entry)
        updated.append(
            {
                "kind": kind,
                "id": slug,
                "row": rows.get(f"{kind}|{slug}"),
                "fields": fields,
                "changes": value_changes(before, entry, fields),
            }
        )
    return Outcome(prepared, applied, errors, warnings, created, updated, list(report.unchanged))


def _reported_by_table(finding, prepared):
    # A table reports doubled ids itself, with both row numbers.
    return prepared.file_format != JSON and finding["code"] == "duplicate_id"


def _locate(finding, rows):
    row = rows.get(f"{finding['kind']}|{finding['entry']}")
    column = columns.column_for_field(finding["field"]) if rows else None
    return {**finding, "row": row, "column": column}


def _document_entry(document, kind, slug):
    return next(e for e in document[f"{kind}s"] if isinstance(e, dict) and e.get("id") == slug)


def changed_fields(before, after):
    """Dotted paths whose values differ: {"amount": {"max_eur": 5}} vs
    {"amount": {"max_eur": 6}} → ["amount.max_eur"], in column order. Lists of codes compare
    without order, as the importer stores them in vocabulary order."""
    flat_before, flat_after = _flatten(before), _flatten(after)
    keys = (set(flat_before) | set(flat_after)) - {"id"}
    changed = [k for k in keys if _comparable(flat_before.get(k)) != _comparable(flat_after.get(k))]
    order = list(columns.BY_NAME)
    return sorted(changed, key=lambda k: (order.index(k) if k in order else len(order), k))


def value_changes(before, after, fields):
    """[{field, old, new}] for the dry run's "old → new", values as text."""
    flat_before, flat_after = _flatten(before), _flatten(after)
    return [
        {"field": name, "old": _shown(flat_before.get(name)), "new": _shown(flat_after.get(name))}
        for name in fields
    ]


def _shown(value, limit=120):
    if value is None:
        return ""
    if isinstance(value, list):
        value = " | ".join(
            str(item.get("url", item)) if isinstance(item, dict) else str(item) for item in value
        )
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flatten(entry, prefix=""):
    flat = {}
    for key, value in entry.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        elif value not in (None, "", []):
            flat[f"{prefix}{key}"] = value
    return flat


def _comparable(value):
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return sorted(value)
    return value
