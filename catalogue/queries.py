"""Reusable querysets of the catalogue. Each takes and returns a QuerySet.

`with_status` is the SQL twin of `catalogue.status.status_on`: it lets the
database filter, count and sort by status and next deadline, so no view ever
loads every programme into Python.
"""

import calendar
from datetime import timedelta

from django.db.models import Case, CharField, IntegerField, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Cast, Concat

from .models import Deadline, Workflow
from .status import CLOSING_SOON_DAYS, STATUS_ORDER, Status


def published(queryset):
    """Entries the public may see."""
    return queryset.filter(state=Workflow.PUBLISHED)


def for_region(queryset, code):
    """Entries whose Fördergebiet contains the region `code`: the region itself
    and every ancestor (a project in Northeim sees Northeim, Niedersachsen,
    Bund and EU offers)."""
    from .models import Region

    codes = []
    region = Region.objects.filter(code=code).values("code", "parent_id").first()
    while region:
        codes.append(region["code"])
        region = Region.objects.filter(code=region["parent_id"]).values("code", "parent_id").first()
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


def with_status(queryset, on):
    """Annotate programmes with `next_deadline` ('YYYY-MM-DD' or None),
    `status_code` (a Status value) and `status_rank` (expired last)."""
    soon = (on + timedelta(days=CLOSING_SOON_DAYS)).isoformat()
    queryset = queryset.annotate(next_deadline=_next_deadline(on))
    status = Case(
        When(period_end__lt=on, then=Value(Status.EXPIRED.value)),
        When(deadline_kind="dates", next_deadline__isnull=True, then=Value(Status.EXPIRED.value)),
        When(window_start__gt=on, then=Value(Status.UPCOMING.value)),
        When(next_deadline__lte=soon, then=Value(Status.CLOSING_SOON.value)),
        default=Value(Status.OPEN.value),
        output_field=CharField(),
    )
    rank = Case(
        *[When(status_code=s.value, then=Value(i)) for i, s in enumerate(STATUS_ORDER)],
        output_field=IntegerField(),
    )
    return queryset.annotate(status_code=status).annotate(status_rank=rank)


def with_details(queryset):
    """Prefetch what a result card or detail page shows, in a fixed number of queries."""
    return queryset.prefetch_related(
        "deadlines", "regions", "integration_areas", "target_groups", "applicant_types", "funding_kinds"
    )
