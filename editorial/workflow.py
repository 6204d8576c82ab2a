"""The editorial workflow: Entwurf → In Prüfung → Veröffentlicht → Archiviert.

Every change of state goes through `transition` (buttons, list actions, the
schedule), so each one is checked against the user's rights and leaves a
history record with a readable reason.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution, Programme, Workflow
from catalogue.status import today

from . import revisions
from .roles import can_publish


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    needs_publish_right: bool
    reason: str


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            _("Zur Prüfung einreichen"),
            frozenset({Workflow.DRAFT}),
            Workflow.REVIEW,
            False,
            _("Zur Prüfung eingereicht"),
        ),
        Transition(
            "publish",
            _("Veröffentlichen"),
            frozenset({Workflow.DRAFT, Workflow.REVIEW, Workflow.ARCHIVED}),
            Workflow.PUBLISHED,
            True,
            _("Veröffentlicht"),
        ),
        Transition(
            "archive",
            _("Archivieren"),
            frozenset({Workflow.DRAFT, Workflow.REVIEW, Workflow.PUBLISHED}),
            Workflow.ARCHIVED,
            True,
            _("Archiviert"),
        ),
        Transition(
            "draft",
            _("Zurück in Entwurf"),
            frozenset({Workflow.REVIEW, Workflow.PUBLISHED, Workflow.ARCHIVED}),
            Workflow.DRAFT,
            True,
            _("Zurück in Entwurf gesetzt"),
        ),
    ]
}


def allowed(user, entry, name):
    """May `user` apply transition `name` to `entry` in its current state?"""
    transition = TRANSITIONS[name]
    if transition.needs_publish_right and not can_publish(user):
        return False
    return entry.state in transition.sources


def available(user, entry):
    """The transitions `user` may apply to `entry` now, in display order."""
    return [t for t in TRANSITIONS.values() if allowed(user, entry, t.name)]


def transition(entry, name, user):
    """Apply transition `name`; returns False (and changes nothing) when the
    user may not or the entry is in the wrong state."""
    if not allowed(user, entry, name):
        return False
    step = TRANSITIONS[name]
    entry.state = step.target
    # A schedule that has been overtaken by hand must not fire later.
    if step.target == Workflow.PUBLISHED:
        entry.publish_at = None
    if step.target == Workflow.ARCHIVED:
        entry.archive_at = None
    with transaction.atomic():
        _save(entry, user, str(step.reason))
        revisions.transitioned(entry, user, str(step.reason))
    return True


def mark_checked(entry, user, on=None):
    """ "Als geprüft markieren": the editor confirms the entry is correct today."""
    if not can_publish(user):
        return False
    entry.last_checked = on or today()
    _save(entry, user, str(_("Als geprüft markiert")))
    return True


def _save(entry, user, reason):
    entry._change_reason = reason  # django-simple-history
    if user is not None:
        entry._history_user = user
    entry.save()


@dataclass
class ScheduleResult:
    published: list
    archived: list


def apply_schedule(now):
    """Publish entries whose `publish_at` has come and archive those whose
    `archive_at` has come; each time is cleared once applied, so sending an
    entry back to draft later is not undone by the schedule."""
    result = ScheduleResult([], [])
    with transaction.atomic():
        for model in (Institution, Programme):
            due = model.objects.filter(publish_at__lte=now).filter(
                Q(state=Workflow.DRAFT) | Q(state=Workflow.REVIEW)
            )
            for entry in due.select_for_update():
                entry.state, entry.publish_at = Workflow.PUBLISHED, None
                _save(entry, None, str(_("Zeitgesteuert veröffentlicht")))
                revisions.transitioned(entry, None, str(_("Zeitgesteuert veröffentlicht")))
                result.published.append(entry)
            due = model.objects.filter(archive_at__lte=now).exclude(state=Workflow.ARCHIVED)
            for entry in due.select_for_update():
                entry.state, entry.archive_at = Workflow.ARCHIVED, None
                _save(entry, None, str(_("Zeitgesteuert archiviert")))
                revisions.transitioned(entry, None, str(_("Zeitgesteuert archiviert")))
                result.archived.append(entry)
    return result
