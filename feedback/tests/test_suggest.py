"""Förderung vorschlagen, end to end: a suggestion becomes a programme "In
Prüfung" that nobody outside the Redaktion sees (page, search, API, feeds,
sitemap) until an editor publishes it; duplicates are pointed out before
sending; the suggester hears of the publication once, then is forgotten."""

import io

import pytest
from django.core.management import call_command
from django.test import Client

from api.tests.helpers import body as response_body
from catalogue.models import Programme, Workflow
from catalogue.tests.factories import ProgrammeFactory
from editorial.models import Revision
from feedback.models import Suggestion

from .conftest import body, filled

pytestmark = pytest.mark.django_db

TITLE = "Zuckerbäcker-Fonds für Nachbarschaftsküchen"
VALID = {
    "title": TITLE,
    "funder": "Stiftung Süße Nachbarschaft",
    "link": "https://www.suesse-nachbarschaft.example/fonds/",
    "deadline_note": "jedes Jahr bis 31. März",
    "amount_text": "bis 3.000 Euro",
    "eligible_text": "Vereine und Initiativen",
    "region": "ni",
    "description": "Der Fonds fördert gemeinsames Kochen im Quartier.",
    "email": "Idee@Example.org",
}


def test_valid_suggestion_creates_a_programme_in_review(client):
    assert client.get("/vorschlagen/").status_code == 200

    response = client.post("/vorschlagen/", filled(**VALID))

    assert response.status_code == 302
    assert response["Location"] == "/rueckmeldung/danke/"
    suggestion = Suggestion.objects.select_related("programme").get()
    programme = suggestion.programme
    assert (programme.title, programme.state, programme.last_checked) == (TITLE, Workflow.REVIEW, None)
    assert programme.links == [{"title": "", "url": VALID["link"]}]
    assert (programme.amount_text, programme.deadline_note) == ("bis 3.000 Euro", "jedes Jahr bis 31. März")
    assert [r.code for r in programme.regions.all()] == ["ni"]
    assert (suggestion.funder_name, suggestion.email, suggestion.language) == (
        "Stiftung Süße Nachbarschaft",
        "idee@example.org",
        "de",
    )
    assert programme.history.earliest().history_change_reason.startswith("Vorschlag über das Formular")


def test_suggestion_waits_in_the_moderation_queue(client, editor_client):
    client.post("/vorschlagen/", filled(**VALID))

    page = editor_client.get("/redaktion/worklist/").content.decode()
    section = page[page.index('id="review"') : page.index("</section>", page.index('id="review"'))]

    assert TITLE in section


