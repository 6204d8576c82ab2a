"""Version history of catalogue entries (django-simple-history), including
their vocabulary lists."""

from simple_history.models import HistoricalRecords


class EntryHistory(HistoricalRecords):
    """History that also records list changes made from the vocabulary side
    (`area.programme_set.add(programme)`, as a merge of values does): each
    changed entry gets a version, as if its own list had been edited.
    simple_history alone would look for a history on the vocabulary value."""

    def m2m_changed(self, instance, action, attr, pk_set, reverse, model=None, **kwargs):
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if action in ("post_add", "post_remove") and pk_set:
            for entry in model._default_manager.filter(pk__in=pk_set):
                super().m2m_changed(entry, action, attr, pk_set, False, **kwargs)
        return None


def m2m_history_model(model, field_name):
    """The table in which simple_history keeps a version's `field_name` list
    (`Historical<Model>_<field>`), for writers that fill it in bulk."""
    name = f"{model.history.model._meta.model_name}_{field_name}"
    return next(
        rel.related_model
        for rel in model.history.model._meta.related_objects
        if rel.related_model._meta.model_name == name
    )
