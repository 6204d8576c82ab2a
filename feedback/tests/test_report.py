"""Fehler melden, end to end: a visitor's report is stored on the entry,
shows in the worklist, is closed with a note and the reporter gets the
note by mail from a real SMTP server; invalid, spam-like and too many
sends are refused without a 500."""

import pytest
from django.test import Client

from catalogue.models import Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from feedback.models import Report

from .conftest import body, filled

pytestmark = pytest.mark.django_db

VALID = {"kind": "deadline", "text": "Die Frist ist jetzt der 31. März 2027.", "email": "Leser@Example.org"}


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="sport-verbindet", title="Sport verbindet")


def report_url(programme):
    return f"/foerderungen/{programme.slug}/fehler-melden/"


def test_report_form_linked_from_programme_and_funder_pages(client, programme):
    institution = InstitutionFactory(slug="stiftung-x")

    programme_page = client.get(f"/foerderungen/{programme.slug}/").content.decode()
    funder_page = client.get(f"/foerderer/{institution.slug}/").content.decode()

    assert 'href="/foerderungen/sport-verbindet/fehler-melden/"' in programme_page
    assert 'href="/foerderer/stiftung-x/fehler-melden/"' in funder_page
    assert 'href="/foerderer/stiftung-x/konto-anfragen/"' in funder_page


def test_valid_report_is_stored_on_the_programme(client, programme):
    assert client.get(report_url(programme)).status_code == 200

    response = client.post(report_url(programme), filled(**VALID))

    assert response.status_code == 302
    assert response["Location"] == "/rueckmeldung/danke/"
    report = Report.objects.get()
    assert (report.programme, report.institution, report.kind) == (programme, None, "deadline")
    assert (report.text, report.email, report.language) == (VALID["text"], "leser@example.org", "de")


def test_valid_report_on_a_funder_in_english(client):
    institution = InstitutionFactory(slug="stiftung-y")

    response = client.post(
        "/en/foerderer/stiftung-y/fehler-melden/", filled(kind="link", text="Link is dead")
    )

    assert response["Location"] == "/en/rueckmeldung/danke/"
    report = Report.objects.get()
    assert (report.institution, report.programme, report.email, report.language) == (
        institution,
        None,
        "",
        "en",
    )


@pytest.mark.parametrize(
    ("fields", "field_errors"),
    [
        ({}, {"kind", "text"}),
        (VALID | {"kind": "alles"}, {"kind"}),
        (VALID | {"email": "keine-adresse"}, {"email"}),
        (VALID | {"text": "x" * 2001}, {"text"}),
        (VALID | {"text": "a https://a.example b http://b.example c www.c.example"}, {"text"}),
    ],
)
def test_invalid_report_shows_errors_and_stores_nothing(client, programme, fields, field_errors):
    response = client.post(report_url(programme), filled(**fields))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == field_errors
    assert 'class="error-summary"' in response.content.decode()
    assert Report.objects.count() == 0


@pytest.mark.parametrize(
    "make_data",
    [
        lambda: filled(**VALID) | {"homepage": "https://spam.example"},  # the honeypot
        lambda: VALID,  # no time stamp
        lambda: VALID | {"started": "1700000000.0:forged:signature"},
    ],
)
def test_spam_like_report_is_dropped_with_the_usual_answer(client, programme, make_data):
    response = client.post(report_url(programme), make_data())

    assert response.status_code == 302
    assert response["Location"] == "/rueckmeldung/danke/"
    assert Report.objects.count() == 0


def test_report_sent_too_fast_is_asked_again(client, programme):
    response = client.post(report_url(programme), filled(seconds_ago=0, **VALID))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors().as_data()[0].code == "too_fast"
    assert Report.objects.count() == 0


def test_report_too_many_sends_from_one_client_get_429(client, programme, settings):
    settings.ATLAS_FEEDBACK_RATE_LIMIT = 2
    answers = [client.post(report_url(programme), filled(**VALID)).status_code for _ in range(3)]
    other_client = Client(REMOTE_ADDR="192.0.2.99").post(report_url(programme), filled(**VALID))

    assert answers == [302, 302, 429]
    assert other_client.status_code == 302
    assert Report.objects.count() == 3


def test_report_on_unpublished_or_unknown_entry_is_404(client):
    draft = ProgrammeFactory(state=Workflow.REVIEW)

    assert client.get(report_url(draft)).status_code == 404
    assert client.post("/foerderer/gibt-es-nicht/fehler-melden/", filled(**VALID)).status_code == 404


def test_hostile_report_text_is_shown_escaped(client, programme, editor_client):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(report_url(programme), filled(kind="other", text=hostile))
    report = Report.objects.get()

    worklist = editor_client.get("/redaktion/worklist/").content.decode()
    change = editor_client.get(f"/redaktion/feedback/report/{report.pk}/change/").content.decode()

    for page in (worklist, change):
        assert "<script>alert" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_open_report_in_worklist_then_closed_with_note_mails_the_reporter(
    client, programme, editor, editor_client, mailbox
):
    client.post(report_url(programme), filled(**VALID))
    report = Report.objects.get()
    assert "Sport verbindet" in _worklist_section(editor_client, "reports")

    response = editor_client.post(
        f"/redaktion/feedback/report/{report.pk}/change/",
        {"closing_note": "Danke, die Frist ist berichtigt.", "close": "on"},
    )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.is_open, report.closed_by, report.closing_note) == (
        False,
        editor,
        "Danke, die Frist ist berichtigt.",
    )
    assert "Sport verbindet" not in _worklist_section(editor_client, "reports")
    [mail] = mailbox.messages
    assert mail["To"] == "leser@example.org"
    assert mail["Subject"].strip() == "Ihre Meldung zu „Sport verbindet“ ist erledigt"
    assert "Danke, die Frist ist berichtigt." in body(mail)
    assert "https://atlas.example.org/foerderungen/sport-verbindet/" in body(mail)


def test_closing_needs_a_note_and_sends_nothing_without_address(client, programme, editor_client, mailbox):
    client.post(report_url(programme), filled(kind="amount", text="Betrag falsch"))
    report = Report.objects.get()
    url = f"/redaktion/feedback/report/{report.pk}/change/"

    without_note = editor_client.post(url, {"closing_note": "", "close": "on"})
    with_note = editor_client.post(url, {"closing_note": "Berichtigt.", "close": "on"})

    assert without_note.status_code == 200  # the admin shows the form again with the error
    assert with_note.status_code == 302
    report.refresh_from_db()
    assert not report.is_open
    assert mailbox.messages == []


def _worklist_section(client, key):
    page = client.get("/redaktion/worklist/").content.decode()
    start = page.index(f'id="{key}"')
    return page[start : page.index("</section>", start)]
