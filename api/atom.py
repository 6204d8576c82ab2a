"""New and updated programmes as an Atom feed (RFC 4287).

Entry ids are tag URIs ("tag:<host>,<created date>:programme:<id>") so a
feed reader recognises an updated programme as the same entry, whatever host
the feed was fetched from.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from catalogue.status import Status, days_left_in_words, deadlines_of, next_deadline, status_on, today

from .ical import uid_host

FEED_TYPE = "application/atom+xml; charset=utf-8"
FEED_LENGTH = 50
SUMMARY_CHARS = 600


def entry_id(programme):
    return f"tag:{uid_host()},{programme.created_at:%Y-%m-%d}:programme:{programme.slug}"


def summary(programme, on):
    """A few lines of plain text, escaped for the feed's HTML summary."""
    dates = deadlines_of(programme)
    status = status_on(dates, on)
    lines = [_("Status: %(status)s") % {"status": Status(status).label}]
    upcoming = next_deadline(dates, on)
    if upcoming:
        lines.append(
            _("Nächste Frist: %(date)s (%(left)s)")
            % {"date": upcoming.strftime("%d.%m.%Y"), "left": days_left_in_words(upcoming, on)}
        )
    if programme.amount_text:
        lines.append(_("Fördersumme: %(amount)s") % {"amount": programme.amount_text})
    text = programme.description
    if len(text) > SUMMARY_CHARS:
        text = text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
    return linebreaks(escape("\n".join(lines) + ("\n\n" + text if text else "")))


def feed_response(programmes, request, *, title, feed_url):
    """Atom feed of `programmes`, newest change first (deadlines prefetched)."""
    on = today()
    feed = Atom1Feed(
        title=title,
        link=request.build_absolute_uri("/"),
        description=_("Neue und geänderte Förderprogramme"),
        feed_url=feed_url,
        language=settings.LANGUAGE_CODE,
        author_name=settings.ATLAS_SITE_NAME,
        feed_guid=feed_url,
    )
    for programme in programmes:
        feed.add_item(
            title=programme.title,
            link=request.build_absolute_uri(programme.get_absolute_url()),
            description=summary(programme, on),
            unique_id=entry_id(programme),
            unique_id_is_permalink=False,
            pubdate=programme.created_at,
            updateddate=programme.updated_at,
        )
    return HttpResponse(feed.writeString("utf-8"), content_type=FEED_TYPE)
