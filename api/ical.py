"""Bewerbungsfristen as an iCalendar feed (RFC 5545).

One all-day VEVENT per upcoming deadline: every one-off date from today up to
(not including) the same day next year, and the next occurrence of every
yearly date (always inside that window). Expired programmes have no upcoming
deadline. The UID "<programme-id>-<YYYY-MM-DD>@<host>" stays the same across
downloads, so a subscribed calendar updates events instead of duplicating them.
Each event carries alarms 14 and 3 days ahead (`catalogue.status.REMINDER_DAYS`);
the pages offer every feed to download and to subscribe to (webcal://).
"""

from datetime import UTC, date, timedelta
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
    """The VEVENT of one deadline, with its alarms, as iCalendar text.

    Written here rather than with `icalendar.Event`: the library spent about
    2 ms per event (folding every line character by character), most of a
    feed's time. The text is byte for byte what the library wrote
    (api/tests/test_ical_text.py holds it to that)."""
    url = request.build_absolute_uri(programme.get_absolute_url())
    lines = [programme.amount_text, programme.deadline_note, url]
    # DTSTAMP from the entry, not from the clock: the same data gives the same
    # bytes, so ETags hold and calendars see no phantom changes.
    properties = [
        ("SUMMARY", _text(_("Bewerbungsfrist: %(title)s") % {"title": programme.title})),
        ("DTSTART;VALUE=DATE", day.strftime("%Y%m%d")),
        ("DTEND;VALUE=DATE", (day + timedelta(days=1)).strftime("%Y%m%d")),
        ("DTSTAMP", programme.updated_at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")),
        ("UID", _text(f"{programme.slug}-{day.isoformat()}@{uid_host()}")),
        ("DESCRIPTION", _text("\n".join(line for line in lines if line))),
        ("TRANSP", "TRANSPARENT"),
        ("URL", url),
    ]
    alarms = "".join(reminder_alarm(programme, days) for days in REMINDER_DAYS)
    return f"BEGIN:VEVENT\r\n{_content(properties)}{alarms}END:VEVENT\r\n"


def reminder_alarm(programme, days):
    """A VALARM `days` before the (all-day) deadline; the calendar app shows it."""
    text = _("Frist in %(days)d Tagen: %(title)s") % {"days": days, "title": programme.title}
    properties = [("ACTION", "DISPLAY"), ("DESCRIPTION", _text(text)), ("TRIGGER", f"-P{days}D")]
    return f"BEGIN:VALARM\r\n{_content(properties)}END:VALARM\r\n"


def _text(value):
    """RFC 5545 TEXT escaping, in icalendar's order (backslash first)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _content(properties):
    return "".join(_fold(f"{name}:{value}") + "\r\n" for name, value in properties)


def _fold(line, limit=75):
    """Lines under `limit` octets, continued after CRLF + space, never
    splitting a UTF-8 character or a backslash escape (as icalendar folds).
    Cut on the encoded line: a calendar holds thousands of lines."""
    octets = line.encode()
    parts, start = [], 0
    while len(octets) - start >= limit:
        end = start + limit - 1
        while octets[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if end - start > 1 and octets[end - 1] in b"\\^":
            end -= 1  # carry the escape's backslash into the next line
        parts.append(octets[start:end].decode())
        start = end
    if not parts:
        return line
    parts.append(octets[start:].decode())
    return "\r\n ".join(parts)


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
    head, end = new_calendar(name, today()).to_ical().decode().rsplit("END:VCALENDAR", 1)
    body = "".join(deadline_event(programme, day, request) for day, programme in events)
    response = HttpResponse(f"{head}{body}END:VCALENDAR{end}".encode(), content_type=CALENDAR_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
