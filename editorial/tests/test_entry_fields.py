"""Editing that fits editors: link and source rows, the Fördergebiet in
groups, German labels, what is scheduled, programmes without a funder."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from catalogue.models import Institution, Programme
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory

from .helpers import admin_url, parse
from .test_history import save_via_form

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


def cell_values(page, field):
    return [i.get("value", "") for i in page.select(f".field-{field} input")]


def test_links_and_sources_are_rows_with_room_for_more(editor_client):
    programme = ProgrammeFactory(
        links=[{"title": "Richtlinie", "url": "https://example.org/r"}, {"url": "https://example.org/a"}],
        sources=["https://example.org/q"],
    )

    page = parse(editor_client.get(admin_url(programme)))

    assert cell_values(page, "links") == [
        "Richtlinie",
        "https://example.org/r",
        "",
        "https://example.org/a",
        *[""] * 6,
    ]
    assert cell_values(page, "sources") == ["https://example.org/q", "", "", ""]
    assert [i["aria-label"] for i in page.select(".field-sources input")] == [
        "Quelle 1: Adresse",
        "Quelle 2: Adresse",
        "Quelle 3: Adresse",
        "Quelle 4: Adresse",
    ]


def test_link_rows_saved_in_order_empty_rows_dropped(editor_client):
    programme = ProgrammeFactory(links=[{"url": "https://example.org/alt"}])

    save_via_form(
        editor_client,
        programme,
        **{
            "links-0-url": "",
            "links-1-title": "Antrag",
            "links-1-url": "https://example.org/antrag",
            "links-3-url": "https://example.org/faq",
        },
    )

    programme.refresh_from_db()
    assert programme.links == [
        {"title": "Antrag", "url": "https://example.org/antrag"},
        {"url": "https://example.org/faq"},
    ]


def test_regions_are_grouped_with_districts_folded(editor_client):
    programme = ProgrammeFactory(regions=["03155"])

    page = parse(editor_client.get(admin_url(programme)))

    wide, districts = page.select(".field-regions fieldset.region-group")
    assert wide.legend.get_text() == "EU, Bund und Land"
    assert [i["value"] for i in wide.select("input")] == ["eu", "de", "ni"]
    assert len(districts.select("input")) == 45
    assert page.select_one(".field-regions details").has_attr("open")
    assert page.select_one(".field-regions summary").get_text() == (
        "Landkreise und kreisfreie Städte in Niedersachsen (1 ausgewählt)"
    )


def test_regions_saved_from_both_groups(editor_client):
    programme = ProgrammeFactory(regions=["ni"])

    save_via_form(editor_client, programme, regions=["de", "03155", "03241"])

    assert sorted(programme.regions.values_list("code", flat=True)) == ["03155", "03241", "de"]


def test_district_group_folded_when_none_chosen(editor_client):
    programme = ProgrammeFactory(regions=["ni"])

    page = parse(editor_client.get(admin_url(programme)))

    assert not page.select_one(".field-regions details").has_attr("open")


def test_change_form_labels_are_german(editor_client):
    programme = ProgrammeFactory()

    page = parse(editor_client.get(admin_url(programme)))

    headers = [
        [" ".join(th.get_text().split()) for th in group.select("thead th")]
        for group in page.select(".inline-group")
    ]
    assert headers == [
        ["Eintrag", "Institution", "Rolle", "Reihenfolge", "Löschen?"],
        ["Eintrag", "Datum", "Jährlich (MM-TT)", "Löschen?"],
    ]


def test_scheduled_entries_have_a_column_and_a_filter(editor_client):
    when = datetime(2027, 1, 12, 10, 0, tzinfo=BERLIN)
    ProgrammeFactory(title="Geplant", publish_at=when, state="draft")
    ProgrammeFactory(title="Ungeplant")

    scheduled = parse(editor_client.get(admin_url(Programme, "changelist") + "?geplant=publish"))
    unscheduled = parse(editor_client.get(admin_url(Programme, "changelist") + "?geplant=none"))

    rows = [
        [td.get_text() for td in tr.select("th, td.field-schedule")]
        for tr in scheduled.select("#result_list tbody tr")
    ]
    assert rows == [["Geplant", "veröffentlichen 12.01.2027 10:00"]]
    assert [a.get_text() for a in unscheduled.select("#result_list tbody th a")] == ["Ungeplant"]


def test_scheduled_institutions_filtered_too(editor_client):
    InstitutionFactory(name="Archiviert bald", archive_at=datetime(2027, 3, 1, 0, 0, tzinfo=BERLIN))
    InstitutionFactory(name="Bleibt")

    page = parse(editor_client.get(admin_url(Institution, "changelist") + "?geplant=archive"))

    assert [a.get_text() for a in page.select("#result_list tbody th a")] == ["Archiviert bald"]
    assert (
        page.select_one("#result_list tbody td.field-schedule").get_text() == "archivieren 01.03.2027 00:00"
    )


def test_problem_filter_finds_programmes_without_funder(editor_client, programme_a):
    ProgrammeFactory(title="Niemandes Programm")

    page = parse(editor_client.get(admin_url(Programme, "changelist") + "?problem=without_funder"))

    assert [a.get_text() for a in page.select("#result_list tbody th a")] == ["Niemandes Programm"]
