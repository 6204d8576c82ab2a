"""Revisions (issue 15, reproductions 1, 2 and 7): a funder's save waits
beside the public version, the Redaktion publishes exactly the revision it
reviewed or sends it back, restoring brings back everything but schedules,
and deleted entries wait in the Papierkorb."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from catalogue import snapshots
from catalogue.models import Institution, Programme, Role, Workflow
from catalogue.tests.factories import ProgrammeFactory, ProgrammeInstitutionFactory
from editorial import revisions
from editorial.models import DeletedEntry, Revision
from editorial.workflow import apply_schedule

from .conftest import logged_in
from .factories import UserFactory
from .helpers import admin_url, form_data, messages_of, parse

pytestmark = pytest.mark.django_db


def save_via_form(client, entry, **changes):
    data = form_data(client.get(admin_url(entry)), f"{entry._meta.model_name}_form")
    return client.post(admin_url(entry), data | changes)


def step(client, entry, revision, name, **data):
    return client.post(admin_url(entry, "revision_step", entry.pk, revision.pk, name), data)


def public_text(client, entry):
    response = client.get(entry.get_absolute_url())
    return response.status_code, " ".join(parse(response).get_text().split())


def newest(entry):
    return revisions.revisions_of(entry).first()


# Reproduction 1 and the "Done when" --------------------------------------


def test_funder_edit_keeps_published_text_public_until_redaktion_publishes(
    funder_a_client, editor_client, client, programme_a
):
    save_via_form(funder_a_client, programme_a, title="Programm der Stiftung A, neu")

    status, text = public_text(client, programme_a)
    assert status == 200
    assert "Programm der Stiftung A" in text and "Programm der Stiftung A, neu" not in text

    step(editor_client, programme_a, newest(programme_a), "publish")

    status, text = public_text(client, programme_a)
    assert (status, "Programm der Stiftung A, neu" in text) == (200, True)


def test_funder_edit_of_institution_keeps_it_public(funder_a_client, client, institution_a):
    save_via_form(funder_a_client, institution_a, name="Stiftung A (neuer Name)")

    institution_a.refresh_from_db()
    assert (institution_a.name, institution_a.state) == ("Stiftung A", Workflow.PUBLISHED)
    assert client.get(institution_a.get_absolute_url()).status_code == 200
    assert newest(institution_a).state == Revision.State.REVIEW


def test_institution_revision_published_by_redaktion(funder_a_client, editor_client, client, institution_a):
    save_via_form(funder_a_client, institution_a, name="Stiftung A (neuer Name)")

    step(editor_client, institution_a, newest(institution_a), "publish")

    status, text = public_text(client, institution_a)
    assert (status, "Stiftung A (neuer Name)" in text) == (200, True)


def test_approving_body_cannot_take_another_funders_programme_offline(
    funder_a_client, client, programme_b, institution_a
):
    ProgrammeInstitutionFactory(programme=programme_b, institution=institution_a, role=Role.APPROVER)

    save_via_form(funder_a_client, programme_b, description="Kurz.")

    programme_b.refresh_from_db()
    assert (programme_b.state, programme_b.description) == (Workflow.PUBLISHED, "")
    assert client.get(programme_b.get_absolute_url()).status_code == 200


def test_funder_edit_redirects_to_its_revision_with_a_plain_message(funder_a_client, programme_a):
    response = funder_a_client.post(
        admin_url(programme_a),
        form_data(funder_a_client.get(admin_url(programme_a)), "programme_form") | {"amount_text": "5 €"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == admin_url(
        programme_a, "revision", programme_a.pk, newest(programme_a).pk
    )
    assert any("wartet auf die Prüfung durch die Redaktion" in m for m in messages_of(response))


def test_submission_and_outcome_are_mailed(
    mailbox, django_capture_on_commit_callbacks, funder_a, funder_a_client, editor, editor_client, programme_a
):
    with django_capture_on_commit_callbacks(execute=True):
        save_via_form(funder_a_client, programme_a, amount_text="bis 9.000 €")
    revision = newest(programme_a)

    with django_capture_on_commit_callbacks(execute=True):
        step(editor_client, programme_a, revision, "publish")

    to_redaktion, to_funder = mailbox.to(editor.email), mailbox.to(funder_a.email)
    assert [m["Subject"].strip() for m in to_redaktion] == ["Zur Prüfung: „Programm der Stiftung A“"]
    assert "foerderer-a hat Fassung" in to_redaktion[0].get_content()
    assert f"/fassungen/{revision.pk}/" in to_redaktion[0].get_content()
    assert [m["Subject"].strip() for m in to_funder] == ["Veröffentlicht: „Programm der Stiftung A“"]


# Reproduction 2 -----------------------------------------------------------


def test_publish_applies_exactly_the_reviewed_revision(funder_a_client, editor_client, client, programme_a):
    save_via_form(funder_a_client, programme_a, title="Geprüfte Fassung")
    reviewed = newest(programme_a)
    editor_client.get(admin_url(programme_a, "revision", programme_a.pk, reviewed.pk))
    save_via_form(funder_a_client, programme_a, title="Ungeprüfte Fassung")

    response = step(editor_client, programme_a, reviewed, "publish")

    programme_a.refresh_from_db()
    reviewed.refresh_from_db()
    later = newest(programme_a)
    status, text = public_text(client, programme_a)
    assert programme_a.title == "Geprüfte Fassung"
    assert "Ungeprüfte Fassung" not in text
    assert (reviewed.state, later.state, later.label) == (
        Revision.State.PUBLISHED,
        Revision.State.REVIEW,
        "Ungeprüfte Fassung",
    )
    follow = editor_client.get(response["Location"])
    assert any("Es gibt eine neuere Fassung" in m for m in messages_of(follow))


def test_publish_button_refuses_what_the_editor_has_not_seen(funder_a_client, editor_client, programme_a):
    programme_a.state = Workflow.REVIEW
    programme_a.save()
    seen = parse(editor_client.get(admin_url(programme_a))).select_one("input[name=version]")["value"]
    save_via_form(funder_a_client, programme_a, title="Ungesehen")

    editor_client.post(admin_url(programme_a, "workflow", programme_a.pk, "publish"), {"version": seen})

    programme_a.refresh_from_db()
    assert (programme_a.state, programme_a.title) == (Workflow.REVIEW, "Ungesehen")


def test_publish_button_with_seen_version_publishes_and_closes_the_revision(
    funder_a_client, editor_client, programme_a
):
    programme_a.state = Workflow.DRAFT
    programme_a.save()
    save_via_form(funder_a_client, programme_a, title="Gesehen")
    seen = parse(editor_client.get(admin_url(programme_a))).select_one("input[name=version]")["value"]

    editor_client.post(admin_url(programme_a, "workflow", programme_a.pk, "publish"), {"version": seen})

    programme_a.refresh_from_db()
    assert (programme_a.state, programme_a.title) == (Workflow.PUBLISHED, "Gesehen")
    assert newest(programme_a).state == Revision.State.PUBLISHED


# Review page ---------------------------------------------------------------


def test_review_page_lists_differences_of_fields_lists_and_relations(
    funder_a_client, editor_client, programme_a
):
    data = form_data(funder_a_client.get(admin_url(programme_a)), "programme_form")
    data |= {
        "amount_text": "bis 5.000 €",
        "regions": ["03241"],
        "deadlines-TOTAL_FORMS": "1",
        "deadlines-0-date": "2027-03-31",
        "deadlines-0-yearly": "",
    }
    funder_a_client.post(admin_url(programme_a), data)
    revision = newest(programme_a)

    page = parse(editor_client.get(admin_url(programme_a, "revision", programme_a.pk, revision.pk)))

    rows = {
        tr.th.get_text(): [td.get_text(" ", strip=True) for td in tr.select("td")]
        for tr in page.select(".history-diff tbody tr")
    }
    assert rows["Fördersumme"] == ["–", "bis 5.000 €"]
    assert rows["Fördergebiet"] == ["–", "Region Hannover"]
    assert rows["Bewerbungsfristen"] == ["–", "31.03.2027"]
    assert [b.get_text() for b in page.select(".workflow-actions button")] == [
        "Diese Fassung veröffentlichen",
        "Als neuen Entwurf wiederherstellen",
    ]


def test_funder_sees_comment_when_revision_is_sent_back(
    mailbox, django_capture_on_commit_callbacks, funder_a, funder_a_client, editor_client, programme_a
):
    save_via_form(funder_a_client, programme_a, amount_text="unbegrenzt")
    revision = newest(programme_a)

    with django_capture_on_commit_callbacks(execute=True):
        step(editor_client, programme_a, revision, "return", comment="Bitte eine Obergrenze nennen.")

    page = parse(funder_a_client.get(admin_url(programme_a, "revision", programme_a.pk, revision.pk)))
    revision.refresh_from_db()
    assert revision.state == Revision.State.RETURNED
    assert "Bitte eine Obergrenze nennen." in page.select_one(".revision-comment").get_text()
    assert page.select(".revision-return") == []
    (mail,) = mailbox.to(funder_a.email)
    assert mail["Subject"].strip() == "Zurückgegeben: „Programm der Stiftung A“"
    assert "Bitte eine Obergrenze nennen." in mail.get_content()


@pytest.mark.parametrize("comment", ["", "   ", "x" * 5001])
def test_send_back_without_usable_comment_refused(funder_a_client, editor_client, programme_a, comment):
    save_via_form(funder_a_client, programme_a, amount_text="unbegrenzt")
    revision = newest(programme_a)

    response = step(editor_client, programme_a, revision, "return", comment=comment)

    revision.refresh_from_db()
    assert (response.status_code, revision.state) == (302, Revision.State.REVIEW)


def test_funder_cannot_publish_or_send_back(funder_a_client, programme_a):
    save_via_form(funder_a_client, programme_a, amount_text="selbst veröffentlicht")
    revision = newest(programme_a)

    answers = [
        step(funder_a_client, programme_a, revision, name).status_code for name in ("publish", "return")
    ]

    programme_a.refresh_from_db()
    assert (answers, programme_a.amount_text) == ([403, 403], "")


def test_revision_pages_refuse_strangers_and_bad_input(
    funder_a_client, funder_b_client, editor_client, programme_a, programme_b
):
    save_via_form(funder_a_client, programme_a, amount_text="geheim")
    revision = newest(programme_a)
    other = revisions.record(programme_b, Revision.State.DRAFT)

    assert (
        funder_b_client.get(admin_url(programme_a, "revision", programme_a.pk, revision.pk)).status_code
        == 404
    )
    assert editor_client.get(admin_url(programme_a, "revision", programme_a.pk, other.pk)).status_code == 404
    assert (
        editor_client.get(
            admin_url(programme_a, "revision_step", programme_a.pk, revision.pk, "publish")
        ).status_code
        == 405
    )
    assert step(editor_client, programme_a, revision, "delete").status_code == 404
    assert editor_client.get(f"{admin_url(programme_a)}fassungen/abc/").status_code in (302, 404)


def test_deciding_twice_is_refused(funder_a_client, editor_client, programme_a):
    save_via_form(funder_a_client, programme_a, amount_text="einmal")
    revision = newest(programme_a)
    step(editor_client, programme_a, revision, "publish")

    response = step(editor_client, programme_a, revision, "return", comment="zu spät")

    revision.refresh_from_db()
    assert revision.state == Revision.State.PUBLISHED
    assert "Über diese Fassung ist schon entschieden." in messages_of(editor_client.get(response["Location"]))


def test_change_form_names_waiting_revisions_and_who_else_edits(funder_a_client, editor_client, programme_a):
    save_via_form(funder_a_client, programme_a, amount_text="wartet")
    colleague = logged_in(UserFactory(username="kollegin", groups=["Redaktion"]))
    colleague.get(admin_url(programme_a))

    page = parse(editor_client.get(admin_url(programme_a)))

    warnings = [" ".join(p.get_text().split()) for p in page.select(".workflow-panel .warning")]
    assert warnings[0] == "Wird gerade bearbeitet von foerderer-a, kollegin."
    assert warnings[1].startswith(f"Fassung {newest(programme_a).number} vom ")
    assert warnings[1].endswith("(foerderer-a) wartet auf Prüfung.")


# Reproduction 7 -------------------------------------------------------------


def programme_with_everything(institution):
    programme = ProgrammeFactory(title="Mit allem", deadline_kind="dates", regions=["03241"])
    programme.target_groups.set(["aeltere"])
    ProgrammeInstitutionFactory(programme=programme, institution=institution, role=Role.APPROVER)
    programme.deadlines.create(date=date(2027, 3, 31))
    programme.deadlines.create(yearly="09-30")
    return programme


def test_every_save_versions_deadlines_and_institution_links(editor_client, institution_a):
    programme = programme_with_everything(institution_a)
    save_via_form(editor_client, programme, title="Gespeichert")

    snapshot = newest(programme).snapshot

    assert snapshot["lists"]["regions"] == ["03241"]
    assert snapshot["lists"]["target_groups"] == ["aeltere"]
    assert snapshot["deadlines"] == [{"date": "2027-03-31", "yearly": ""}, {"date": None, "yearly": "09-30"}]
    assert snapshot["institutions"] == [
        {"institution": institution_a.pk, "role": "bewilligungsstelle", "position": 0}
    ]


def test_restore_brings_back_regions_deadlines_and_links_as_a_draft(editor, editor_client, institution_b):
    programme = programme_with_everything(institution_b)
    old = revisions.record(programme, Revision.State.PUBLISHED, editor)
    programme.regions.set([])
    programme.target_groups.set([])
    programme.deadlines.all().delete()
    programme.institution_links.all().delete()
    programme.title, programme.state = "Ausgedünnt", Workflow.REVIEW
    programme.publish_at = timezone.now() + timedelta(hours=1)
    programme.save()

    step(editor_client, programme, old, "restore")

    programme.refresh_from_db()
    assert snapshots.take(programme) == old.snapshot
    assert (programme.state, programme.publish_at) == (Workflow.DRAFT, None)
    assert newest(programme).state == Revision.State.DRAFT
    assert apply_schedule(timezone.now() + timedelta(days=1)).published == []


def test_restore_of_published_entry_waits_beside_the_public_version(
    editor, editor_client, client, programme_a
):
    old = revisions.record(programme_a, Revision.State.PUBLISHED, editor)
    save_via_form(editor_client, programme_a, title="Heute öffentlich")

    step(editor_client, programme_a, old, "restore")

    programme_a.refresh_from_db()
    draft = newest(programme_a)
    assert (programme_a.title, draft.state, draft.label) == (
        "Heute öffentlich",
        Revision.State.DRAFT,
        "Programm der Stiftung A",
    )
    step(editor_client, programme_a, draft, "publish")
    programme_a.refresh_from_db()
    assert programme_a.title == "Programm der Stiftung A"


def test_deleted_programme_waits_in_papierkorb_and_comes_back_whole(editor, editor_client, institution_a):
    programme = programme_with_everything(institution_a)
    before = snapshots.take(programme)
    editor_client.post(admin_url(programme, "delete"), {"post": "yes"})
    assert not Programme.objects.filter(pk=programme.pk).exists()

    listing = parse(editor_client.get(reverse("admin:editorial_deletedentry_changelist")))
    assert "Mit allem" in listing.select_one("#result_list").get_text()
    assert "redakteurin" in listing.select_one("#result_list").get_text()
    trashed = DeletedEntry.objects.get(object_id=programme.pk, kind="programme", state=Revision.State.DELETED)
    editor_client.post(
        reverse("admin:editorial_deletedentry_changelist"),
        {"action": "restore", "_selected_action": [trashed.pk]},
    )

    restored = Programme.objects.get(pk=programme.pk)
    assert (restored.state, snapshots.take(restored)) == (Workflow.DRAFT, before)
    assert list(revisions.in_trash()) == []


def test_papierkorb_is_for_the_redaktion_only(funder_a_client, institution_a):
    assert funder_a_client.get(reverse("admin:editorial_deletedentry_changelist")).status_code == 403


def test_first_revisions_migration_covers_every_entry(programme_a, institution_a):
    from importlib import import_module

    from django.apps import apps

    Revision.objects.all().delete()
    import_module("editorial.migrations.0003_revisions").first_revisions(apps, None)

    assert sorted(Revision.objects.values_list("kind", "number", "label")) == [
        ("institution", 1, "Stiftung A"),
        ("programme", 1, "Programm der Stiftung A"),
    ]
    assert Revision.objects.get(kind="programme").snapshot == snapshots.take(programme_a)
    assert Institution.objects.count() == 1


# A funder's second save (issue 15) -----------------------------------------


def test_funders_second_save_starts_from_their_pending_revision(funder_a_client, client, programme_a):
    live_links = list(programme_a.institution_links.values_list("pk", "institution_id", "role"))
    save_via_form(funder_a_client, programme_a, title="Erste Änderung der Förderin")
    first = newest(programme_a)
    # Their revision also holds a deadline the public version does not have.
    first.snapshot["deadlines"] = [{"date": "2027-05-31", "yearly": ""}]
    first.save(update_fields=["snapshot"])

    page = parse(funder_a_client.get(admin_url(programme_a)))
    assert page.select_one("input[name=title]")["value"] == "Erste Änderung der Förderin"
    assert page.select_one("input[name='deadlines-0-date']")["value"] == "2027-05-31"
    assert page.select_one("input[name='deadlines-INITIAL_FORMS']")["value"] == "0"  # rows of the revision
    save_via_form(funder_a_client, programme_a, description="Zweite Änderung")

    second = newest(programme_a)
    assert (second.number, second.state) == (first.number + 1, Revision.State.REVIEW)
    fields = second.snapshot["fields"]
    assert (fields["title"], fields["description"]) == ("Erste Änderung der Förderin", "Zweite Änderung")
    assert second.snapshot["deadlines"] == [{"date": "2027-05-31", "yearly": ""}]
    assert [(i["institution"], i["role"]) for i in second.snapshot["institutions"]] == [
        (institution, role) for _pk, institution, role in live_links
    ]
    first.refresh_from_db()
    assert first.state == Revision.State.SUPERSEDED
    assert list(revisions.pending_of(programme_a)) == [second]
    # The live tables still hold the public version, rows included.
    assert list(programme_a.institution_links.values_list("pk", "institution_id", "role")) == live_links
    assert programme_a.deadlines.filter(date=date(2027, 5, 31)).exists() is False
    status, text = public_text(client, programme_a)
    assert status == 200 and "Erste Änderung der Förderin" not in text


def test_funder_form_starts_from_public_text_when_someone_else_saved_last(
    funder_a_client, editor_client, programme_a
):
    save_via_form(funder_a_client, programme_a, title="Vorschlag der Förderin")
    funder_revision = newest(programme_a)
    save_via_form(editor_client, programme_a, title="Titel der Redaktion")

    page = parse(funder_a_client.get(admin_url(programme_a)))

    assert page.select_one("input[name=title]")["value"] == "Titel der Redaktion"
    funder_revision.refresh_from_db()
    assert funder_revision.state == Revision.State.REVIEW  # still waiting for the Redaktion's decision
