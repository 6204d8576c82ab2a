"""Vocabulary management: add, relabel, reorder, merge; no deletion of a
value in use; regions only relabelled and reordered."""

import pytest
from django.urls import reverse

from catalogue.models import FundingKind, Institution, InstitutionKind, IntegrationArea, Programme, Region
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from editorial import vocabulary

from .helpers import admin_url, form_data, parse

pytestmark = pytest.mark.django_db


def test_add_value(editor_client):
    response = editor_client.post(
        reverse("admin:catalogue_integrationarea_add"),
        {"code": "digitales", "label": "Digitale Teilhabe", "position": 20},
    )

    assert response.status_code == 302
    assert IntegrationArea.objects.get(code="digitales").label == "Digitale Teilhabe"


def test_relabel_value_keeps_code(editor_client):
    area = IntegrationArea.objects.get(code="kultur")

    editor_client.post(
        admin_url(area), {"code": "anders", "label": "Kultur und Kunst", "position": area.position}
    )

    assert list(IntegrationArea.objects.filter(label="Kultur und Kunst").values_list("code", flat=True)) == [
        "kultur"
    ]


def test_reorder_values_in_list(editor_client):
    url = reverse("admin:catalogue_fundingkind_changelist")
    data = form_data(editor_client.get(url), "changelist-form")
    rows = [key.removesuffix("-code") for key in data if key.endswith("-code")]
    new_order = ["sachleistungen", "preise", "institutionell", "projekte"]
    for row in rows:
        data[f"{row}-position"] = str(new_order.index(data[f"{row}-code"]))

    editor_client.post(url, data | {"_save": "Sichern"})

    assert list(FundingKind.objects.values_list("code", flat=True)) == new_order


def test_list_shows_use_counts(editor_client):
    ProgrammeFactory().integration_areas.set(["kultur"])
    InstitutionFactory().integration_areas.set(["kultur"])

    page = parse(editor_client.get(reverse("admin:catalogue_integrationarea_changelist") + "?q=kultur"))

    assert [td.get_text() for td in page.select("#result_list tbody td.field-use_count")] == ["2"]


