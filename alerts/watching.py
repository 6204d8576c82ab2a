"""What is new for a search: the searches alerts watch, run again.

Each distinct search (`AlertQuery`) remembers which programmes it finds
and since when. Running it again adds the programmes it finds now with
the time of this run and forgets those it no longer finds (should one
match again later, it is news again). A subscriber told up to time T is
then told about every programme that entered after T: newly published
ones and ones that newly match (changed, or a status filter now holds).
Storing this once per search, not per subscriber, keeps the work of a run
proportional to the distinct searches, which many subscribers share.
"""

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.utils import timezone

from search.core import canonical_query, matching_programme_ids

from .models import AlertQuery


def millis(moment):
    return int(moment.timestamp() * 1000)


def watched_search(params):
    """The AlertQuery for a QueryDict of search parameters, created when
    new (two requests creating it at once both get the same one)."""
    query = canonical_query(params)
    key = AlertQuery.key_of(query)
    try:
        with transaction.atomic():
            return AlertQuery.objects.get_or_create(key=key, defaults={"query": query})[0]
    except IntegrityError:  # created in parallel between our read and our write
        return AlertQuery.objects.get(key=key)


def rerun(search, now, *, on=None, options=None):
    """Run the search again: (its new entries map, whether it changed);
    `search` holds the new map, unsaved."""
    found = matching_programme_ids(QueryDict(search.query), on=on, options=options)
    before = search.entered
    stamp = millis(now)
    entered = {str(pk): before.get(str(pk), stamp) for pk in found}
    changed = entered != before
    if changed:
        search.entered, search.checked_at = entered, now
    return entered, changed


def refresh(search, now=None, *, on=None):
    """Run the search again and save what entered; returns the entries map."""
    entered, changed = rerun(search, now or timezone.now(), on=on)
    if changed:
        AlertQuery.objects.filter(pk=search.pk).update(entered=entered, checked_at=search.checked_at)
    return entered


def news(entered, told_until):
    """Ids of the programmes that entered after `told_until`."""
    since = millis(told_until)
    return sorted(int(pk) for pk, stamp in entered.items() if stamp > since)