def test_suggestion_is_a_revision_for_review_and_the_redaktion_is_told(
    client, editor, editor_client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/vorschlagen/", filled(**VALID))
    programme = Programme.objects.get(title=TITLE)

    [revision] = Revision.objects.filter(kind="programme", object_id=programme.pk)
    assert (revision.number, revision.state, revision.label) == (1, Revision.State.REVIEW, TITLE)
    assert revision.snapshot["lists"]["regions"] == ["ni"]
    [mail] = mailbox.messages
    assert mail["To"] == editor.email
    assert f"/redaktion/catalogue/programme/{programme.pk}/fassungen/{revision.pk}/" in body(mail)
    listing = editor_client.get(f"/redaktion/catalogue/programme/{programme.pk}/fassungen/")
    assert TITLE in listing.content.decode()


def _public_answers(client, programme):
    """Every public place a programme could appear, with its text."""
    slug = programme.slug
    return {
        "page": client.get(f"/foerderungen/{slug}/").status_code,
        "search": TITLE in client.get("/suche/?q=Zuckerbäcker").content.decode(),
        "api_search": TITLE in client.get("/api/v1/search?q=Zuckerbäcker").content.decode(),
        "api_list": TITLE in client.get("/api/v1/programmes").content.decode(),
        "api_item": client.get(f"/api/v1/programmes/{slug}").status_code,
        "csv": TITLE in response_body(client.get("/api/v1/search.csv?q=Zuckerbäcker")).decode(),
        "atom": TITLE in client.get("/api/v1/feeds/programmes.atom").content.decode(),
        "ics": client.get(f"/api/v1/programmes/{slug}/deadlines.ics").status_code,
        "sitemap": slug in client.get("/sitemap-programmes.xml").content.decode(),
    }


def test_suggestion_is_invisible_until_published(client, editor_client):
    client.post("/vorschlagen/", filled(**VALID))
    programme = Programme.objects.get(title=TITLE)

    hidden = _public_answers(Client(), programme)
    editor_client.post(f"/redaktion/catalogue/programme/{programme.pk}/workflow/publish/")
    shown = _public_answers(Client(), programme)

    assert hidden == {
        "page": 404,
        "search": False,
        "api_search": False,
        "api_list": False,
        "api_item": 404,
        "csv": False,
        "atom": False,
        "ics": 404,
        "sitemap": False,
    }
    assert shown == {
        "page": 200,
        "search": True,
        "api_search": True,
        "api_list": True,
        "api_item": 200,
        "csv": True,
        "atom": True,
        "ics": 200,
        "sitemap": True,
    }


def test_published_suggestion_is_told_once_and_the_address_forgotten(client, editor_client, mailbox):
    client.post("/vorschlagen/", filled(**VALID))
    programme = Programme.objects.get(title=TITLE)
    call_command("send_check_reminders", stdout=io.StringIO())
    assert mailbox.messages == []  # not yet decided

    editor_client.post(f"/redaktion/catalogue/programme/{programme.pk}/workflow/publish/")
    call_command("send_check_reminders", stdout=io.StringIO())
    call_command("send_check_reminders", stdout=io.StringIO())

    [mail] = mailbox.messages
    assert mail["To"] == "idee@example.org"
    assert f"https://atlas.example.org/foerderungen/{programme.slug}/" in body(mail)
    assert Suggestion.objects.count() == 0
    assert Programme.objects.filter(pk=programme.pk, state=Workflow.PUBLISHED).exists()


@pytest.mark.parametrize(
    ("existing", "reason"),
    [
        (
            {"title": "Ganz anderer Name", "links": [{"url": "http://suesse-nachbarschaft.example/fonds"}]},
            "gleicher Link",
        ),
        ({"title": "Zuckerbaecker Fonds fuer Nachbarschaftskuechen 2027"}, "ähnlicher Name"),
    ],
)
def test_duplicate_is_pointed_out_before_sending(client, existing, reason):
    other = ProgrammeFactory(**existing)

    first = client.post("/vorschlagen/", filled(**VALID))
    anyway = client.post("/vorschlagen/", filled(**VALID, send_anyway="on"))

    page = first.content.decode()
    assert first.status_code == 200
    assert f'href="/foerderungen/{other.slug}/"' in page
    assert reason in page
    assert 'name="send_anyway"' in page
    assert anyway.status_code == 302
    assert Suggestion.objects.count() == 1


def test_unpublished_duplicate_is_named_without_a_link(client):
    client.post("/vorschlagen/", filled(**VALID))

    again = client.post("/vorschlagen/", filled(**VALID))

    page = again.content.decode()
    assert "schon vorgeschlagen, noch nicht veröffentlicht" in page
    assert "/foerderungen/zuckerbaecker" not in page
    assert Suggestion.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "field_errors"),
    [
        ({}, {"title", "funder", "link"}),
        (VALID | {"link": "javascript:alert(1)"}, {"link"}),
        (VALID | {"link": "ftp://files.example/fonds"}, {"link"}),
        (VALID | {"link": "https://example.org/a\u202eb"}, {"link"}),
        (VALID | {"region": "mars"}, {"region"}),
        (VALID | {"title": "T" * 501}, {"title"}),
        (VALID | {"description": "x" * 5001}, {"description"}),
        (VALID | {"description": "http://a.example http://b.example http://c.example"}, {"description"}),
        (VALID | {"email": "@"}, {"email"}),
    ],
)
def test_invalid_suggestion_shows_errors_and_creates_nothing(client, fields, field_errors):
    response = client.post("/vorschlagen/", filled(**fields))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == field_errors
    assert Programme.objects.count() == 0


@pytest.mark.parametrize(
    ("make_data", "status"),
    [
        (lambda: filled(**VALID) | {"homepage": "x"}, 302),  # the honeypot: dropped, usual answer
        (lambda: VALID, 302),  # no time stamp: dropped
        (lambda: filled(seconds_ago=0, **VALID), 400),  # too fast: asked again
    ],
)
def test_spam_like_suggestion_creates_nothing(client, make_data, status):
    response = client.post("/vorschlagen/", make_data())

    assert response.status_code == status
    assert Programme.objects.count() == 0


def test_suggestion_too_many_sends_get_429(client, settings):
    settings.ATLAS_FEEDBACK_RATE_LIMIT = 1
    first = client.post("/vorschlagen/", filled(**VALID))
    second = client.post("/vorschlagen/", filled(**VALID | {"title": "Etwas ganz Neues"}))

    assert (first.status_code, second.status_code) == (302, 429)
    assert int(second["Retry-After"]) > 0
    assert Programme.objects.count() == 1


def test_hostile_suggestion_is_escaped_in_the_preview(client, editor_client):
    client.post("/vorschlagen/", filled(**VALID | {"title": "<b>fett</b><script>x()</script>"}))
    programme = Programme.objects.get()

    page = editor_client.get(f"/redaktion/vorschau/foerderungen/{programme.pk}/").content.decode()

    assert "<script>x()" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page
