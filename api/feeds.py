"""Feed views: Atom of new and updated programmes and iCalendar of
deadlines, for the whole atlas, for any search and for one programme."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _

from catalogue.models import Programme
from catalogue.queries import published

from .atom import FEED_LENGTH, feed_response
from .http import catalogue_last_modified, not_found, set_last_modified
from .ical import calendar_response
from .listing import matching_programmes, with_warnings


def programme_deadlines(request, slug):
    programme = published(Programme.objects.filter(slug=slug)).prefetch_related("deadlines").first()
    if programme is None:
        return not_found(_("Keine veröffentlichte Förderung hat die Kennung „%(id)s“.") % {"id": slug})
    name = _("Fristen: %(title)s") % {"title": programme.title}
    response = calendar_response([programme], request, name=name, filename=f"{programme.slug}.ics")
    return set_last_modified(response, catalogue_last_modified(programme.updated_at))


def deadlines(request):
    programmes, warnings, failure = matching_programmes(request)
    if failure:
        return failure
    prefetch_related_objects(programmes, "deadlines")
    name = _("Fristen im Förderatlas")
    response = calendar_response(programmes, request, name=name, filename="fristen.ics")
    moment = catalogue_last_modified(*[p.updated_at for p in programmes])
    return with_warnings(set_last_modified(response, moment), warnings)


def programmes_atom(request):
    programmes, warnings, failure = matching_programmes(request)
    if failure:
        return failure
    newest = sorted(programmes, key=lambda p: (p.updated_at, p.slug), reverse=True)[:FEED_LENGTH]
    prefetch_related_objects(newest, "deadlines")
    title = _("Förderatlas: neue und geänderte Förderprogramme")
    response = feed_response(newest, request, title=title, feed_url=request.build_absolute_uri())
    moment = catalogue_last_modified(*[p.updated_at for p in newest[:1]])
    return with_warnings(set_last_modified(response, moment), warnings)
