"""Reusable querysets of the catalogue. Each takes and returns a QuerySet.

`with_status` is the SQL twin of `catalogue.status.status_on`: it lets the
database filter, count and sort by status and next deadline, so no view ever
loads every programme into Python.
"""

import calendar
from datetime import timedelta

from django.db.models import Case, CharField, Exists, IntegerField, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat

from . import regions
from .models import Deadline, Workflow
from .status import CLOSING_SOON_DAYS, STATUS_RANK, Status
from .vocabularies import PROGRAMME, lists_of


def published(queryset):
    """Entries the public may see."""
    return queryset.filter(state=Workflow.PUBLISHED)


def for_region(queryset, code):
    """Entries whose Fördergebiet contains the region `code`: the region itself
    and every ancestor (a project in Northeim sees Northeim, Niedersachsen,
    Bund and EU offers)."""
    codes = regions.chain(regions.parents(), code)
    return queryset.filter(regions__code__in=codes).distinct()


def _yearly_in(year):
    """SQL for 'YYYY-MM-DD' of a yearly deadline in `year` (29 Feb → 28 Feb in
    common years, as in `status.yearly_occurrence`)."""
    month_day = "yearly"
    if not calendar.isleap(year):
        month_day = Case(When(yearly="02-29", then=Value("02-28")), default="yearly")
    return Concat(Value(f"{year}-"), month_day, output_field=CharField())


def _next_deadline(on):
    candidate = Case(
        When(date__gte=on, then=Cast("date", CharField())),
        When(~Q(yearly="") & Q(yearly__gte=on.strftime("%m-%d")), then=_yearly_in(on.year)),
        When(~Q(yearly=""), then=_yearly_in(on.year + 1)),
        default=None,
        output_field=CharField(),
    )
    return Subquery(
        Deadline.objects.filter(programme=OuterRef("pk"))
        .values("programme")
        .annotate(first=Min(candidate))
        .values("first")[:1],
        output_field=CharField(),
    )


def _month_days_between(first, last):
    """Every 'MM-DD' from first to last inclusive; a yearly 29 Feb counts on
    28 Feb of a common year, as in `status.yearly_occurrence`."""
    days = []
    day = first
    while day <= last:
        days.append(day.strftime("%m-%d"))
        if day.month == 2 and day.day == 28 and not calendar.isleap(day.year):
            days.append("02-29")
        day += timedelta(days=1)
    return days


def _has_deadline_between(first, last):
    own = Deadline.objects.filter(programme=OuterRef("pk"))
    return Exists(own.filter(Q(date__range=(first, last)) | Q(yearly__in=_month_days_between(first, last))))


def _has_future_deadline(on):
    """Yearly deadlines always come round again; one-off ones must lie ahead."""
    return Exists(Deadline.objects.filter(Q(date__gte=on) | ~Q(yearly=""), programme=OuterRef("pk")))


def _status_case(on, values):
    """One CASE over plain columns and two EXISTS tests, `values` mapping each
    Status to what the CASE yields. Kept free of the next-deadline subquery so
    the database evaluates nothing twice."""
    soon = on + timedelta(days=CLOSING_SOON_DAYS)
    return Case(
        When(period_end__lt=on, then=values[Status.EXPIRED]),
        When(~_has_future_deadline(on), deadline_kind="dates", then=values[Status.EXPIRED]),
        When(window_start__gt=on, then=values[Status.UPCOMING]),
        When(deadline_kind="none", then=values[Status.UNKNOWN]),
        When(_has_deadline_between(on, soon), deadline_kind="dates", then=values[Status.CLOSING_SOON]),
        default=values[Status.OPEN],
    )


def with_status(queryset, on):
    """Annotate programmes with `next_deadline` ('YYYY-MM-DD' or None),
    `status_code` (a Status value) and `status_rank` (expired last)."""
    codes = {status: Value(status.value, output_field=CharField()) for status in Status}
    ranks = {status: Value(STATUS_RANK[status.value], output_field=IntegerField()) for status in Status}
    return queryset.annotate(
        next_deadline=_next_deadline(on),
        status_code=_status_case(on, codes),
        status_rank=_status_case(on, ranks),
    )


def with_details(queryset):
    """Prefetch what a result card or detail page shows, in a fixed number of queries."""
    return queryset.prefetch_related("deadlines", *(vocabulary.key for vocabulary in lists_of(PROGRAMME)))
