"""A whole institution or programme as one JSON value, and back.

A snapshot holds what an editor writes: every content field, the vocabulary
lists, and for a programme its deadlines and institution links (with roles).
It leaves out what the workflow owns (state, schedules, "zuletzt geprüft",
timestamps, version), so restoring or publishing a snapshot never brings
back an old state or re-arms an old "veröffentlichen am".

    {"fields": {"title": "…", "amount_max_eur": "5000.00", …},
     "lists": {"regions": ["ni"], …},
     "deadlines": [{"date": "2027-03-31", "yearly": ""}],
     "institutions": [{"institution": 4, "role": "mittelgeber", "position": 0}]}

The functions read the model's own field definitions, so they work on the
historical models of a data migration as well.
"""

from datetime import date
from decimal import Decimal

from django.db import models

from .services import bulk_writes

# Workflow and bookkeeping, never part of a revision.
WORKFLOW_FIELDS = frozenset(
    {"id", "state", "publish_at", "archive_at", "last_checked", "created_at", "updated_at", "version"}
)


def content_fields(model):
    return [f for f in model._meta.concrete_fields if f.name not in WORKFLOW_FIELDS]


def list_fields(model):
    """The vocabulary lists (many-to-many without a through model of ours)."""
    return [f for f in model._meta.many_to_many if f.remote_field.through._meta.auto_created]


def is_programme(model):
    return model._meta.model_name == "programme"


def _dump(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def field_values(model, snapshot):
    """{field name: value} of a snapshot's own fields, as a form's initial
    data wants them (a foreign key by its field name, with the key)."""
    fields = {f.attname: f for f in content_fields(model)}
    return {
        fields[attname].name: _load(fields[attname], raw)
        for attname, raw in snapshot.get("fields", {}).items()
        if attname in fields
    }


def _as_stored(field, value):
    """Decimal("5000") is stored and read back as Decimal("5000.00")."""
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal):
        return value.quantize(Decimal(1).scaleb(-field.decimal_places))
    return value


def _load(field, raw):
    if raw is None or isinstance(field, models.JSONField):
        return raw
    return field.to_python(raw)


def take(entry):
    """The snapshot of a stored entry as the database holds it now."""
    model = type(entry)
    lists = {f.name: getattr(entry, f.name).values_list("pk", flat=True) for f in list_fields(model)}
    if not is_programme(model):
        return of(entry, lists)
    return of(entry, lists, entry.deadlines.all(), entry.institution_links.order_by("position", "pk"))


def of(entry, lists, deadlines=(), links=()):
    """The snapshot of `entry`'s own values with the given relations (list
    field → pks; Deadline and ProgrammeInstitution rows, links in their
    order), as `take` would read them once stored: a bulk writer knows them
    without reading them back."""
    model = type(entry)
    snapshot = {
        "fields": {f.attname: _dump(_as_stored(f, getattr(entry, f.attname))) for f in content_fields(model)},
        "lists": {name: sorted(pks) for name, pks in lists.items()},
    }
    if is_programme(model):
        # Sorted here, not in SQL: databases disagree on where NULL dates go.
        rows = [{"date": _dump(d.date), "yearly": d.yearly} for d in deadlines]
        snapshot["deadlines"] = sorted(
            rows, key=lambda row: (row["date"] is None, row["date"] or "", row["yearly"])
        )
        snapshot["institutions"] = [
            {"institution": link.institution_id, "role": link.role, "position": link.position}
            for link in links
        ]
    return snapshot


def apply(entry, snapshot):
    """Write a snapshot onto `entry` and its relations (inside the caller's
    transaction). Vocabulary codes and institutions that no longer exist are
    skipped. One save per row, so the search index follows (its signals),
    once for the whole entry (`bulk_writes`)."""
    with bulk_writes():
        return _apply(entry, snapshot)


def _apply(entry, snapshot):
    model = type(entry)
    fields = {f.attname: f for f in content_fields(model)}
    for attname, raw in snapshot.get("fields", {}).items():
        if attname in fields:
            setattr(entry, attname, _load(fields[attname], raw))
    entry.save()
    for field in list_fields(model):
        codes = snapshot.get("lists", {}).get(field.name, [])
        existing = field.related_model._default_manager.filter(pk__in=codes).values_list("pk", flat=True)
        getattr(entry, field.name).set(list(existing))
    if is_programme(model):
        _replace_deadlines(entry, snapshot.get("deadlines", []))
        _replace_institution_links(entry, snapshot.get("institutions", []))
    return entry


def _replace_deadlines(programme, deadlines):
    deadline_model = programme.deadlines.model
    programme.deadlines.all().delete()
    for row in deadlines:
        deadline_model.objects.create(
            programme=programme,
            date=_load(deadline_model._meta.get_field("date"), row["date"]),
            yearly=row["yearly"],
        )


def _replace_institution_links(programme, links):
    link_model = programme.institution_links.model
    institution_model = link_model._meta.get_field("institution").related_model
    known = set(
        institution_model._default_manager.filter(pk__in=[link["institution"] for link in links]).values_list(
            "pk", flat=True
        )
    )
    programme.institution_links.all().delete()
    for link in links:
        if link["institution"] in known:
            link_model.objects.create(
                programme=programme,
                institution_id=link["institution"],
                role=link["role"],
                position=link["position"],
            )


def label_of(model, snapshot):
    """The title or name a snapshot carries."""
    fields = snapshot.get("fields", {})
    return fields.get("title") or fields.get("name") or fields.get("slug") or ""
