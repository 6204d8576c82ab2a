"""Field-by-field differences between two snapshots of an entry, lists and
relations included, readable for the Redaktion: labels, not codes; the
changed words of a long text, not two walls of text."""

from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from catalogue import snapshots
from catalogue.models import Institution, Role

from .history import LONG_TEXT, word_diff

EMPTY = "–"


def _scalar(field, raw):
    if raw is None or raw == "" or raw == []:
        return EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=raw).first()
        return str(related) if related else str(raw)
    if isinstance(raw, bool):
        return _("ja") if raw else _("nein")
    if field.name == "links":
        return "\n".join(f"{link.get('title') or link['url']}: {link['url']}" for link in raw)
    if isinstance(raw, list):
        return "\n".join(str(item) for item in raw)
    return str(raw)


def _labels(model, codes):
    found = model._default_manager.in_bulk(codes)
    return ", ".join(str(found.get(code, code)) for code in codes) or EMPTY


def _deadlines(rows):
    parts = []
    for row in rows:
        if row.get("yearly"):
            parts.append(_("jährlich %(month_day)s") % {"month_day": row["yearly"]})
        else:
            parts.append(formats.date_format(date.fromisoformat(row["date"]), "SHORT_DATE_FORMAT"))
    return ", ".join(parts) or EMPTY


def _institutions(rows):
    names = Institution._default_manager.in_bulk([row["institution"] for row in rows])
    roles = dict(Role.choices)
    return (
        "\n".join(
            f"{names.get(row['institution'], row['institution'])} ({roles.get(row['role'], row['role'])})"
            for row in rows
        )
        or EMPTY
    )


def _row(label, old_raw, new_raw, old, new):
    long = (
        isinstance(old_raw, str) and isinstance(new_raw, str) and max(len(old_raw), len(new_raw)) > LONG_TEXT
    )
    return {"label": label, "old": old, "new": new, "diff": word_diff(old_raw, new_raw) if long else None}


def differences(model, old, new):
    """[{label, old, new, diff}] for every field, list or relation in which
    snapshot `new` differs from `old` (`old` may be {} for "nothing yet")."""
    rows = []
    old_fields, new_fields = old.get("fields", {}), new.get("fields", {})
    for field in snapshots.content_fields(model):
        a, b = old_fields.get(field.attname), new_fields.get(field.attname)
        if a != b:
            rows.append(_row(field.verbose_name, a, b, _scalar(field, a), _scalar(field, b)))
    for field in snapshots.list_fields(model):
        a, b = old.get("lists", {}).get(field.name, []), new.get("lists", {}).get(field.name, [])
        if sorted(a) != sorted(b):
            related = field.related_model
            rows.append(_row(field.verbose_name, None, None, _labels(related, a), _labels(related, b)))
    if snapshots.is_programme(model):
        a, b = old.get("deadlines", []), new.get("deadlines", [])
        if a != b:
            rows.append(_row(_("Bewerbungsfristen"), None, None, _deadlines(a), _deadlines(b)))
        a, b = old.get("institutions", []), new.get("institutions", [])
        if a != b:
            rows.append(_row(_("Beteiligte Institutionen"), None, None, _institutions(a), _institutions(b)))
    return rows
