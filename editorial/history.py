"""Readable differences between two versions of an entry.

django-simple-history stores a full copy of the row per save; `diff_against`
names the fields that differ. Long texts are compared word by word, so an
editor sees the one changed sentence of a description, not two walls of text.
"""

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe

WORDS = re.compile(r"(\s+)")
LONG_TEXT = 80
SKIPPED = {"updated_at", "created_at"}


def word_diff(old, new):
    """HTML of `new` with removed words in <del> and added words in <ins>:
    word_diff("bis 5.000 Euro", "bis 6.000 Euro") →
    'bis <del>5.000</del><ins>6.000</ins> Euro'."""
    a, b = WORDS.split(old or ""), WORDS.split(new or "")
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # every piece of text escaped above


def in_field_order(model, changes):
    """Changes in the order of the form, not of the field names."""
    order = {field.name: index for index, field in enumerate(model._meta.fields)}
    return sorted(changes, key=lambda change: order.get(change.field, len(order)))


def _display(record, field):
    value = getattr(record, field.attname)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if value is None or value == "":
        return "–"
    return value


def _display_many(field, rows):
    """Through-table rows of a tracked many-to-many field, e.g.
    [{"programme": 7, "targetgroup": "aeltere"}] → "Ältere Menschen"."""
    codes = [row[field.m2m_reverse_field_name()] for row in rows]
    labels = field.related_model._default_manager.in_bulk(codes)
    return ", ".join(str(labels.get(code, code)) for code in codes) or "–"


def changes(old_record, new_record):
    """[{label, old, new, diff}] for every field that differs between two
    historical records of one entry; `diff` is set for long texts only."""
    delta = new_record.diff_against(old_record, foreign_keys_are_objs=False)
    model = type(new_record.instance)
    rows = []
    for change in in_field_order(model, delta.changes):
        if change.field in SKIPPED:
            continue
        field = model._meta.get_field(change.field)
        if field.many_to_many:
            old, new = _display_many(field, change.old), _display_many(field, change.new)
        else:
            old, new = _display(old_record, field), _display(new_record, field)
        long = isinstance(change.old, str) and isinstance(change.new, str)
        long = long and max(len(change.old), len(change.new)) > LONG_TEXT
        rows.append(
            {
                "label": field.verbose_name,
                "old": old,
                "new": new,
                "diff": word_diff(change.old, change.new) if long else None,
            }
        )
    return rows
