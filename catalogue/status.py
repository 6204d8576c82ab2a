"""Status of a programme relative to a day: offen, Frist endet bald,
demnächst, abgelaufen. Never stored; derived at request time.

`catalogue.queries.with_status` computes the same thing in SQL for filtering,
counting and sorting; a test holds the two to the same answers.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

CLOSING_SOON_DAYS = 30
# Reminders before a deadline, in days: the e-mail reminders and the alarms of the calendar files.
REMINDER_DAYS = (14, 3)


class Status(models.TextChoices):
    OPEN = "open", _("offen")
    CLOSING_SOON = "closing_soon", _("Frist endet bald")
    UPCOMING = "upcoming", _("demnächst")
    EXPIRED = "expired", _("abgelaufen")


# Expired last; the order of the status facet and of "sort by status".
STATUS_ORDER = [Status.CLOSING_SOON, Status.OPEN, Status.UPCOMING, Status.EXPIRED]


@dataclass(frozen=True)
class Deadlines:
    """What a programme says about when to apply, e.g.
    Deadlines(kind="dates", dates=(date(2024, 10, 31),), yearly=("09-30",))."""

    kind: str = "none"  # dates | rolling | none
    dates: tuple = ()
    yearly: tuple = ()  # "MM-DD"
    window_start: date | None = None
    period_end: date | None = None


def today():
    """Today in Europe/Berlin, unless ATLAS_TODAY pins it."""
    if settings.ATLAS_TODAY:
        return settings.ATLAS_TODAY
    return datetime.now(ZoneInfo(settings.ATLAS_TIME_ZONE)).date()


def yearly_occurrence(month_day, year):
    """The date of a yearly MM-DD in a given year; 29 Feb falls on 28 Feb in
    common years so that the deadline is never skipped."""
    month, day = int(month_day[:2]), int(month_day[3:])
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_yearly(month_day, on):
    this_year = yearly_occurrence(month_day, on.year)
    return this_year if this_year >= on else yearly_occurrence(month_day, on.year + 1)


def next_deadline(deadlines, on):
    """The first deadline on or after `on`, or None."""
    if deadlines.kind != "dates":
        return None
    candidates = [d for d in deadlines.dates if d >= on]
    candidates += [next_yearly(md, on) for md in deadlines.yearly]
    return min(candidates, default=None)


def status_on(deadlines, on):
    if deadlines.period_end and deadlines.period_end < on:
        return Status.EXPIRED
    upcoming = next_deadline(deadlines, on)
    if deadlines.kind == "dates" and upcoming is None:
        return Status.EXPIRED
    if deadlines.window_start and deadlines.window_start > on:
        return Status.UPCOMING
    if upcoming and upcoming <= on + timedelta(days=CLOSING_SOON_DAYS):
        return Status.CLOSING_SOON
    return Status.OPEN


def days_left_in_words(deadline, on):
    """ "noch 12 Tage", "heute", "morgen" — for the status badge."""
    days = (deadline - on).days
    if days == 0:
        return str(_("Frist endet heute"))
    if days == 1:
        return str(_("Frist endet morgen"))
    return ngettext("noch %(days)d Tag", "noch %(days)d Tage", days) % {"days": days}


def deadlines_of(programme):
    """Read the Deadlines of a Programme (uses prefetched `deadlines`)."""
    rows = list(programme.deadlines.all())
    return Deadlines(
        kind=programme.deadline_kind,
        dates=tuple(r.date for r in rows if r.date),
        yearly=tuple(r.yearly for r in rows if r.yearly),
        window_start=programme.window_start,
        period_end=programme.period_end,
    )
