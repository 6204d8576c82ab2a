"""Writing an import's checked entries in bulk, inside the caller's transaction.

One save per entry, per list and per deadline cost an import of 10,000
programmes about twenty minutes: six history versions per programme, a
reindex note per row. Here each kind (institutions first: programmes link to
them) is written with a few statements per batch:

- an entry whose export would not change is left alone: its export after the
  write is computed in memory (`exporter.Relations`) and compared with one
  bulk export of the stored entries, read once;
- new entries are inserted with `bulk_create`, changed ones written with
  `bulk_update` (version raised, so change forms opened before are stale);
- vocabulary lists, deadlines and institution links of changed entries are
  replaced by bulk deletes and inserts;
- each entry gets exactly one history record (django-simple-history's
  `bulk_history_create`, plus its list tables, filled here as its per-save
  code would);
- `catalogue.services.entries_imported` tells the other apps once per kind:
  the search index notes the entries (indexed in bulk before the transaction
  commits, ADR 0006), the Redaktion records a revision of each from the
  snapshot built here from what was written (`catalogue.snapshots.of`).
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import F
from django.utils import timezone

from catalogue import snapshots
from catalogue.history import m2m_history_model
from catalogue.models import Deadline, Institution, Programme, ProgrammeInstitution
from catalogue.services import entries_imported

from .exporter import Relations, export_document, institution_entry, programme_entry
from .fields import INSTITUTION, PROGRAMME

BATCH = 500
MODELS = {INSTITUTION: Institution, PROGRAMME: Programme}
EXPORTS = {INSTITUTION: institution_entry, PROGRAMME: programme_entry}


@dataclass
class Written:
    """What `write` did: [(id, "created" / "updated" / "unchanged")] in the
    order written, and the stored export of every existing entry
    before the write ((kind, id) → entry), for "old → new"."""

    outcomes: list = field(default_factory=list)
    before: dict = field(default_factory=dict)


def write(plans, vocabulary_order, *, user=None, reason=""):
    """Write the plans (importer._Plan) of one import. `vocabulary_order(model)`
    gives {code: position} of a vocabulary table."""
    written = Written(before=_stored_exports(plans))
    for kind in (INSTITUTION, PROGRAMME):
        model = MODELS[kind]
        changed = []
        for plan in (p for p in plans if p.entry.kind == kind):
            plan.relations = _relations(plan, model, vocabulary_order)
            if not plan.is_new and EXPORTS[kind](plan.instance, plan.relations) == written.before.get(
                (kind, plan.entry.label)
            ):
                written.outcomes.append((plan.entry.label, "unchanged"))
                continue
            written.outcomes.append((plan.entry.label, "created" if plan.is_new else "updated"))
            changed.append(plan)
        if changed:
            _write_kind(model, changed, user, reason)
    return written


def _stored_exports(plans):
    """The export of every stored entry the plans name: one bulk read."""
    slugs = {kind: [p.entry.label for p in plans if p.entry.kind == kind and not p.is_new] for kind in MODELS}
    stored = export_document(
        Institution.objects.filter(slug__in=slugs[INSTITUTION]),
        Programme.objects.filter(slug__in=slugs[PROGRAMME]),
    )
    return {(kind, entry["id"]): entry for kind in MODELS for entry in stored[f"{kind}s"]}


def _relations(plan, model, vocabulary_order):
    """The entry's lists, deadlines and links as they will be stored: codes
    once each in vocabulary order, as the exporter reads them back."""
    lists = {}
    for name, codes in plan.vocabularies.items():
        order = vocabulary_order(model._meta.get_field(name).related_model)
        lists[name] = sorted(dict.fromkeys(codes), key=order.__getitem__)
    if model is not Programme:
        return Relations(lists)
    deadlines = plan.entry.data.get("deadlines", {})
    rows = [(date.fromisoformat(day), "") for day in deadlines.get("dates", [])]
    rows += [(None, month_day) for month_day in deadlines.get("yearly", [])]
    links = [(link["id"], link["role"]) for link in plan.entry.data.get("institutions", [])]
    return Relations(lists, rows, links)


def _write_kind(model, plans, user, reason):
    new = [p.instance for p in plans if p.is_new]
    old = [p.instance for p in plans if not p.is_new]
    model.objects.bulk_create(new, batch_size=BATCH)
    _update_rows(model, old)
    old_pks = [entry.pk for entry in old]
    through_rows = _replace_lists(model, plans, old_pks)
    deadlines, links = {}, {}
    if model is Programme:
        deadlines = _by_programme(_replace_deadlines(plans, old_pks))
        links = _by_programme(_replace_links(plans, old_pks))
    _history(model, new, old, through_rows, user, reason)
    snapshot_of = {
        plan.instance.pk: snapshots.of(
            plan.instance,
            plan.relations.lists,
            deadlines.get(plan.instance.pk, ()),
            links.get(plan.instance.pk, ()),
        )
        for plan in plans
    }
    entries_imported.send(sender=model, entries=new + old, snapshot_of=snapshot_of, user=user, reason=reason)


def _by_programme(rows):
    grouped = {}
    for row in rows:
        grouped.setdefault(row.programme_id, []).append(row)
    return grouped


# Columns an import leaves as they are; `version` it raises in SQL.
_KEPT_COLUMNS = {"id", "slug", "state", "publish_at", "archive_at", "created_at", "version"}


def _update_rows(model, entries):
    """Every column the importer sets, plus the bookkeeping a save would do:
    one UPDATE statement, run for every entry (executemany). Django's
    `bulk_update` builds a CASE expression per column and row, which cost
    more CPU than the rest of an import of 1,000 changed programmes."""
    if not entries:
        return
    now = timezone.now()
    fields = [f for f in model._meta.concrete_fields if f.name not in _KEPT_COLUMNS]
    quote = connection.ops.quote_name
    version = quote(model._meta.get_field("version").column)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET "
        + ", ".join(f"{quote(f.column)} = %s" for f in fields)
        + f", {version} = {version} + 1 WHERE {quote(model._meta.pk.column)} = %s"
    )
    rows = []
    for entry in entries:
        entry.updated_at = now
        rows.append([f.get_db_prep_save(getattr(entry, f.attname), connection) for f in fields] + [entry.pk])
        entry.version = F("version") + 1  # as editorial.locking.raise_version on save
    with connection.cursor() as cursor:
        for batch in _each_batch(rows):
            cursor.executemany(sql, batch)


def _each_batch(values):
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


def _raw_delete(queryset):
    """Delete without loading rows or sending per-row signals (history, index
    notes): the import records one history version and one index note per
    entry itself. (`QuerySet._raw_delete` is Django's own fast path.)"""
    queryset._raw_delete(queryset.db)


def _replace_lists(model, plans, old_pks):
    """Replace every vocabulary list of the plans' entries; returns the new
    through rows per list field, for the history."""
    created = {}
    for name in plans[0].relations.lists:
        relation = model._meta.get_field(name)
        through = relation.remote_field.through
        own, other = f"{relation.m2m_field_name()}_id", f"{relation.m2m_reverse_field_name()}_id"
        for pks in _each_batch(old_pks):
            _raw_delete(through.objects.filter(**{f"{own}__in": pks}))
        rows = [
            through(**{own: plan.instance.pk, other: code})
            for plan in plans
            for code in plan.relations.lists[name]
        ]
        created[name] = through.objects.bulk_create(rows, batch_size=BATCH)
    return created


def _replace_deadlines(plans, old_pks):
    for pks in _each_batch(old_pks):
        _raw_delete(Deadline.objects.filter(programme_id__in=pks))
    rows = [
        Deadline(programme_id=plan.instance.pk, date=day, yearly=yearly)
        for plan in plans
        for day, yearly in plan.relations.deadlines
    ]
    return Deadline.objects.bulk_create(rows, batch_size=BATCH)


def _replace_links(plans, old_pks):
    for pks in _each_batch(old_pks):
        _raw_delete(ProgrammeInstitution.objects.filter(programme_id__in=pks))
    slugs = {slug for plan in plans for slug, _role in plan.relations.institutions}
    pks = {}
    for batch in _each_batch(sorted(slugs)):
        pks |= dict(Institution.objects.filter(slug__in=batch).values_list("slug", "pk"))
    rows = [
        ProgrammeInstitution(programme_id=plan.instance.pk, institution_id=pks[slug], role=role, position=n)
        for plan in plans
        for n, (slug, role) in enumerate(plan.relations.institutions)
    ]
    return ProgrammeInstitution.objects.bulk_create(rows, batch_size=BATCH)


def _history(model, new, old, through_rows, user, reason):
    """One history record per entry, with its lists, as simple_history's
    own save would write it."""
    records = []
    for entries, update in ((new, False), (old, True)):
        if entries:
            records += model.history.bulk_history_create(
                entries, batch_size=BATCH, update=update, default_user=user, default_change_reason=reason
            )
    record_of = {record.id: record.pk for record in records}
    for name, rows in through_rows.items():
        history_model = m2m_history_model(model, name)
        fields = [f.attname for f in rows[0]._meta.fields] if rows else []
        own = f"{model._meta.get_field(name).m2m_field_name()}_id"
        history_model.objects.bulk_create(
            [
                history_model(history_id=record_of[getattr(row, own)], **{a: getattr(row, a) for a in fields})
                for row in rows
            ],
            batch_size=BATCH,
        )
