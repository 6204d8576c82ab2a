"""Vocabulary values in use: count their uses, and merge one value into
another (every use re-pointed, then the value deleted).

Uses are found through the model's reverse relations, so a new relation to
a vocabulary (in any app) is covered without touching this module.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.services import bulk_writes
from search.index import reindex


def _relations(value):
    return [rel for rel in type(value)._meta.related_objects if rel.related_model is not type(value)]


def uses(value):
    """{using model: count} of the entries using `value`, e.g. {Programme: 3}."""
    found = {}
    for rel in _relations(value):
        if rel.many_to_many:
            count = getattr(value, rel.get_accessor_name()).count()
        else:
            count = rel.related_model._default_manager.filter(**{rel.field.name: value}).count()
        if count:
            found[rel.related_model] = found.get(rel.related_model, 0) + count
    return found


def describe_uses(found):
    """{Programme: 3, Institution: 1} → "3 Förderprogramme, 1 Förderer"."""
    return ", ".join(
        f"{count} {model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural}"
        for model, count in found.items()
    )


def entries_using(value):
    """Every entry (of any model) that uses `value`."""
    for rel in _relations(value):
        if rel.many_to_many:
            yield from getattr(value, rel.get_accessor_name()).all()
        else:
            yield from rel.related_model._default_manager.filter(**{rel.field.name: value})


def relabelled(value):
    """A value's label changed: the search index holds the label as part of
    each entry's text, so the entries using it are indexed again."""
    with bulk_writes():
        for entry in entries_using(value):
            reindex(entry)


@transaction.atomic
def merge(source, target):
    """Move every use of `source` to `target`, then delete `source`.
    Many-to-many uses go through the relation managers, so signals (search
    index) see them; an entry that had both keeps `target` once."""
    if source.pk == target.pk or type(source) is not type(target):
        raise ValueError(
            _("Ein Wert kann nur mit einem anderen Wert derselben Liste zusammengeführt werden.")
        )
    with bulk_writes():
        for rel in _relations(source):
            if rel.many_to_many:
                _repoint_many(rel, source, target)
            else:
                _repoint_foreign_keys(rel, source, target)
    source.delete()


def _repoint_many(rel, source, target):
    """Change each owner from its own side, so that its version history
    (django-simple-history tracks the owners' many-to-many fields) records it."""
    for owner in getattr(source, rel.get_accessor_name()).all():
        values = getattr(owner, rel.field.name)
        values.add(target)
        values.remove(source)


def _repoint_foreign_keys(rel, source, target):
    reason = _("Wert „%(source)s“ mit „%(target)s“ zusammengeführt") % {"source": source, "target": target}
    for owner in rel.related_model._default_manager.filter(**{rel.field.name: source}):
        setattr(owner, rel.field.name, target)
        owner._change_reason = reason  # django-simple-history
        owner.save(update_fields=[rel.field.name])
