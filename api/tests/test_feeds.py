"""Atom feed of new and updated programmes; iCalendar feeds of deadlines."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest

from catalogue.models import Programme
from catalogue.tests.factories import ProgrammeFactory

from .factories import demo_like_catalogue
from .helpers import assert_errors

pytestmark = pytest.mark.django_db


def touch(slug, hours_ago):
    moment = datetime(2026, 11, 24, 12, tzinfo=ZoneInfo("UTC")) - timedelta(hours=hours_ago)
    Programme.objects.filter(slug=slug).update(updated_at=moment, created_at=moment - timedelta(days=30))


def events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_atom_feed_parses_and_lists_newest_change_first(client):
    demo_like_catalogue()
    for hours, slug in enumerate(["sport-verbindet", "sprachbruecken", "kultur-vor-ort"]):
        touch(slug, hours)

    response = client.get("/api/v1/feeds/programmes.atom?region=03155&status=open&status=unknown")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    assert feed.version == "atom10"
    assert feed.feed.title == "Förderatlas: neue und geänderte Förderprogramme"
    slugs = [entry.link.rstrip("/").rsplit("/", 1)[1] for entry in feed.entries]
    # Changed today (factories, real clock) first, then the three touched ones.
    assert slugs[-3:] == ["sport-verbindet", "sprachbruecken", "kultur-vor-ort"]
    assert sorted(slugs) == sorted(
        [
            "mikrofonds-northeim",
            "engagement-preis",
            "eu-asyl-fonds",
            "sprachbruecken",
            "sport-verbindet",
            "demokratie-leben",
            "kultur-vor-ort",
        ]
    )


def test_atom_entry_has_stable_id_dates_and_summary(client):
    demo_like_catalogue()
    touch("sprachbruecken", 0)

    feed = feedparser.parse(client.get("/api/v1/feeds/programmes.atom?q=Sprachbr%C3%BCcken").content)

    (entry,) = feed.entries
    assert entry.id == "tag:127.0.0.1,2026-10-25:programme:sprachbruecken"
    assert entry.link == "http://testserver/foerderungen/sprachbruecken/"
    assert entry.updated == "2026-11-24T12:00:00+00:00"
    assert "Nächste Frist: 31.03.2027 (noch 126 Tage)" in entry.summary
    assert "Fördersumme: bis 5.000 €" in entry.summary


def test_atom_feed_without_parameters_holds_the_whole_atlas(client):
    demo_like_catalogue()

    feed = feedparser.parse(client.get("/api/v1/feeds/programmes.atom").content)

    assert len(feed.entries) == 8


def test_atom_feed_with_invalid_parameter_is_400(client, db):
    assert_errors(client.get("/api/v1/feeds/programmes.atom?status=bald"), 400, ["invalid_choice"])


def test_deadline_calendar_has_one_all_day_event_per_upcoming_deadline(client):
    demo_like_catalogue()

    response = client.get("/api/v1/feeds/deadlines.ics?region=03155")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, found = events(response)
    assert calendar["X-WR-TIMEZONE"] == "Europe/Berlin"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert [(str(e["UID"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in found] == [
        ("mikrofonds-northeim-2026-12-10@127.0.0.1", date(2026, 12, 10), date(2026, 12, 11)),
        ("engagement-preis-2027-01-10@127.0.0.1", date(2027, 1, 10), date(2027, 1, 11)),
        ("eu-asyl-fonds-2027-02-15@127.0.0.1", date(2027, 2, 15), date(2027, 2, 16)),
        ("sprachbruecken-2027-03-31@127.0.0.1", date(2027, 3, 31), date(2027, 4, 1)),
        ("sport-verbindet-2027-05-01@127.0.0.1", date(2027, 5, 1), date(2027, 5, 2)),
        ("sport-verbindet-2027-09-30@127.0.0.1", date(2027, 9, 30), date(2027, 10, 1)),
    ]
    assert b"DTSTART;VALUE=DATE:20261210" in response.content
    assert str(found[0]["SUMMARY"]) == "Bewerbungsfrist: Mikrofonds Northeim"


def test_deadline_calendar_skips_deadlines_a_year_or_more_ahead(client, db):
    ProgrammeFactory(
        slug="weit", deadline_kind="dates", deadline_dates=[date(2027, 11, 24), date(2027, 11, 25)]
    )

    _calendar, found = events(client.get("/api/v1/programmes/weit/deadlines.ics"))

    assert [e.decoded("DTSTART") for e in found] == [date(2027, 11, 24)]


def test_deadline_uids_are_stable_across_downloads(client):
    demo_like_catalogue()
    first = client.get("/api/v1/feeds/deadlines.ics")
    Programme.objects.filter(slug="sprachbruecken").update(title="Sprachbrücken 2027")

    second = client.get("/api/v1/feeds/deadlines.ics")

    uids = [[str(e["UID"]) for e in events(r)[1]] for r in (first, second)]
    assert uids[0] == uids[1]
    assert first.content != second.content


def test_programme_calendar_holds_only_that_programme(client):
    demo_like_catalogue()

    response = client.get("/api/v1/programmes/sport-verbindet/deadlines.ics")

    assert response["Content-Disposition"] == 'attachment; filename="sport-verbindet.ics"'
    calendar, found = events(response)
    assert str(calendar["X-WR-CALNAME"]) == "Fristen: Sport verbindet"
    assert [e.decoded("DTSTART") for e in found] == [date(2027, 5, 1), date(2027, 9, 30)]
    assert str(found[0]["URL"]) == "http://testserver/foerderungen/sport-verbindet/"


def test_expired_or_rolling_programme_calendar_has_no_events(client):
    demo_like_catalogue()

    for slug in ("quartier-hannover", "demokratie-leben"):
        _calendar, found = events(client.get(f"/api/v1/programmes/{slug}/deadlines.ics"))
        assert found == []


def test_programme_calendar_of_unknown_or_draft_is_404(client):
    demo_like_catalogue()

    assert_errors(client.get("/api/v1/programmes/entwurf-programm/deadlines.ics"), 404, ["not_found"])
    assert_errors(client.get("/api/v1/programmes/nix/deadlines.ics"), 404, ["not_found"])


def test_every_deadline_event_has_alarms_14_and_3_days_ahead(client):
    demo_like_catalogue()

    response = client.get("/api/v1/programmes/sport-verbindet/deadlines.ics")

    for event in events(response)[1]:
        alarms = event.walk("VALARM")
        assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(days=-14), timedelta(days=-3)]
        assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
        assert "Sport verbindet" in str(alarms[0]["DESCRIPTION"])


def test_calendar_pages_offer_a_webcal_subscription(client, settings):
    settings.ATLAS_BASE_URL = "https://atlas.example.org"
    demo_like_catalogue()

    programme_page = client.get("/foerderungen/sport-verbindet/").content.decode()
    search_page = client.get("/suche/?q=Sport").content.decode()

    assert (
        'href="webcal://atlas.example.org/api/v1/programmes/sport-verbindet/deadlines.ics"' in programme_page
    )
    assert 'href="webcal://atlas.example.org/api/v1/feeds/deadlines.ics?q=Sport&amp;lang=de"' in search_page
