"""Reminders to keep entries true: `manage.py send_check_reminders` asks
each Förderer account by mail (real SMTP on loopback) about its entries not
checked for six months; the "Angaben stimmen noch" link records the check
as the funder's. Closed reports are deleted a year after closing."""

import io
from datetime import date, timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from catalogue.models import Programme
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from editorial.tests.factories import FunderAccountFactory
from feedback.models import AccountRequest, CheckRequest, Report

from .conftest import links

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 25)
SEVEN_MONTHS_AGO = date(2026, 4, 20)


@pytest.fixture
def funder():
    """A funder account for "Stiftung Alt" with one stale and one fresh programme."""
    institution = InstitutionFactory(slug="stiftung-alt", name="Stiftung Alt", last_checked=TODAY)
    stale = ProgrammeFactory(slug="alt", title="Alter Eintrag", last_checked=SEVEN_MONTHS_AGO)
    fresh = ProgrammeFactory(slug="frisch", title="Frischer Eintrag", last_checked=TODAY - timedelta(days=30))
    for programme in (stale, fresh):
        ProgrammeInstitutionFactory(programme=programme, institution=institution)
    return FunderAccountFactory(institutions=[institution], user__email="pflege@stiftung-alt.example").user


def run():
    out = io.StringIO()
    call_command("send_check_reminders", stdout=out)
    return out.getvalue()


def confirm_link(mail):
    [link] = [word for word in links(mail) if "/angaben-pruefen/" in word]
    return urlsplit(link).path


def test_funder_is_asked_about_stale_entries_only(funder, mailbox):
    ProgrammeFactory(slug="fremd", title="Fremder alter Eintrag", last_checked=None)  # nobody's

    output = run()

    [mail] = mailbox.messages
    assert mail["To"] == "pflege@stiftung-alt.example"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Alter Eintrag" in text
    assert "Frischer Eintrag" not in text and "Fremder" not in text
    assert "https://atlas.example.org/redaktion/catalogue/programme/" in text
    assert output.startswith("1 E-Mails zu 1 Einträgen")


def test_one_click_records_the_check_as_the_funders(funder, mailbox):
    run()
    path = confirm_link(mailbox.messages[0])
    visitor = Client()

    page = visitor.get(path)  # a link scanner's GET changes nothing
    assert page.status_code == 200
    assert Programme.objects.get(slug="alt").last_checked == SEVEN_MONTHS_AGO
    confirmed = visitor.post(path)  # no cookie, no CSRF token: the token is the authority

    programme = Programme.objects.get(slug="alt")
    assert confirmed.status_code == 200
    assert "als geprüft vermerkt" in confirmed.content.decode()
    assert programme.last_checked == TODAY
    latest = programme.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (
        funder,
        "Vom Förderer bestätigt: Angaben stimmen noch",
    )
    records = programme.history.count()
    assert visitor.post(path).status_code == 200  # again: fine, nothing more recorded
    assert programme.history.count() == records


def test_not_asked_again_within_a_month_then_asked_again(funder, mailbox, settings):
    run()
    run()
    assert len(mailbox.messages) == 1

    CheckRequest.objects.update(sent_at=timezone.now() - timedelta(days=31))
    run()

    assert len(mailbox.messages) == 2


def test_mail_server_down_leaves_nothing_asked(funder, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens

    output = run()

    assert "1 fehlgeschlagen" in output
    assert CheckRequest.objects.count() == 0


def test_unknown_or_expired_check_link_is_404(funder, mailbox):
    run()
    path = confirm_link(mailbox.messages[0])
    CheckRequest.objects.update(sent_at=timezone.now() - timedelta(days=91))

    assert Client().post(path).status_code == 404
    assert Client().get("/angaben-pruefen/unbekannt/").status_code == 404


def test_closed_reports_deleted_a_year_after_closing(db):
    programme = ProgrammeFactory()
    institution = InstitutionFactory()
    now = timezone.now()
    old = Report.objects.create(programme=programme, kind="other", text="alt", language="de")
    recent = Report.objects.create(programme=programme, kind="other", text="neu", language="de")
    still_open = Report.objects.create(programme=programme, kind="other", text="offen", language="de")
    Report.objects.filter(pk=old.pk).update(closed_at=now - timedelta(days=366))
    Report.objects.filter(pk=recent.pk).update(closed_at=now - timedelta(days=300))
    Report.objects.filter(pk=still_open.pk).update(created_at=now - timedelta(days=800))
    decided = AccountRequest.objects.create(
        institution=institution, name="N", position="P", email="n@example.org", language="de"
    )
    AccountRequest.objects.filter(pk=decided.pk).update(decided_at=now - timedelta(days=366), approved=False)

    run()

    assert sorted(Report.objects.values_list("text", flat=True)) == ["neu", "offen"]
    assert AccountRequest.objects.count() == 0
