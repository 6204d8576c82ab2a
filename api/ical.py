"""Bewerbungsfristen as an iCalendar feed (RFC 5545).

One all-day VEVENT per upcoming deadline: every one-off date from today up to
(not including) the same day next year, and the next occurrence of every
yearly date (always inside that window). Expired programmes have no upcoming
deadline. The UID "<programme-id>-<YYYY-MM-DD>@<host>" stays the same across
downloads, so a subscribed calendar updates events instead of duplicating them.
Each event carries alarms 14 and 3 days ahead (`catalogue.status.REMINDER_DAYS`);
the pages offer every feed to download and to subscribe to (webcal://).
"""

from datetime import date, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

from catalogue.status import (
    REMINDER_DAYS,
    Status,
    deadlines_of,
    next_yearly,
    status_on,
    today,
    yearly_occurrence,
)

CALENDAR_TYPE = "text/calendar; charset=utf-8"
# How often a subscribing client should fetch the feed again.
REFRESH = timedelta(hours=12)


def uid_host():
    """The atlas's own host name: stable whatever host a request came in on."""
    return urlsplit(settings.ATLAS_BASE_URL).hostname or "localhost"


def upcoming_deadlines(programme, on):
    """Sorted dates of the programme's deadlines in [on, same day next year)."""
    dates = deadlines_of(programme)
    if dates.kind != "dates" or status_on(dates, on) == Status.EXPIRED:
        return []
    end = yearly_occurrence(on.strftime("%m-%d"), on.year + 1)
    found = {d for d in dates.dates if on <= d < end}
    found |= {next_yearly(month_day, on) for month_day in dates.yearly}
    return sorted(found)


def deadline_event(programme, day, request):
    event = icalendar.Event()
    event.add("uid", f"{programme.slug}-{day.isoformat()}@{uid_host()}")
    # DTSTAMP from the entry, not from the clock: the same data gives the same
    # bytes, so ETags hold and calendars see no phantom changes.
    event.add("dtstamp", programme.updated_at)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", _("Bewerbungsfrist: %(title)s") % {"title": programme.title})
    url = request.build_absolute_uri(programme.get_absolute_url())
    event.add("url", url)
    lines = [programme.amount_text, programme.deadline_note, url]
    event.add("description", "\n".join(line for line in lines if line))
    event.add("transp", "TRANSPARENT")
    for days in REMINDER_DAYS:
        event.add_component(reminder_alarm(programme, days))
    return event


def reminder_alarm(programme, days):
    """A VALARM `days` before the (all-day) deadline; the calendar app shows it."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    text = _("Frist in %(days)d Tagen: %(title)s") % {"days": days, "title": programme.title}
    alarm.add("description", text)
    return alarm


def new_calendar(name, on):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Förderatlas//Bewerbungsfristen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.ATLAS_TIME_ZONE)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    # All-day dates carry no zone; the VTIMEZONE tells clients the atlas's
    # zone for anything they derive (reminders, "today").
    calendar.add_component(
        icalendar.Timezone.from_tzid(
            settings.ATLAS_TIME_ZONE, first_date=date(on.year, 1, 1), last_date=date(on.year + 2, 1, 1)
        )
    )
    return calendar


def calendar_response(programmes, request, *, name, filename):
    """An .ics of every upcoming deadline of `programmes` (deadlines prefetched)."""
    on = today()
    events = [(day, p) for p in programmes for day in upcoming_deadlines(p, on)]
    events.sort(key=lambda pair: (pair[0], pair[1].title, pair[1].slug))
    return events_response(events, request, name=name, filename=filename)


def events_response(events, request, *, name, filename):
    """An .ics of `events`, [(day, programme), …] in calendar order."""
    calendar = new_calendar(name, today())
    for day, programme in events:
        calendar.add_component(deadline_event(programme, day, request))
    response = HttpResponse(calendar.to_ical(), content_type=CALENDAR_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
