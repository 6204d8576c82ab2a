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
