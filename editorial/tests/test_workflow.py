"""Entwurf → In Prüfung → Veröffentlicht → Archiviert: buttons, list
actions, the schedule, "Als geprüft markieren" and the preview of drafts."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from catalogue.models import Programme, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from editorial import workflow

from .helpers import admin_url, form_data, parse

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def button_labels(client, entry):
    page = parse(client.get(admin_url(entry)))
    return [button.get_text() for button in page.select(".workflow-actions button")]


def test_workflow_buttons_of_editor_on_draft(editor_client, programme_a):
    programme_a.state = Workflow.DRAFT
    programme_a.save()

    assert button_labels(editor_client, programme_a) == [
        "Zur Prüfung einreichen",
        "Veröffentlichen",
        "Archivieren",
        "Als geprüft markieren",
    ]


def test_workflow_buttons_of_editor_on_published(editor_client, programme_a):
    assert button_labels(editor_client, programme_a) == [
        "Archivieren",
        "Zurück in Entwurf",
        "Als geprüft markieren",
    ]


def test_workflow_buttons_of_funder_on_draft(funder_a_client, programme_a):
    programme_a.state = Workflow.DRAFT
    programme_a.save()

    assert button_labels(funder_a_client, programme_a) == ["Zur Prüfung einreichen"]


@pytest.mark.parametrize(
    ("start", "step", "end"),
    [
        (Workflow.DRAFT, "submit", Workflow.REVIEW),
        (Workflow.REVIEW, "publish", Workflow.PUBLISHED),
        (Workflow.PUBLISHED, "archive", Workflow.ARCHIVED),
        (Workflow.ARCHIVED, "draft", Workflow.DRAFT),
        (Workflow.ARCHIVED, "publish", Workflow.PUBLISHED),
    ],
)
def test_workflow_button_moves_entry(editor_client, editor, start, step, end):
    programme = ProgrammeFactory(state=start)

    response = editor_client.post(admin_url(programme, "workflow", programme.pk, step))

    programme.refresh_from_db()
    assert (response.status_code, response["Location"]) == (302, admin_url(programme))
    assert programme.state == end
    assert programme.history.first().history_user == editor


def test_workflow_step_from_wrong_state_refused(editor_client):
    programme = ProgrammeFactory(state=Workflow.PUBLISHED)

    response = editor_client.post(admin_url(programme, "workflow", programme.pk, "submit"), follow=True)

    programme.refresh_from_db()
    assert programme.state == Workflow.PUBLISHED
    assert [str(m) for m in response.context["messages"]] == [
        f"Dieser Schritt ist für „{programme}“ nicht möglich."
    ]


def test_workflow_url_get_changes_nothing(editor_client):
    programme = ProgrammeFactory(state=Workflow.REVIEW)

    response = editor_client.get(admin_url(programme, "workflow", programme.pk, "publish"))

    programme.refresh_from_db()
    assert (response.status_code, programme.state) == (405, Workflow.REVIEW)


def test_workflow_post_without_csrf_token_refused(editor):
    programme = ProgrammeFactory(state=Workflow.REVIEW)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(admin_url(programme, "workflow", programme.pk, "publish"))

    programme.refresh_from_db()
    assert (response.status_code, programme.state) == (403, Workflow.REVIEW)


def test_workflow_unknown_step_not_found(editor_client, programme_a):
    response = editor_client.post(admin_url(programme_a, "workflow", programme_a.pk, "loeschen"))

    assert response.status_code == 404


def test_mark_checked_sets_today_with_reason(editor_client, editor):
    institution = InstitutionFactory(last_checked=date(2024, 1, 1))

    editor_client.post(admin_url(institution, "workflow", institution.pk, "checked"))

    institution.refresh_from_db()
    record = institution.history.first()
    assert institution.last_checked == date(2026, 11, 25)
    assert (record.history_user, record.history_change_reason) == (editor, "Als geprüft markiert")


def test_mark_checked_refused_to_funder(funder_a_client, programme_a):
    funder_a_client.post(admin_url(programme_a, "workflow", programme_a.pk, "checked"))

    programme_a.refresh_from_db()
    assert programme_a.last_checked is None


def test_publish_action_publishes_selection_and_skips_published(editor_client):
    review = ProgrammeFactory(title="In Prüfung", state=Workflow.REVIEW)
    done = ProgrammeFactory(title="Schon öffentlich", state=Workflow.PUBLISHED)

    response = editor_client.post(
        admin_url(Programme, "changelist"),
        {"action": "publish", "_selected_action": [review.pk, done.pk], "index": 0},
        follow=True,
    )

    review.refresh_from_db()
    assert review.state == Workflow.PUBLISHED
    assert [str(m) for m in response.context["messages"]] == [
        "1 Eintrag geändert.",
        "1 Eintrag übersprungen (Status passt nicht).",
    ]


def test_new_programme_of_editor_starts_as_draft(editor_client):
    data = form_data(editor_client.get(admin_url(Programme, "add")), "programme_form")
    data |= {"title": "Frisch", "slug": "frisch", "deadline_kind": "rolling"}

    editor_client.post(admin_url(Programme, "add"), data)

    assert Programme.objects.get(slug="frisch").state == Workflow.DRAFT


def test_apply_schedule_publishes_and_archives_due_entries():
    due = ProgrammeFactory(
        slug="faellig", state=Workflow.REVIEW, publish_at=datetime(2026, 11, 25, 6, tzinfo=BERLIN)
    )
    later = ProgrammeFactory(
        slug="spaeter", state=Workflow.DRAFT, publish_at=datetime(2030, 1, 1, tzinfo=BERLIN)
    )
    ending = ProgrammeFactory(slug="endet", archive_at=datetime(2026, 11, 1, tzinfo=BERLIN))
    out = StringIO()

    call_command("apply_schedule", stdout=out)

    states = {p.slug: (p.state, p.publish_at, p.archive_at) for p in Programme.objects.all()}
    assert states == {
        "faellig": (Workflow.PUBLISHED, None, None),
        "spaeter": (Workflow.DRAFT, later.publish_at, None),
        "endet": (Workflow.ARCHIVED, None, None),
    }
    assert out.getvalue().splitlines() == [
        f"veröffentlicht: {due.title}",
        f"archiviert: {ending.title}",
        "1 veröffentlicht, 1 archiviert.",
    ]
    assert due.history.first().history_change_reason == "Zeitgesteuert veröffentlicht"


def test_apply_schedule_leaves_archived_entry_alone():
    archived = ProgrammeFactory(state=Workflow.ARCHIVED, publish_at=datetime(2026, 11, 1, tzinfo=BERLIN))

    workflow.apply_schedule(datetime(2026, 11, 25, tzinfo=BERLIN))

    archived.refresh_from_db()
    assert archived.state == Workflow.ARCHIVED


def test_publishing_by_hand_clears_schedule(editor):
    programme = ProgrammeFactory(state=Workflow.REVIEW, publish_at=datetime(2027, 1, 1, tzinfo=BERLIN))

    workflow.transition(programme, "publish", editor)

    assert (programme.state, programme.publish_at) == (Workflow.PUBLISHED, None)


def test_preview_of_draft_renders_public_template(editor_client, programme_a, client):
    programme_a.state = Workflow.DRAFT
    programme_a.description = "Ein **Entwurf**."
    programme_a.save()

    response = editor_client.get(reverse("admin:editorial_preview_programme", args=[programme_a.pk]))

    page = parse(response)
    assert (response.status_code, response["X-Robots-Tag"]) == (200, "noindex, nofollow")
    assert page.h1.get_text() == "Programm der Stiftung A"
    assert " ".join(page.select_one(".preview-banner").get_text().split()) == (
        "Vorschau der Redaktion – Status: Entwurf. Diese Seite ist nicht öffentlich."
    )
    assert str(page.select_one(".markdown p")) == "<p>Ein <strong>Entwurf</strong>.</p>"
    assert client.get(programme_a.get_absolute_url()).status_code == 404


def test_preview_of_draft_institution_for_its_funder(funder_a_client, institution_a):
    institution_a.state = Workflow.REVIEW
    institution_a.save()

    response = funder_a_client.get(reverse("admin:editorial_preview_institution", args=[institution_a.pk]))

    assert (response.status_code, parse(response).h1.get_text()) == (200, "Stiftung A")


def test_change_form_links_view_on_site_to_preview_for_draft(editor_client):
    programme = ProgrammeFactory(state=Workflow.DRAFT)

    page = parse(editor_client.get(admin_url(programme)))

    assert (
        page.select_one(".workflow-actions a")["href"] == f"/redaktion/vorschau/foerderungen/{programme.pk}/"
    )


def test_preview_of_published_entry_does_not_claim_to_be_hidden(editor_client, programme_a):
    page = parse(editor_client.get(reverse("admin:editorial_preview_programme", args=[programme_a.pk])))

    assert " ".join(page.select_one(".preview-banner").get_text().split()) == (
        "Vorschau der Redaktion – Status: Veröffentlicht."
    )
