"""Import `foerderatlas/1` documents: validate everything, then upsert by id,
all or nothing.

- Every error is reported (schema, links, duplicate ids, vocabularies, model
  limits), each with entry id and field; if there is any, nothing is written.
- An entry is upserted by its id (the slug): an existing one is overwritten
  with the document's content (a field missing from the document is cleared;
  deadlines and institution links are replaced), a new one is created as
  published. The workflow state of an existing entry is never changed.
- Raw HTML in Markdown fields is *converted* to Markdown, keeping its text
  (see `catalogue.pasted_html`), with a warning, so what is stored is the
  Markdown that is shown.
- Addresses are normalised first (`catalogue.validators.normalise_url`, with
  a warning), and every text passes the model fields' validators: the same
  rules as in the back office, so whatever it saved imports again.
- An entry whose export would not change is left alone (no history record)
  and counted as unchanged, so importing a file twice changes nothing.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db import transaction

from catalogue import translations
from catalogue.models import Institution, Programme, Workflow
from catalogue.pasted_html import html_to_markdown
from catalogue.services import bulk_writes

from . import addresses, checks, writing
from .fields import (
    CODE,
    DATE,
    INSTITUTION,
    INSTITUTION_FIELDS,
    INSTITUTION_VOCABULARIES,
    MARKDOWN,
    NUMBER,
    PROGRAMME,
    PROGRAMME_FIELDS,
    PROGRAMME_VOCABULARIES,
    TEXT,
    field_order,
    get_path,
)
from .validation import entries_of, schema_findings

MODELS = {
    INSTITUTION: (Institution, INSTITUTION_FIELDS, INSTITUTION_VOCABULARIES),
    PROGRAMME: (Programme, PROGRAMME_FIELDS, PROGRAMME_VOCABULARIES),
}
DEFAULTS = {"deadline_kind": "none"}  # a programme without `deadlines` says nothing about them
CHANGE_REASON = "Import foerderatlas/1"
# Steps `progress` hears of, in order: entries checked, written, then the
# search index and the commit (one step: they happen as the transaction ends).
CHECK, WRITE, INDEX = "check", "write", "index"
PROGRESS_STEPS = (CHECK, WRITE, INDEX)
PROGRESS_EVERY = 250


def _no_progress(step, done, total):
    pass


@dataclass
class ImportReport:
    """What an import found and did. Errors and warnings are dicts
    {source, kind, entry, field, message, code}; the id lists hold ids of
    institutions and programmes (institutions first, in document order)."""

    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    dry_run: bool = False
    before: dict = field(default_factory=dict)  # (kind, id) → stored export before the import

    @property
    def ok(self):
        return not self.errors


@dataclass
class _Plan:
    """One valid entry, ready to write."""

    entry: object
    instance: object
    is_new: bool
    vocabularies: dict  # many-to-many field → codes
    paths: dict  # model field → JSON path, for error messages
    warnings: list = field(default_factory=list)
    relations: object = None  # exporter.Relations, set when written


def import_document(data, *, dry_run=False, source=None, **options):
    """Validate and import one parsed document; returns an ImportReport."""
    return import_documents([(source, data)], dry_run=dry_run, **options)


def import_documents(
    documents,
    *,
    dry_run=False,
    validate_only=False,
    user=None,
    new_state=Workflow.PUBLISHED,
    progress=_no_progress,
):
    """Validate and import several parsed documents [(source, data), …] as one:
    ids are unique across them, links may cross them, all or nothing. New
    entries get `new_state`; `user` is named in history and revisions;
    `progress(step, done, total)` hears how far it got (see PROGRESS_STEPS).
    `validate_only` finds every error but neither writes nor rolls back
    (no created/updated lists): the quick check before a long import."""
    report = ImportReport(dry_run=dry_run)
    entries, valid = [], []
    for source, data in documents:
        data, normalised = addresses.normalise_document(source, data)
        report.warnings += normalised
        findings, invalid = schema_findings(source, data)
        report.errors += findings
        document_entries = entries_of(source, data)
        entries += document_entries
        valid += [e for e in document_entries if (e.kind, e.index) not in invalid]
    report.errors += checks.duplicate_ids(entries) + checks.institution_links(entries)
    report.errors += [error for entry in entries for error in checks.yearly_dates(entry)]
    report.errors += [error for entry in entries for error in checks.text_characters(entry)]
    known = _KnownCodes()
    plans = _plan_all(valid, report, known, new_state, progress)
    report.errors = _in_document_order(report.errors, entries)
    report.warnings = _in_document_order(report.warnings, entries)
    if not report.errors and not validate_only:
        _write_all(plans, report, known, dry_run=dry_run, user=user, progress=progress)
    return report


def _in_document_order(findings, entries):
    position = {}
    for number, entry in enumerate(entries):
        position.setdefault((entry.source, entry.kind, entry.label), number)
    return sorted(
        findings,
        key=lambda f: (
            position.get((f["source"], f["kind"], f["entry"]), -1),
            field_order(f["kind"], f["field"]),
        ),
    )


def _plan_all(valid, report, known, new_state, progress):
    existing = _existing(valid)
    plans = []
    for number, entry in enumerate(valid):
        if number % PROGRESS_EVERY == 0:
            progress(CHECK, number, len(valid))
        errors = checks.vocabulary_codes(entry, known)
        if errors or checks.yearly_dates(entry) or checks.text_characters(entry):
            report.errors += errors
            continue
        plan = _plan(entry, existing.get((entry.kind, entry.label)), new_state)
        report.errors += checks.model_errors(entry, plan.instance, plan.paths)
        report.warnings += checks.quality_warnings(entry) + plan.warnings
        plans.append(plan)
    return plans


class _KnownCodes:
    """The codes of each vocabulary table, one query per table."""

    def __init__(self):
        self.positions = {}

    def order(self, model):
        """{code: position} in the vocabulary's own order (Meta.ordering)."""
        if model not in self.positions:
            codes = model.objects.values_list("code", flat=True)
            self.positions[model] = {code: n for n, code in enumerate(codes)}
        return self.positions[model]

    def __call__(self, model):
        return self.order(model).keys()