def test_merge_repoints_every_use_then_deletes_source(editor_client):
    both = ProgrammeFactory(slug="beide")
    both.integration_areas.set(["kultur", "sport-bewegung"])
    only_source = ProgrammeFactory(slug="nur-kultur")
    only_source.integration_areas.set(["kultur"])
    institution = InstitutionFactory()
    institution.integration_areas.set(["kultur"])

    response = editor_client.post(
        reverse("admin:catalogue_integrationarea_changelist"),
        {"action": "merge_values", "_selected_action": ["kultur"], "target": "sport-bewegung"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "„Kultur“ zusammengeführt mit „Sport und Bewegung“."
    ]
    assert IntegrationArea.objects.filter(code="kultur").exists() is False
    assert [a.code for a in both.integration_areas.all()] == ["sport-bewegung"]
    assert [a.code for a in only_source.integration_areas.all()] == ["sport-bewegung"]
    assert [a.code for a in institution.integration_areas.all()] == ["sport-bewegung"]


def test_merge_action_asks_for_target_first(editor_client):
    response = editor_client.post(
        reverse("admin:catalogue_integrationarea_changelist"),
        {"action": "merge_values", "_selected_action": ["kultur"], "index": 0},
    )

    page = parse(response)
    options = [o["value"] for o in page.select("select[name=target] option") if o["value"]]
    assert (
        response.status_code,
        "kultur" in options,
        IntegrationArea.objects.filter(code="kultur").count(),
    ) == (200, False, 1)


def test_merge_repoints_foreign_keys_with_history():
    institution = InstitutionFactory(kind_id="lotterie")

    vocabulary.merge(
        InstitutionKind.objects.get(code="lotterie"), InstitutionKind.objects.get(code="stiftung")
    )

    institution.refresh_from_db()
    assert institution.kind_id == "stiftung"
    assert (
        institution.history.first().history_change_reason == "Wert „Lotterie“ mit „Stiftung“ zusammengeführt"
    )


def test_merge_into_itself_refused():
    value = FundingKind.objects.get(code="preise")

    with pytest.raises(ValueError):
        vocabulary.merge(value, value)


def test_delete_of_value_in_use_refused_with_hint(editor_client):
    ProgrammeFactory().funding_kinds.set(["preise"])
    value = FundingKind.objects.get(code="preise")

    page_response = editor_client.get(admin_url(value, "delete"))
    post_response = editor_client.post(admin_url(value, "delete"), {"post": "yes"})

    assert FundingKind.objects.filter(code="preise").exists()
    assert [str(m) for m in page_response.context["messages"]] == [
        "„Preise und Wettbewerbe“ wird noch verwendet (1 Förderprogramm) und kann nicht gelöscht werden. "
        "Führen Sie den Wert zuerst mit einem anderen zusammen (Aktion „Zusammenführen“ in der Liste)."
    ]
    assert post_response.status_code == 200


def test_bulk_delete_of_value_in_use_refused(editor_client):
    InstitutionFactory().funding_kinds.set(["preise"])

    response = editor_client.post(
        reverse("admin:catalogue_fundingkind_changelist"),
        {"action": "delete_selected", "_selected_action": ["preise", "sachleistungen"], "post": "yes"},
    )

    assert response.status_code == 200
    assert (
        "„Preise und Wettbewerbe“ wird verwendet (1 Förderer) – zuerst mit einem anderen Wert zusammenführen."
        in [li.get_text() for li in parse(response).select("#content ul li")]
    )
    assert sorted(
        FundingKind.objects.filter(code__in=["preise", "sachleistungen"]).values_list("code", flat=True)
    ) == [
        "preise",
        "sachleistungen",
    ]


def test_delete_of_unused_value_allowed(editor_client):
    value = FundingKind.objects.get(code="sachleistungen")

    editor_client.post(admin_url(value, "delete"), {"post": "yes"})

    assert FundingKind.objects.filter(code="sachleistungen").exists() is False


def test_region_relabel_only(editor_client):
    region = Region.objects.get(code="03155")

    editor_client.post(
        admin_url(region), {"label": "Landkreis Northeim (Südniedersachsen)", "position": 7, "parent": "de"}
    )

    region.refresh_from_db()
    assert (region.label, region.position, region.parent_id) == (
        "Landkreis Northeim (Südniedersachsen)",
        7,
        "ni",
    )


def test_region_add_and_delete_refused(editor_client):
    region = Region.objects.get(code="03155")

    statuses = (
        editor_client.get(reverse("admin:catalogue_region_add")).status_code,
        editor_client.post(admin_url(region, "delete"), {"post": "yes"}).status_code,
    )

    assert statuses == (403, 403)
    assert Region.objects.filter(code="03155").exists()


def test_vocabulary_pages_refused_to_funder(funder_a_client):
    assert funder_a_client.get(reverse("admin:catalogue_integrationarea_changelist")).status_code == 403


def test_uses_counts_every_relation():
    ProgrammeFactory().target_groups.set(["quartier"])
    Institution.objects.create(slug="x", name="X").target_groups.set(["quartier"])

    assert vocabulary.uses(vocabulary_value("quartier")) == {Programme: 1, Institution: 1}


def vocabulary_value(code):
    from catalogue.models import TargetGroup

    return TargetGroup.objects.get(code=code)


def test_relabelled_value_found_by_search_under_new_label(editor_client):
    from django.http import QueryDict

    from search.core import search

    programme = ProgrammeFactory(slug="mit-kultur", title="Begegnung")
    programme.integration_areas.set(["kultur"])
    area = IntegrationArea.objects.get(code="kultur")

    editor_client.post(admin_url(area), {"label": "Kulturmosaik", "position": area.position})

    hits = search(QueryDict("q=Kulturmosaik")).hits
    assert [hit.object.slug for hit in hits] == ["mit-kultur"]
