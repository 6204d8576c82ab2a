"""Version history (who, when, what), word-by-word comparison, restoring an
old version, and the refusal of a stale form."""

import pytest

from catalogue.models import Deadline, IntegrationArea, ProgrammeInstitution, Workflow
from catalogue.tests.factories import ProgrammeFactory, ProgrammeInstitutionFactory
from editorial.history import word_diff

from .conftest import logged_in
from .factories import UserFactory
from .helpers import admin_url, form_data, parse

pytestmark = pytest.mark.django_db

LONG = (
    "Gefördert werden Begegnungsprojekte in Nachbarschaften, "
    "die Menschen mit und ohne Zuwanderungsbiografie zusammenbringen."
)


def save_via_form(client, entry, **changes):
    data = form_data(client.get(admin_url(entry)), f"{entry._meta.model_name}_form")
    return client.post(admin_url(entry), data | changes)


def test_word_diff_marks_changed_words_only():
    assert word_diff("bis 5.000 Euro je Projekt", "bis 6.000 Euro je Projekt") == (
        "bis <del>5.000</del><ins>6.000</ins> Euro je Projekt"
    )


def test_word_diff_escapes_html():
    assert word_diff("a <b>", "a <i>") == "a <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>"


def test_history_page_lists_who_when_what(editor_client, editor):
    programme = ProgrammeFactory(title="Alt", description=LONG)
    save_via_form(editor_client, programme, title="Neu", amount_text="bis 5.000 €")

    page = parse(editor_client.get(admin_url(programme, "history")))

    rows = [
        [" ".join(td.get_text().split()) for td in tr.select("td")]
        for tr in page.select("#change-history tbody tr")
    ]
    assert [row[2:6] for row in rows] == [
        ["Geändert", "redakteurin", "–", "Titel Fördersumme"],
        ["Erstellt", "System", "–", ""],
    ]
    assert rows[0][6] == "mit vorheriger Fassung"


def test_history_diff_shows_changed_fields_readably(editor_client):
    programme = ProgrammeFactory(title="Alt", description=LONG)
    save_via_form(
        editor_client, programme, title="Neu", description=LONG.replace("Nachbarschaften", "Quartieren")
    )
    new, old = programme.history.all()[:2]

    page = parse(editor_client.get(admin_url(programme, "history_diff", programme.pk, old.pk, new.pk)))

    rows = {tr.th.get_text(): tr for tr in page.select(".history-diff tbody tr")}
    assert sorted(rows) == ["Beschreibung", "Titel"]
    assert [rows["Titel"].select_one("del").get_text(), rows["Titel"].select_one("ins").get_text()] == [
        "Alt",
        "Neu",
    ]
    assert [e.get_text() for e in rows["Beschreibung"].select("del, ins")] == [
        "Nachbarschaften,",
        "Quartieren,",
    ]


def test_old_history_form_restores_nothing(editor_client):
    programme = ProgrammeFactory(title="Erste Fassung")
    first = programme.history.first()
    save_via_form(editor_client, programme, title="Zweite Fassung")
    url = admin_url(programme, "simple_history", programme.pk, first.pk)

    response = editor_client.post(url, form_data(editor_client.get(url), "historicalprogramme_form"))

    programme.refresh_from_db()
    assert (response.status_code, programme.title) == (405, "Zweite Fassung")


def test_stale_form_refused_and_input_kept(editor_client):
    programme = ProgrammeFactory(title="Ausgangstitel")
    other = logged_in(UserFactory(username="kollege", groups=["Redaktion"]))
    stale = form_data(editor_client.get(admin_url(programme)), "programme_form")
    save_via_form(other, programme, title="Titel des Kollegen")

    response = editor_client.post(admin_url(programme), stale | {"title": "Mein Titel"})

    programme.refresh_from_db()
    page = parse(response)
    assert response.status_code == 200
    assert programme.title == "Titel des Kollegen"
    assert page.select_one("input[name=title]")["value"] == "Mein Titel"
    error = " ".join(page.select_one(".errornote + ul.errorlist, ul.errorlist.nonfield").get_text().split())
    assert error.startswith("Dieser Eintrag wurde inzwischen von kollege geändert (")
    assert "Ihre Änderungen sind noch nicht gespeichert, aber unten erhalten." in error


def test_stale_form_saved_on_deliberate_second_submit(editor_client):
    programme = ProgrammeFactory(title="Ausgangstitel")
    other = logged_in(UserFactory(username="kollege", groups=["Redaktion"]))
    stale = form_data(editor_client.get(admin_url(programme)), "programme_form")
    save_via_form(other, programme, title="Titel des Kollegen")
    refused = editor_client.post(admin_url(programme), stale | {"title": "Mein Titel"})

    response = editor_client.post(admin_url(programme), form_data(refused, "programme_form"))

    programme.refresh_from_db()
    assert (response.status_code, programme.title) == (302, "Mein Titel")


def test_form_without_version_refused(editor_client):
    programme = ProgrammeFactory(title="Ausgangstitel")
    data = form_data(editor_client.get(admin_url(programme)), "programme_form")
    del data["loaded_version"]

    response = editor_client.post(admin_url(programme), data | {"title": "Ohne Version"})

    programme.refresh_from_db()
    assert (response.status_code, programme.title) == (200, "Ausgangstitel")


def test_workflow_step_between_load_and_save_makes_form_stale(editor_client, editor):
    programme = ProgrammeFactory(title="Ausgangstitel", state=Workflow.REVIEW)
    stale = form_data(editor_client.get(admin_url(programme)), "programme_form")
    editor_client.post(admin_url(programme, "workflow", programme.pk, "publish"))

    response = editor_client.post(admin_url(programme), stale | {"title": "Zu spät"})

    programme.refresh_from_db()
    assert (response.status_code, programme.title, programme.state) == (
        200,
        "Ausgangstitel",
        Workflow.PUBLISHED,
    )


def test_history_diff_shows_changed_target_groups_by_label(editor_client):
    programme = ProgrammeFactory(title="Alt")
    programme.target_groups.set(["aeltere"])
    programme.target_groups.set(["aeltere", "frauen-maedchen"])
    new, old = programme.history.all()[:2]

    page = parse(editor_client.get(admin_url(programme, "history_diff", programme.pk, old.pk, new.pk)))

    rows = {tr.th.get_text(): tr for tr in page.select(".history-diff tbody tr")}
    assert sorted(rows) == ["Zielgruppen"]
    assert rows["Zielgruppen"].get_text(" ", strip=True) == (
        "Zielgruppen Ältere Menschen Ältere Menschen, Frauen und Mädchen"
    )


def test_history_keeps_removed_deadlines_and_institution_links():
    link = ProgrammeInstitutionFactory()
    deadline = link.programme.deadlines.create(yearly="09-30")
    deadline_id, link_id = deadline.id, link.id

    deadline.delete()
    link.delete()

    assert [r.history_type for r in Deadline.history.filter(id=deadline_id)] == ["-", "+"]
    assert [r.history_type for r in ProgrammeInstitution.history.filter(id=link_id)] == ["-", "+"]


def test_history_records_list_change_made_from_the_vocabulary_side():
    programme = ProgrammeFactory()
    area = IntegrationArea.objects.get(code="kultur")

    area.programme_set.add(programme)

    latest = programme.history.first()
    assert [row.integrationarea_id for row in latest.integration_areas.all()] == ["kultur"]
