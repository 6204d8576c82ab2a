"""What the search feeds hold, read with bounded work whatever the size of
the catalogue or of the search's result (issue 14 item 6):

- the Atom feed: the FEED_LENGTH most recently changed programmes a search
  finds (`newest`): it walks the catalogue newest change first until it has
  enough (a broad search stops after one slice); a narrow one (at most FEW
  ids) asks for its ids directly;
- the deadline calendar: the NEXT_DEADLINES first upcoming deadlines of the
  programmes a search finds (`next_deadlines`), as `api.ical.upcoming_deadlines`
  defines them (one-off dates in [today, same day next year), the next
  occurrence of every yearly date, none for expired programmes). It reads
  the programmes in the order of their next deadline, which the in-memory
  index knows (`search.snapshot.Programmes.by_next_deadline`), and stops when the next one
  cannot reach the calendar: about NEXT_DEADLINES programmes, however many
  match or share a day.

Both take the programmes a search found (`search.core.matching_programmes`:
a set of ids read from the in-memory index, no entries read). Only the
entries shown are read, and a few more. On PostgreSQL the search's words
are tested only for the programmes a walk reaches while most of them hold
the words (`search.snapshot.ProgrammesWithText`): asking the index for a
common word reads every document that holds it.
"""

from itertools import islice, takewhile

from catalogue.models import Programme
from catalogue.queries import published

from .ical import upcoming_deadlines

# A search with at most this many matches is read by id, a broader one by
# walking the catalogue in the feed's order.
FEW = 1000
# Rows read by the first query of a walk; each further query reads twice as many.
STEP = 500
# Programmes a calendar reads at least at a time once it has read as many as it shows.
BATCH = 25


def _walk(queryset, found):
    """Rows of `queryset` (programmes' values_list, id last) of the
    programmes a search `found`, in its order. Read in slices (LIMIT/OFFSET)
    of growing size until the caller stops: with an index in that order the
    database reads no more than the slices, and the search's words are
    tested for no more than these (`snapshot.ProgrammesWithText`). Not
    `iterator()`: on PostgreSQL outside a transaction it declares a cursor
    WITH HOLD, which computes the whole result before the first row
    (100,000 rows for a broad search)."""
    start, size, shown, by_id = 0, STEP, 0, False
    while True:
        if not by_id and len(possible := found.possible()) <= FEW:
            # Every row shown so far is one of these, and the first of them.
            queryset, start, by_id = queryset.filter(pk__in=possible), shown, True
        rows = list(queryset[start : start + size])
        kept = set(found.among([row[-1] for row in rows]))
        for row in rows:
            if row[-1] in kept:
                shown += 1
                yield row
        if len(rows) < size:
            return
        start, size = start + size, size * 2


def newest(found, count):
    """The `count` most recently changed published programmes a search
    `found` (newest first, then by slug descending)."""
    order = published(Programme.objects.all()).order_by("-updated_at", "-slug")
    picked = [pk for (pk,) in islice(_walk(order.values_list("pk"), found), count)]
    programmes = Programme.objects.in_bulk(picked)
    return [programmes[pk] for pk in picked]


def _events(programmes, on):
    """[((day, place in A–Z), programme), …]: the upcoming deadlines of
    the published ones of `programmes` ({id: place in A–Z})."""
    read = published(Programme.objects.filter(pk__in=programmes)).prefetch_related("deadlines")
    return [((day, programmes[p.pk]), p) for p in read for day in upcoming_deadlines(p, on)]


def next_deadlines(found, on, count):
    """[(day, programme), …]: the first `count` upcoming deadlines of the
    published programmes a search `found` (`search.core.matching_programmes`),
    by day, then in A–Z as the search sorts.

    Programmes come in the order of their next deadline and place in A–Z,
    and none has a deadline before that: once one comes after the `count`th
    deadline read so far, neither it nor any later one can enter."""
    candidates = found.by_next_deadline()
    events, wanted = [], count
    while batch := {pk: place for _day, place, pk in islice(candidates, wanted)}:
        events = sorted(events + _events(batch, on), key=lambda event: event[0])[:count]
        if len(events) == count:
            (day, place), _programme = events[-1]
            last = (day.isoformat(), place)
            candidates = takewhile(lambda c, last=last: (c[0], c[1]) <= last, candidates)
        wanted = max(count - len(events), BATCH)
    return [(day, programme) for (day, _place), programme in events]
