"""Keep the search index in step with every write through the ORM: saves,
deletions, deadlines (the status), institution links (funder names are
text) and the many-to-many vocabularies (tags, and their labels are text).
Each only notes the entry; it is indexed once, before its transaction
commits (`search.index.reindex`). Registered in SearchConfig.ready()."""

from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from catalogue.models import Deadline, Institution, Programme, ProgrammeInstitution
from catalogue.services import entries_imported

from . import index
from .documents import TAG_FIELDS
from .models import SearchDocument

# The entries' vocabulary lists: their values are tags, their labels text.
M2M_FIELDS = {model: tuple(fields.values()) for model, fields in TAG_FIELDS.items()}


@receiver(post_save, sender=Programme, dispatch_uid="search_programme_saved")
def programme_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(instance)


@receiver(post_save, sender=Institution, dispatch_uid="search_institution_saved")
def institution_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(instance)  # and its programmes: the funder's name is their text


@receiver(pre_delete, sender=Programme, dispatch_uid="search_programme_deleting")
@receiver(pre_delete, sender=Institution, dispatch_uid="search_institution_deleting")
def entry_deleting(sender, instance, **kwargs):
    """The document goes with the entry (on_delete=CASCADE); its words go first."""
    document = SearchDocument.objects.filter(**{sender._meta.model_name: instance}).first()
    if document:
        index.forget_document(document)


@receiver(post_save, sender=Deadline, dispatch_uid="search_deadline_saved")
def deadline_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(Programme(pk=instance.programme_id))


@receiver(post_delete, sender=Deadline, dispatch_uid="search_deadline_deleted")
def deadline_deleted(sender, instance, origin=None, **kwargs):
    if _started_by(origin, Deadline):
        index.reindex(Programme(pk=instance.programme_id))


def _started_by(origin, model):
    """Whether a deletion started at `model` rather than cascading from its
    programme: indexing a programme that is being deleted would bring back
    the document the deletion has just removed."""
    return (origin.model if isinstance(origin, QuerySet) else type(origin)) is model


@receiver(post_save, sender=ProgrammeInstitution, dispatch_uid="search_link_saved")
def link_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index.reindex(Programme(pk=instance.programme_id))


@receiver(post_delete, sender=ProgrammeInstitution, dispatch_uid="search_link_deleted")
def link_deleted(sender, instance, origin=None, **kwargs):
    if _started_by(origin, ProgrammeInstitution):
        index.reindex(Programme(pk=instance.programme_id))


def vocabulary_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if not reverse:
        index.reindex(instance)
        return
    # A vocabulary value was changed from its side (value.programme_set.add(…)).
    model = sender._meta.get_field(_entry_field(sender)).related_model
    for pk in pk_set or ():
        index.reindex(model(pk=pk))


def _entry_field(through):
    return next(f.name for f in through._meta.get_fields() if f.name in ("programme", "institution"))


for model, names in M2M_FIELDS.items():
    for name in names:
        m2m_changed.connect(
            vocabulary_changed,
            sender=getattr(model, name).through,
            dispatch_uid=f"search_{model._meta.model_name}_{name}",
        )


@receiver(entries_imported, dispatch_uid="search_entries_imported")
def entries_written_in_bulk(sender, entries, **kwargs):
    """A bulk import wrote these entries without per-row signals."""
    for entry in entries:
        index.reindex(entry)