def _existing(entries):
    """Stored entries by (kind, id): one query per kind."""
    found = {}
    for kind, (model, _fields, _vocabularies) in MODELS.items():
        slugs = [e.label for e in entries if e.kind == kind]
        found |= {(kind, obj.slug): obj for obj in model.objects.filter(slug__in=slugs)}
    return found


def _plan(entry, instance, new_state):
    model, fields, vocabularies = MODELS[entry.kind]
    plan = _Plan(entry, instance or model(slug=entry.label, state=new_state), instance is None, {}, {})
    for path, name, kind in fields:
        value = _value(get_path(entry.data, path), kind, name)
        if kind == MARKDOWN and value != (get_path(entry.data, path) or ""):
            plan.warnings.append(checks.html_warning(entry, path))
        setattr(plan.instance, f"{name}_id" if kind == CODE else name, value)
        plan.paths[name] = path
    plan.instance.sources = list(entry.data.get("sources", []))
    if "translations" in entry.data:  # without it (older files, CSV, XLSX) they stay as they are
        plan.instance.translations = translations.cleaned(entry.data["translations"])
    if entry.kind == PROGRAMME:
        plan.instance.links = [_link(link) for link in entry.data.get("links", [])]
    for path, (name, _model) in vocabularies.items():
        plan.vocabularies[name] = list(get_path(entry.data, path) or [])
    return plan


def _value(raw, kind, name):
    """A JSON value as the model field wants it; None/missing → the empty value."""
    if kind in (TEXT, MARKDOWN):
        text = raw or DEFAULTS.get(name, "")
        return html_to_markdown(text) if kind == MARKDOWN else text
    if raw is None:
        return None
    if kind == NUMBER:
        return Decimal(str(raw))  # via str: 0.1 stays 0.1, not 0.1000000000000000055…
    if kind == DATE:
        return date.fromisoformat(raw)
    return raw


def _link(link):
    return {"title": link["title"], "url": link["url"]} if link.get("title") else {"url": link["url"]}


def _write_all(plans, report, known, *, dry_run, user, progress):
    with bulk_writes(), transaction.atomic():
        progress(WRITE, 0, len(plans))
        written = writing.write(plans, known.order, user=user, reason=CHANGE_REASON)
        for label, outcome in written.outcomes:
            getattr(report, outcome).append(label)
        report.before = written.before
        progress(INDEX, len(plans), len(plans))  # the index is written as the block commits
        if dry_run:
            transaction.set_rollback(True)
