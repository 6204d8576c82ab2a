"""Revisions of whole entries: record, publish exactly one, send one back,
restore an old one as a new draft, and the Papierkorb.

The live tables (Institution, Programme and their relations) always hold the
version the public sees when the entry is published; revisions wait beside
them. Publishing a revision = applying its snapshot to the live tables in one
transaction (the search index follows through its signals).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue import snapshots
from catalogue.models import Institution, Programme, Workflow

from . import notifications
from .models import Revision

MODELS = {Revision.Kind.INSTITUTION: Institution, Revision.Kind.PROGRAMME: Programme}
PENDING = (Revision.State.DRAFT, Revision.State.REVIEW)


def kind_of(entry):
    return Revision.Kind(type(entry)._meta.model_name)


def revisions_of(entry):
    return Revision.objects.filter(kind=kind_of(entry), object_id=entry.pk)


def entry_of(revision):
    return MODELS[revision.kind]._default_manager.filter(pk=revision.object_id).first()


def record(entry, state, user=None, reason="", snapshot=None):
    """Store a new revision of `entry` (its live state, or `snapshot`)."""
    snapshot = snapshots.take(entry) if snapshot is None else snapshot
    kind = kind_of(entry)
    # Numbers are per entry; the caller's transaction holds the entry's row
    # lock (PostgreSQL) or the write lock (SQLite), so max + 1 is unique.
    last = Revision.objects.filter(kind=kind, object_id=entry.pk).aggregate(n=Max("number"))["n"] or 0
    return Revision.objects.create(
        kind=kind,
        object_id=entry.pk,
        number=last + 1,
        label=snapshots.label_of(type(entry), snapshot)[:500],
        snapshot=snapshot,
        state=state,
        reason=reason[:300],
        created_by=user if user is not None and user.is_authenticated else None,
    )


STATE_OF_ENTRY = {
    Workflow.DRAFT: Revision.State.DRAFT,
    Workflow.REVIEW: Revision.State.REVIEW,
    Workflow.PUBLISHED: Revision.State.PUBLISHED,
    Workflow.ARCHIVED: Revision.State.ARCHIVED,
}


BATCH = 500


def record_imported(sender, entries, snapshot_of, user=None, reason="", **kwargs):
    """`catalogue.services.entries_imported`: a bulk import wrote these
    entries (live tables) and gives their snapshots (`snapshot_of`:
    {pk: snapshot}); each gets a revision in the entry's state, with a few
    statements per batch."""
    if not entries:
        return
    kind = Revision.Kind(sender._meta.model_name)
    states = {entry.pk: entry.state for entry in entries}
    last = {}
    pks = sorted(states)
    for start in range(0, len(pks), BATCH):
        rows = Revision.objects.filter(kind=kind, object_id__in=pks[start : start + BATCH])
        last |= dict(rows.order_by().values_list("object_id").annotate(n=Max("number")))
    author = user if user is not None and user.is_authenticated else None
    Revision.objects.bulk_create(
        [
            Revision(
                kind=kind,
                object_id=pk,
                number=last.get(pk, 0) + 1,
                label=snapshots.label_of(sender, snapshot)[:500],
                snapshot=snapshot,
                state=STATE_OF_ENTRY[states[pk]],
                reason=reason[:300],
                created_by=author,
            )
            for pk, snapshot in snapshot_of.items()
        ],
        batch_size=BATCH,
    )


def bump_version(entry):
    """Make every change form loaded before now stale."""
    type(entry)._default_manager.filter(pk=entry.pk).update(version=F("version") + 1)


def latest(entry):
    return revisions_of(entry).exclude(state=Revision.State.DELETED).first()


def pending_of(entry):
    """Revisions waiting beside a published entry, newest first."""
    return revisions_of(entry).filter(state=Revision.State.REVIEW)


def decidable(revision):
    """Whether the Redaktion may still publish or send back `revision`: it
    waits, or its author's own later save replaced it (that save is built on
    it) and nothing newer has been published since; an editor who reviewed
    it can still publish exactly what they saw (issue 15, reproduction 2)."""
    if revision.state in PENDING:
        return True
    if revision.state != Revision.State.SUPERSEDED:
        return False
    later = Revision.objects.filter(
        kind=revision.kind, object_id=revision.object_id, number__gt=revision.number
    )
    return (
        later.filter(state__in=PENDING, created_by=revision.created_by).exists()
        and not later.filter(state=Revision.State.PUBLISHED).exists()
    )


def supersede_own(revision):
    """The author's earlier revisions still waiting are replaced by this one
    (it was made from the newest of them)."""
    older = revisions_of(entry_of(revision)).filter(
        number__lt=revision.number, state=Revision.State.REVIEW, created_by=revision.created_by
    )
    older.update(state=Revision.State.SUPERSEDED)


def submitted(revision):
    """A funder's revision is waiting: tell the Redaktion."""
    transaction.on_commit(lambda: notifications.revision_submitted(revision))


