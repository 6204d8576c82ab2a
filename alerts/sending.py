"""`manage.py send_alerts`: one run of everything alerts send, plus the
clean-up. Meant for cron (README); safe to run as often as you like.

1. Search alerts: each distinct search of the confirmed subscriptions runs
   once (`watching.refresh`); each of its subscribers with news gets one
   mail listing it; nothing new, no mail.
2. Deadline reminders: 14 and 3 days before each deadline, once each.
3. Clean-up: pending entries older than `PENDING_DAYS` and searches no one
   watches any more are deleted.

All mails of a run go through one connection of Django's mail framework.
A mail the server refuses is logged and tried again next run: the
subscriber's "told until" moves only when the mail went out.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import groupby

from django.core import mail
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from catalogue.models import Programme
from catalogue.queries import published
from catalogue.status import REMINDER_DAYS, Status, deadlines_of, next_deadline, status_on, today
from search import vocabularies

from . import mails, watching
from .models import PENDING_DAYS, AlertQuery, Reminder, Subscription

log = logging.getLogger(__name__)


@dataclass
class Run:
    searches: int = 0
    alerts: int = 0
    reminders: int = 0
    failed: int = 0
    deleted: dict = field(default_factory=dict)


def items(pks, on):
    """{id: mails.Item} of the published programmes among `pks`."""
    programmes = published(Programme.objects.filter(pk__in=pks)).prefetch_related("deadlines")
    found = {}
    for programme in programmes:
        deadlines = deadlines_of(programme)
        found[programme.pk] = mails.Item(
            programme.title,
            programme.get_absolute_url(),
            status_on(deadlines, on),
            next_deadline(deadlines, on),
        )
    return found


def _send(connection, message, run):
    try:
        connection.send_messages([message])
    except (smtplib.SMTPException, OSError):
        log.exception("alerts: a mail could not be sent; it is tried again next run")
        run.failed += 1
        return False
    return True


class _Writes:
    """The database writes of a run, gathered and committed together every
    `EVERY` searches: one transaction instead of one per search and group
    (each commit waits for the disk). Mails go out before their writes, so
    a crash between the two can only repeat a mail, never lose one."""

    EVERY = 100

    def __init__(self, now):
        self.now, self.searches, self.told, self.pending = now, [], [], 0

    def add(self, search, changed, told):
        if changed:
            self.searches.append(search)
        self.told += told
        self.pending += 1
        if self.pending >= self.EVERY:
            self.flush()

    def flush(self):
        with transaction.atomic():
            AlertQuery.objects.bulk_update(self.searches, ["entered", "checked_at"], batch_size=100)
            for start in range(0, len(self.told), 500):
                chunk = self.told[start : start + 500]
                Subscription.objects.filter(pk__in=chunk).update(told_until=self.now)
        self.searches, self.told, self.pending = [], [], 0


def send_alerts(connection, run, *, now, on):
    # Without the searches: each one's map of matches is read once per group, not once per subscriber.
    subscriptions = list(
        Subscription.objects.filter(confirmed_at__isnull=False)
        .only("pk", "email", "language", "token", "told_until", "confirmed_at", "search_id")
        .order_by("search_id", "pk")
    )
    options = vocabularies.load()
    known = {}  # programme id → Item, shared by every search of the run
    rendered = {}  # mails alike but for the token, rendered once (mails.alert)
    writes = _Writes(now)
    for search_id, group in groupby(subscriptions, key=lambda s: s.search_id):
        run.searches += 1
        search = AlertQuery.objects.get(pk=search_id)
        entered, changed = watching.rerun(search, now, on=on, options=options)
        told = []
        for subscription in group:
            pks = watching.news(entered, subscription.told_until or subscription.confirmed_at)
            if not pks:
                continue
            missing = [pk for pk in pks if pk not in known]
            if missing:
                known.update(items(missing, on))
            listed = [known[pk] for pk in pks if pk in known]
            subscription.search = search
            if listed and _send(connection, mails.alert(subscription, listed, rendered), run):
                run.alerts += 1
                told.append(subscription.pk)
        writes.add(search, changed, told)
    writes.flush()


def due_reminder(programme, on, reminder):
    """(deadline, days) when a reminder is due today, else None: the next
    deadline is at most 14 (then 3) days away and that reminder was not sent."""
    deadlines = deadlines_of(programme)
    deadline = next_deadline(deadlines, on)
    if deadline is None or status_on(deadlines, on) == Status.EXPIRED:
        return None
    left = (deadline - on).days
    stage = next((days for days in sorted(REMINDER_DAYS) if left <= days), None)
    if stage is None:
        return None
    already = reminder.reminded_for == deadline and reminder.reminded_days is not None
    if already and reminder.reminded_days <= stage:
        return None
    return deadline, stage


def send_reminders(connection, run, *, on):
    reminders = Reminder.objects.filter(confirmed_at__isnull=False).select_related("programme")
    for reminder in reminders.prefetch_related("programme__deadlines").iterator(chunk_size=500):
        programme = reminder.programme
        if programme.state != "published":
            continue
        due = due_reminder(programme, on, reminder)
        if due is None:
            continue
        deadline, stage = due
        deadlines = deadlines_of(programme)
        item = mails.Item(programme.title, programme.get_absolute_url(), status_on(deadlines, on), deadline)
        if _send(connection, mails.reminder(reminder, item, (deadline - on).days), run):
            run.reminders += 1
            Reminder.objects.filter(pk=reminder.pk).update(reminded_for=deadline, reminded_days=stage)


def clean_up(run, *, now):
    """Unconfirmed after PENDING_DAYS: deleted. Searches without subscribers: deleted."""
    cutoff = now - timedelta(days=PENDING_DAYS)
    for model in (Subscription, Reminder):
        old = model.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff)
        run.deleted[model._meta.model_name] = old.delete()[0]
    # A day's grace: a search is created a moment before its first subscription.
    unwatched = AlertQuery.objects.annotate(n=Count("subscriptions")).filter(
        n=0, created_at__lt=now - timedelta(days=1)
    )
    run.deleted["search"] = AlertQuery.objects.filter(pk__in=unwatched.values("pk")).delete()[0]


def run_all(*, alerts=True, reminders=True, now=None, on=None):
    now, on = now or timezone.now(), on or today()
    run = Run()
    clean_up(run, now=now)
    with mail.get_connection() as connection:
        if alerts:
            send_alerts(connection, run, now=now, on=on)
        if reminders:
            send_reminders(connection, run, on=on)
    return run
