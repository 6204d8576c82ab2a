"""What the search feeds hold, read with bounded work whatever the size of
the catalogue or of the search's result (issue 14 item 6):

- the Atom feed: the FEED_LENGTH most recently changed programmes a search
  finds (`newest`);
- the deadline calendar: the NEXT_DEADLINES first upcoming deadlines of the
  programmes a search finds (`next_deadlines`), as `api.ical.upcoming_deadlines`
  defines them (one-off dates in [today, same day next year), the next
  occurrence of every yearly date, none for expired programmes).

Both take the set of matching programme ids (`search.core.matching_programme_ids`,
from the in-memory index, no entries read) and walk the catalogue in the
feed's own order (newest change first; deadline day first) until they have
enough: a broad search stops after a few rows, a narrow one (at most
FEW ids) asks for its ids directly. Only the entries shown are read.
"""

import heapq
from itertools import islice

from django.db.models import Q

from catalogue.models import Deadline, Programme
from catalogue.queries import published
from catalogue.status import next_yearly, yearly_occurrence

# A search with at most this many matches is read by id, a broader one by
# walking the catalogue in the feed's order.
FEW = 1000
# Rows read at a time while walking.
STEP = 500


def _walk(queryset, ids):
    """Rows of `queryset` (values_list, programme id last) whose programme
    is in `ids`, in its order: one query read STEP rows at a time, closed
    when the caller stops (an index in that order makes it read no more)."""
    queryset = queryset.filter(**{_programme_field(queryset) + "__in": ids}) if len(ids) <= FEW else queryset
    return (row for row in queryset.iterator(chunk_size=STEP) if row[-1] in ids)


def _programme_field(queryset):
    return "pk" if queryset.model is Programme else "programme_id"


def newest(ids, count):
    """The `count` most recently changed published programmes among `ids`
    (newest first, then by id descending)."""
    order = published(Programme.objects.all()).order_by("-updated_at", "-slug")
    picked = [pk for (pk,) in islice(_walk(order.values_list("pk"), ids), count)]
    programmes = Programme.objects.in_bulk(picked)
    return [programmes[pk] for pk in picked]


def _dated(on):
    """Deadline rows of programmes that can have upcoming deadlines: dated, not ended."""
    live = Q(programme__period_end__isnull=True) | Q(programme__period_end__gte=on)
    return Deadline.objects.filter(live, programme__deadline_kind="dates")


def _one_off(on):
    end = yearly_occurrence(on.strftime("%m-%d"), on.year + 1)
    rows = _dated(on).filter(date__gte=on, date__lt=end).order_by("date", "programme_id")
    return rows.values_list("date", "programme_id")


def _yearly(on, later_this_year):
    """Yearly deadlines in the order of their next occurrence: those still
    to come this year (`later_this_year`), or those already passed."""
    month_day = on.strftime("%m-%d")
    rows = _dated(on).exclude(yearly="")
    rows = rows.filter(yearly__gte=month_day) if later_this_year else rows.filter(yearly__lt=month_day)
    return rows.order_by("yearly", "programme_id").values_list("yearly", "programme_id")


def _occurrences(rows, on):
    return ((next_yearly(month_day, on), pk) for month_day, pk in rows)


def next_deadlines(ids, on, count):
    """[(day, programme), …]: the first `count` upcoming deadlines of the
    published programmes `ids` in the order of the calendar (day, title,
    id); every deadline on the day of the last one counted is read too, so
    the cut falls where the full list would put it."""
    streams = [
        _walk(_one_off(on), ids),
        _occurrences(_walk(_yearly(on, True), ids), on),
        _occurrences(_walk(_yearly(on, False), ids), on),
    ]
    events, last_day = set(), None
    for day, pk in heapq.merge(*streams):
        if last_day is not None and day > last_day:
            break
        events.add((day, pk))
        if len(events) == count:
            last_day = day
    programmes = Programme.objects.in_bulk({pk for _day, pk in events})
    ordered = sorted(
        ((day, programmes[pk]) for day, pk in events), key=lambda e: (e[0], e[1].title, e[1].slug)
    )
    return ordered[:count]
