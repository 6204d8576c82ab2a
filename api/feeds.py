"""Feed views: Atom of new and updated programmes and iCalendar of
deadlines, for the whole atlas, for any search and for one programme.

A search's feeds hold its FEED_LENGTH (50) most recently changed programmes
and its NEXT_DEADLINES (100) next deadlines (`api.feed_entries`), so they
cost the same at any catalogue size; a programme's calendar holds all of its
upcoming deadlines."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from catalogue.models import Programme
from catalogue.queries import published
from catalogue.status import today
from search.core import matching_programmes

from . import feed_entries
from .atom import FEED_LENGTH, feed_response
from .http import catalogue_last_modified, error_response, not_found, set_last_modified
from .ical import calendar_response, events_response
from .listing import search_params, split_problems, with_warnings
from .serializers import PROGRAMME

# The calendar of a search holds its first this many upcoming deadlines
# (the Atom feed its FEED_LENGTH newest changes): bounded work per request.
NEXT_DEADLINES = 100


def programme_deadlines(request, slug):
    programme = published(Programme.objects.filter(slug=slug)).prefetch_related("deadlines").first()
    if programme is None:
        return not_found(_("Keine veröffentlichte Förderung hat die Kennung „%(id)s“.") % {"id": slug})
    name = _("Fristen: %(title)s") % {"title": programme.title}
    response = calendar_response([programme], request, name=name, filename=f"{programme.slug}.ics")
    return set_last_modified(response, catalogue_last_modified(programme.updated_at))


def _matching_ids(request):
    """(the programmes the request's search finds, as a set of ids,
    warnings, None) or (None, [], 400 response): validated as every search
    is, without reading the entries."""
    ids, problems = matching_programmes(search_params(request, type=PROGRAMME))
    errors, warnings = split_problems(problems)
    if errors:
        return None, [], error_response(errors, status=400)
    return ids, warnings, None


def deadlines(request):
    ids, warnings, failure = _matching_ids(request)
    if failure:
        return failure
    events = feed_entries.next_deadlines(ids, today(), NEXT_DEADLINES)
    name = _("Fristen im Förderatlas")
    response = events_response(events, request, name=name, filename="fristen.ics")
    moment = catalogue_last_modified(*[p.updated_at for _day, p in events])
    return with_warnings(set_last_modified(response, moment), warnings)


def programmes_atom(request):
    ids, warnings, failure = _matching_ids(request)
    if failure:
        return failure
    newest = feed_entries.newest(ids, FEED_LENGTH)
    prefetch_related_objects(newest, "deadlines")
    title = _("Förderatlas: neue und geänderte Förderprogramme")
    response = feed_response(newest, request, title=title, feed_url=request.build_absolute_uri())
    moment = catalogue_last_modified(*[p.updated_at for p in newest[:1]])
    return with_warnings(set_last_modified(response, moment), warnings)
