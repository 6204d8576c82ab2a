"""Every permission boundary of the back office, by persona."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from catalogue.models import Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from editorial.models import FunderAccount, Revision
from editorial.revisions import revisions_of
from editorial.roles import FOERDERER

from .conftest import logged_in
from .factories import UserFactory
from .helpers import admin_url, form_data, parse

pytestmark = pytest.mark.django_db


def change_list_titles(client, model):
    page = parse(client.get(admin_url(model, "changelist")))
    return [link.get_text() for link in page.select("#result_list tbody th a")]


def test_admin_pages_redirect_visitor_to_login(visitor, programme_a):
    paths = [
        admin_url(Programme, "changelist"),
        admin_url(programme_a),
        reverse("admin:editorial_worklist"),
        reverse("admin:editorial_import"),
        reverse("admin:editorial_preview_programme", args=[programme_a.pk]),
    ]

    statuses = [visitor.get(path) for path in paths]

    assert [(r.status_code, r["Location"].split("?")[0]) for r in statuses] == [
        (302, "/redaktion/login/")
    ] * 5


def test_programme_list_of_funder_shows_only_own_programmes(funder_a_client, programme_a, programme_b):
    assert change_list_titles(funder_a_client, Programme) == ["Programm der Stiftung A"]


def test_institution_list_of_funder_shows_only_own_institutions(
    funder_a_client, institution_a, institution_b
):
    assert change_list_titles(funder_a_client, Institution) == ["Stiftung A"]


def test_programme_list_of_editor_shows_every_programme(editor_client, programme_a, programme_b):
    assert change_list_titles(editor_client, Programme) == [
        "Programm der Stiftung A",
        "Programm der Stiftung B",
    ]


def test_other_funders_pages_not_found_for_funder(funder_a_client, programme_b, institution_b):
    paths = [
        admin_url(programme_b),
        admin_url(institution_b),
        admin_url(programme_b, "delete"),
        reverse("admin:editorial_preview_programme", args=[programme_b.pk]),
        reverse("admin:editorial_preview_institution", args=[institution_b.pk]),
    ]

    assert [funder_a_client.get(path).status_code for path in paths] == [404] * 5


def test_other_funders_history_refused_to_funder(funder_a_client, programme_b):
    record = programme_b.history.first()

    history = funder_a_client.get(admin_url(programme_b, "history"))
    version = funder_a_client.get(admin_url(programme_b, "simple_history", programme_b.pk, record.pk))
    diff = funder_a_client.get(admin_url(programme_b, "history_diff", programme_b.pk, record.pk, record.pk))

    assert (history.status_code, version.status_code, diff.status_code) == (403, 403, 404)


def test_other_funders_programme_unchanged_by_post_of_funder(funder_a_client, programme_b):
    response = funder_a_client.post(admin_url(programme_b), {"title": "Übernommen"})

    programme_b.refresh_from_db()
    assert (response.status_code, programme_b.title) == (404, "Programm der Stiftung B")


def test_other_funders_programme_workflow_refused_to_funder(funder_a_client, programme_b):
    programme_b.state = Workflow.DRAFT
    programme_b.save()

    response = funder_a_client.post(admin_url(programme_b, "workflow", programme_b.pk, "submit"))

    programme_b.refresh_from_db()
    assert (response.status_code, programme_b.state) == (404, Workflow.DRAFT)


def test_funder_save_of_own_programme_goes_to_review(funder_a_client, funder_a, programme_a):
    data = form_data(funder_a_client.get(admin_url(programme_a)), "programme_form")
    data |= {"title": "Programm der Stiftung A, neu", "state": Workflow.PUBLISHED}

    response = funder_a_client.post(admin_url(programme_a), data)

    programme_a.refresh_from_db()
    revision = revisions_of(programme_a).first()
    assert response.status_code == 302
    assert (programme_a.title, programme_a.state) == ("Programm der Stiftung A", Workflow.PUBLISHED)
    assert (revision.label, revision.state, revision.created_by, revision.reason) == (
        "Programm der Stiftung A, neu",
        Revision.State.REVIEW,
        funder_a,
        "Änderung durch Förderer, wartet auf Prüfung",
    )


def test_funder_reviewed_programme_published_by_editor(funder_a_client, editor_client, programme_a):
    data = form_data(funder_a_client.get(admin_url(programme_a)), "programme_form")
    funder_a_client.post(admin_url(programme_a), data | {"amount_text": "bis 2.000 €"})
    revision = revisions_of(programme_a).first()

    response = editor_client.post(
        admin_url(programme_a, "revision_step", programme_a.pk, revision.pk, "publish")
    )

    programme_a.refresh_from_db()
    revision.refresh_from_db()
    assert response.status_code == 302
    assert (programme_a.amount_text, programme_a.state) == ("bis 2.000 €", Workflow.PUBLISHED)
    assert revision.state == Revision.State.PUBLISHED


def test_funder_cannot_publish_own_programme(funder_a_client, programme_a):
    programme_a.state = Workflow.REVIEW
    programme_a.save()

    response = funder_a_client.post(
        admin_url(programme_a, "workflow", programme_a.pk, "publish"), follow=True
    )

    programme_a.refresh_from_db()
    assert programme_a.state == Workflow.REVIEW
    assert [str(m) for m in response.context["messages"]] == [
        "Dieser Schritt ist für „Programm der Stiftung A“ nicht möglich."
    ]


def test_change_list_actions_of_funder_exclude_publishing(funder_a_client, programme_a):
    page = parse(funder_a_client.get(admin_url(Programme, "changelist")))

    actions = [option["value"] for option in page.select("select[name=action] option") if option["value"]]

    assert actions == ["submit_for_review", "export_json", "export_csv", "export_xlsx"]


def test_publish_action_of_funder_refused(funder_a_client, programme_a):
    programme_a.state = Workflow.REVIEW
    programme_a.save()

    funder_a_client.post(
        admin_url(Programme, "changelist"),
        {"action": "publish", "_selected_action": [programme_a.pk], "index": 0},
    )

    programme_a.refresh_from_db()
    assert programme_a.state == Workflow.REVIEW


def test_institution_choices_of_funder_limited_to_own(funder_a_client, programme_a, institution_b):
    page = parse(funder_a_client.get(admin_url(programme_a)))

    options = page.select("select[name=institution_links-0-institution] option")

    assert [option.get_text() for option in options if option["value"]] == ["Stiftung A"]


def test_links_to_other_institutions_kept_when_funder_saves(funder_a_client, programme_a, institution_b):
    ProgrammeInstitutionFactory(programme=programme_a, institution=institution_b, role="bewilligungsstelle")
    response = funder_a_client.get(admin_url(programme_a))
    data = form_data(response, "programme_form")

    funder_a_client.post(admin_url(programme_a), data)

    links = ProgrammeInstitution.objects.filter(programme=programme_a).order_by("institution__name")
    assert [(link.institution.name, link.role) for link in links] == [
        ("Stiftung A", "mittelgeber"),
        ("Stiftung B", "bewilligungsstelle"),
    ]
    assert [
        o.get_text()
        for o in parse(response).select("select[name=institution_links-0-institution] option[selected]")
    ] == ["Stiftung A"]


def test_funder_cannot_remove_last_own_link(funder_a_client, programme_a):
    data = form_data(funder_a_client.get(admin_url(programme_a)), "programme_form")
    data["institution_links-0-DELETE"] = "on"

    response = funder_a_client.post(admin_url(programme_a), data)

    assert response.status_code == 200
    assert (
        "Verknüpfen Sie das Programm mit mindestens einer Ihrer Institutionen." in response.content.decode()
    )
    assert programme_a.institution_links.count() == 1


def test_funder_adds_programme_for_review_linked_to_own_institution(funder_a_client, institution_a):
    data = form_data(funder_a_client.get(admin_url(Programme, "add")), "programme_form")
    data |= {
        "title": "Neues Programm",
        "slug": "neues-programm",
        "deadline_kind": "rolling",
        "institution_links-0-institution": str(institution_a.pk),
        "institution_links-0-role": "mittelgeber",
        "institution_links-0-position": "0",
    }

    response = funder_a_client.post(admin_url(Programme, "add"), data)

    programme = Programme.objects.get(slug="neues-programm")
    assert response.status_code == 302
    assert (programme.state, [i.slug for i in programme.institutions.all()]) == (
        Workflow.REVIEW,
        ["stiftung-a"],
    )


def test_funder_cannot_link_new_programme_to_other_institution(funder_a_client, institution_a, institution_b):
    data = form_data(funder_a_client.get(admin_url(Programme, "add")), "programme_form")
    data |= {
        "title": "Fremdes Programm",
        "slug": "fremdes-programm",
        "deadline_kind": "rolling",
        "institution_links-0-institution": str(institution_b.pk),
        "institution_links-0-role": "mittelgeber",
        "institution_links-0-position": "0",
    }

    response = funder_a_client.post(admin_url(Programme, "add"), data)

    assert response.status_code == 200
    assert Programme.objects.filter(slug="fremdes-programm").exists() is False


def test_funder_cannot_reach_editorial_pages(funder_a_client):
    paths = [
        reverse("admin:editorial_worklist"),
        reverse("admin:editorial_import"),
        reverse("admin:catalogue_fundingkind_changelist"),
        reverse("admin:editorial_funderaccount_changelist"),
        reverse("admin:auth_user_changelist"),
    ]

    assert [funder_a_client.get(path).status_code for path in paths] == [403] * 5


def test_staff_user_without_role_sees_no_entries(programme_a):
    client = logged_in(UserFactory(username="ohne-rolle", groups=[FOERDERER]))

    assert change_list_titles(client, Programme) == []


def test_user_admin_open_to_administrator_only(administrator_client, editor_client):
    url = reverse("admin:auth_user_changelist")

    assert (administrator_client.get(url).status_code, editor_client.get(url).status_code) == (200, 403)


def test_funder_account_saved_by_administrator_makes_staff_funder(administrator_client, institution_a):
    person = User.objects.create_user("neu", password="Lange-Passphrase-2026!")

    response = administrator_client.post(
        reverse("admin:editorial_funderaccount_add"), {"user": person.pk, "institutions": [institution_a.pk]}
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.is_staff, [g.name for g in person.groups.all()]) == (True, ["Förderer"])
    assert [i.slug for i in FunderAccount.objects.get(user=person).institutions.all()] == ["stiftung-a"]


def test_role_groups_exist_after_migrations():
    names = sorted(Group.objects.values_list("name", flat=True))

    assert names == ["Administration", "Förderer", "Redaktion"]


def test_funder_group_lacks_publishing_and_vocabulary_rights():
    funder = UserFactory(groups=[FOERDERER])

    rights = [
        funder.has_perm(p)
        for p in ("editorial.publish_entry", "catalogue.change_fundingkind", "catalogue.delete_programme")
    ]

    assert rights == [False, False, False]


def test_funder_of_two_institutions_sees_both(programme_a, programme_b, institution_a, institution_b):
    from .factories import FunderAccountFactory

    client = logged_in(FunderAccountFactory(institutions=[institution_a, institution_b]).user)

    assert change_list_titles(client, Programme) == ["Programm der Stiftung A", "Programm der Stiftung B"]


def test_unrelated_programme_invisible_to_funder(funder_a_client, programme_a):
    ProgrammeFactory(slug="ohne-foerderer", title="Ohne Förderer")
    InstitutionFactory(slug="dritte", name="Dritte Stiftung")

    assert change_list_titles(funder_a_client, Programme) == ["Programm der Stiftung A"]
