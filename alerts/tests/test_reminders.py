"""Deadline reminders: double opt-in, then one mail 14 and one 3 days
before each deadline, through a real SMTP server."""

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.test import Client

from alerts.models import Reminder
from catalogue.tests.factories import ProgrammeFactory

from .conftest import body

pytestmark = pytest.mark.django_db


def run_on(settings, day):
    settings.ATLAS_TODAY = day
    call_command("send_alerts", stdout=io.StringIO())


def test_reminders_14_and_3_days_before(mailbox, settings):
    programme = ProgrammeFactory(
        slug="frist-test", title="Frist-Test", deadline_kind="dates", deadline_dates=[date(2026, 12, 15)]
    )
    client = Client()
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "/benachrichtigungen/frist/frist-test/" in page and "webcal://" in page
    response = client.post(
        "/benachrichtigungen/frist/frist-test/", {"email": "b@example.org", "consent": "on"}
    )
    assert response.status_code == 302
    (confirmation,) = mailbox.messages
    assert "Frist-Test" in body(confirmation)
    token = Reminder.objects.get().token

    run_on(settings, date(2026, 12, 1))  # 14 days before, but not confirmed
    assert len(mailbox.messages) == 1
    client.post(f"/benachrichtigungen/bestaetigen/{token}/")
    mailbox.clear()

    run_on(settings, date(2026, 11, 30))  # 15 days before: not yet
    assert mailbox.messages == []
    run_on(settings, date(2026, 12, 1))
    run_on(settings, date(2026, 12, 2))  # the 14-day reminder only once
    (first,) = mailbox.messages
    assert "14" in first["Subject"] and "Frist-Test" in first["Subject"]
    assert first["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://atlas.example.org/foerderungen/frist-test/" in body(first)
    mailbox.clear()

    run_on(settings, date(2026, 12, 12))
    run_on(settings, date(2026, 12, 13))
    (second,) = mailbox.messages
    assert "3" in second["Subject"]
    mailbox.clear()
    run_on(settings, date(2026, 12, 16))  # after the deadline: nothing
    assert mailbox.messages == []


def test_reminder_form_rejects_unknown_programme_and_bad_address(mailbox):
    client = Client()
    assert client.get("/benachrichtigungen/frist/gibt-es-nicht/").status_code == 404
    ProgrammeFactory(slug="p", deadline_kind="dates", deadline_dates=[date.today() + timedelta(days=40)])
    response = client.post("/benachrichtigungen/frist/p/", {"email": "x", "consent": "on"})
    assert response.status_code == 400
    assert mailbox.messages == []
