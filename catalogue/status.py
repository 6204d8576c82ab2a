"""Status of a programme relative to a day: offen, Frist endet bald,
Frist unbekannt, demnächst, abgelaufen. Never stored; derived at request time.

"Frist unbekannt" (`Status.UNKNOWN`) is a programme whose funder says
nothing about when to apply: its deadline kind is "keine Angabe"
(`deadline_kind == "none"`: no dates, not rolling). A Laufzeit (period)
does not count as a deadline: it says how long funded projects run, not
until when one may apply. A period that has ended still makes such a
programme "abgelaufen", and a future "Anträge ab" still "demnächst".

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
    UNKNOWN = "unknown", _("Frist unbekannt")
    UPCOMING = "upcoming", _("demnächst")
    EXPIRED = "expired", _("abgelaufen")


# Expired last, unknown after open; the order of the status facet and of "sort by status".
STATUS_ORDER = [Status.CLOSING_SOON, Status.OPEN, Status.UNKNOWN, Status.UPCOMING, Status.EXPIRED]
# {status value: its place in STATUS_ORDER}: how lists rank statuses, in SQL
# (catalogue.queries.with_status) as in memory (public.selectors).
STATUS_RANK = {status.value: rank for rank, status in enumerate(STATUS_ORDER)}

# What a status filter value admits: "offen" means "applications possible
# now", which includes a deadline that closes soon.
FILTER_MEANS = {Status.OPEN: (Status.OPEN, Status.CLOSING_SOON)}

# Entries checked longer ago than this say so on card and page.
STALE_AFTER_MONTHS = 6


def statuses_admitted(code):
    """The status codes a filter value `code` admits: "open" → ["open", "closing_soon"]."""
    status = Status(code)
    return [s.value for s in FILTER_MEANS.get(status, (status,))]


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
    if deadlines.kind == "none":
        return Status.UNKNOWN
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


def months_between(earlier, later):
    """Whole calendar months from `earlier` to `later`: 2026-03-31 → 2026-11-30 is 7."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def months_since_check(last_checked, on):
    """Whole months since the last check when that is more than
    STALE_AFTER_MONTHS ago ("zuletzt geprüft vor 8 Monaten"), else None."""
    if last_checked is None:
        return None
    months = months_between(last_checked, on)
    stale = months > STALE_AFTER_MONTHS or (months == STALE_AFTER_MONTHS and last_checked.day != on.day)
    return months if stale else None


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
