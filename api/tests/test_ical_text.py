"""The feeds' events are written as text by `api.ical` (icalendar's
`Event` was most of a feed's time); byte for byte what icalendar writes,
for awkward titles and texts too."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import icalendar
import pytest
from django.test import RequestFactory

from api import ical
from catalogue.status import REMINDER_DAYS

AWKWARD = [
    "Kurz",
    "Ein, langer; Titel \\ mit Ümläuten und noch viel mehr Text, damit die Zeile gefaltet wird – ganz sicher",
    "x" * 73 + "\\n" + "y" * 80,  # a backslash escape right at a fold
    "ÄÖÜ" * 40,  # two octets a character across folds
    "Zeile\r\neins\rzwei\nDrei \\N vier",
    "😀 Emoji " * 12,
]


def library_event(programme, day, request):
    """The feed's event as icalendar built it before (the reference)."""
    event = icalendar.Event()
    event.add("uid", f"{programme.slug}-{day.isoformat()}@{ical.uid_host()}")
    event.add("dtstamp", programme.updated_at)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Bewerbungsfrist: {programme.title}")
    url = request.build_absolute_uri(programme.get_absolute_url())
    event.add("url", url)
    lines = [programme.amount_text, programme.deadline_note, url]
    event.add("description", "\n".join(line for line in lines if line))
    event.add("transp", "TRANSPARENT")
    for days in REMINDER_DAYS:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-days))
        alarm.add("description", f"Frist in {days} Tagen: {programme.title}")
        event.add_component(alarm)
    return event.to_ical().decode()


@pytest.mark.parametrize("text", AWKWARD)
def test_event_text_is_what_icalendar_writes(text, settings):
    settings.LANGUAGE_CODE = "de"
    programme = SimpleNamespace(
        slug="ein-programm",
        title=text,
        amount_text=text,
        deadline_note="Hinweis; mit, Zeichen",
        updated_at=datetime(2026, 11, 20, 10, 11, 12, 345678, tzinfo=UTC),
        get_absolute_url=lambda: "/foerderungen/ein-programm/",
    )
    request = RequestFactory().get("/api/v1/feeds/deadlines.ics")

    written = ical.deadline_event(programme, date(2027, 1, 7), request)

    assert written == library_event(programme, date(2027, 1, 7), request)
    assert all(len(line.encode()) <= 75 for line in written.split("\r\n"))