@dataclass
class PublishOutcome:
    revision: Revision
    newer: list  # revisions saved after the published one, still waiting


def publish(revision, user):
    """Apply exactly this revision to the live tables and publish the entry.
    Revisions saved after it stay where they are (and are reported)."""
    with transaction.atomic():
        entry = MODELS[revision.kind]._default_manager.select_for_update().get(pk=revision.object_id)
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        snapshots.apply(entry, revision.snapshot)
        entry.state, entry.publish_at = Workflow.PUBLISHED, None
        entry._change_reason = _("Fassung %(number)d veröffentlicht") % {"number": revision.number}
        entry._history_user = user
        entry.save()
        _close(revision, Revision.State.PUBLISHED, user)
        older = revisions_of(entry).filter(number__lt=revision.number, state__in=PENDING)
        older.update(state=Revision.State.SUPERSEDED)
        newer = list(revisions_of(entry).filter(number__gt=revision.number, state__in=PENDING))
        transaction.on_commit(lambda: notifications.revision_decided(revision))
    return PublishOutcome(revision, newer)


def send_back(revision, user, comment):
    """The Redaktion returns a revision with a comment the funder sees."""
    with transaction.atomic():
        revision = Revision.objects.select_for_update().get(pk=revision.pk)
        revision.comment = comment
        _close(revision, Revision.State.RETURNED, user)
        entry = entry_of(revision)
        if entry is not None and entry.state == Workflow.REVIEW:
            entry.state = Workflow.DRAFT
            entry._change_reason = _("Fassung %(number)d zurückgegeben") % {"number": revision.number}
            entry._history_user = user
            entry.save()
        transaction.on_commit(lambda: notifications.revision_decided(revision))
    return revision


def _close(revision, state, user):
    revision.state, revision.reviewed_by, revision.reviewed_at = state, user, timezone.now()
    revision.save(update_fields=["state", "comment", "reviewed_by", "reviewed_at"])


def restore(revision, user):
    """A new draft revision with everything `revision` had. An entry that is
    not public takes it over at once (as a draft, any schedule cleared); a
    published one keeps its public version until the draft is published."""
    with transaction.atomic():
        entry = MODELS[revision.kind]._default_manager.select_for_update().get(pk=revision.object_id)
        reason = _("Wiederhergestellt aus Fassung %(number)d") % {"number": revision.number}
        if entry.state != Workflow.PUBLISHED:
            snapshots.apply(entry, revision.snapshot)
            entry.state, entry.publish_at, entry.archive_at = Workflow.DRAFT, None, None
            entry._change_reason, entry._history_user = reason, user
            entry.save()
        else:
            bump_version(entry)
        return record(entry, Revision.State.DRAFT, user, reason, snapshot=revision.snapshot)


def transitioned(entry, user, reason):
    """After a workflow step: the step is a revision of its own, unless it
    publishes exactly the pending revision that was submitted."""
    waiting = latest(entry)
    if (
        entry.state == Workflow.PUBLISHED
        and waiting is not None
        and waiting.state in PENDING
        and waiting.snapshot == snapshots.take(entry)
    ):
        _close(waiting, Revision.State.PUBLISHED, user)
        transaction.on_commit(lambda: notifications.revision_decided(waiting))
        return waiting
    return record(entry, entry.state, user, reason)


def entry_deleting(sender, instance, **kwargs):
    """pre_delete: keep a deleted entry's last state in the Papierkorb
    (before the deletion cascades to its deadlines and links)."""
    record(instance, Revision.State.DELETED, getattr(instance, "_history_user", None), _("Gelöscht"))


def in_trash():
    """The Papierkorb: deleted-entry revisions whose entry is still gone."""
    found = Revision.objects.filter(state=Revision.State.DELETED)
    for kind, model in MODELS.items():
        found = found.exclude(kind=kind, object_id__in=model._default_manager.values("pk"))
    return found


def restore_from_trash(revision, user):
    """Bring a deleted entry back as a draft, under its old number and id."""
    model = MODELS[revision.kind]
    with transaction.atomic():
        if model._default_manager.filter(pk=revision.object_id).exists():
            return None
        slug = revision.snapshot.get("fields", {}).get("slug")
        if model._default_manager.filter(slug=slug).exists():
            return None
        entry = model(pk=revision.object_id, state=Workflow.DRAFT)
        entry._change_reason, entry._history_user = _("Aus dem Papierkorb wiederhergestellt"), user
        snapshots.apply(entry, revision.snapshot)
        record(
            entry, Revision.State.DRAFT, user, _("Aus dem Papierkorb wiederhergestellt"), revision.snapshot
        )
    return entry
