"""Deciding from the result list on a phone and on paper: results before the
filters at 360 px, filters behind a "Filter (n)" button that works without
JavaScript, regions grouped with "show all", printing the results, and a
programme page on at most two A4 pages with its address."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE
from .support import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

HILDESHEIM = "/suche/?region=03254"
FIRST_RESULT_ABOVE = 1200  # CSS pixels from the top of the page


def first_result_top(page):
    return page.evaluate(
        "() => document.querySelector('ol.results .result').getBoundingClientRect().top + scrollY"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_first_result_is_near_the_top_with_a_region_selected(new_page, viewport):
    page = new_page(viewport=viewport)

    page.goto(HILDESHEIM)

    assert first_result_top(page) < FIRST_RESULT_ABOVE
    screenshot(page, "suche-hildesheim")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_filters_open_from_a_button_that_counts_the_active_ones_on_a_phone(new_page, javascript):
    page = new_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto(HILDESHEIM + "&status=open")

    toggle = page.locator("summary.filters__toggle")
    expect(toggle).to_have_text("Filter (2)")
    expect(page.get_by_role("group", name="Status")).to_be_hidden()

    toggle.click()
    expect(page.get_by_role("group", name="Status")).to_be_visible()
    if javascript:  # axe runs as a script
        assert_no_axe_violations(page, "filters open at 360 px")
    page.get_by_role("checkbox", name=re.compile("kein Eigenanteil nötig")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter anwenden").click()

    assert "own_contribution=none" in page.url
    expect(page.locator("summary.filters__toggle")).to_have_text("Filter (3)")


def test_filters_are_open_beside_the_results_on_a_wide_screen(page):
    page.goto(HILDESHEIM)

    expect(page.locator("summary.filters__toggle")).to_be_hidden()
    expect(page.get_by_role("group", name="Status")).to_be_visible()


def test_regions_show_the_wide_areas_and_the_chosen_district_and_hide_the_rest(page):
    page.goto(HILDESHEIM)
    regions = page.get_by_role("group", name="Fördergebiet")

    expect(regions.get_by_role("checkbox", name=re.compile("Landesweit"))).to_be_visible()
    expect(regions.get_by_role("checkbox", name=re.compile("Landkreis Hildesheim"))).to_be_checked()
    expect(regions.get_by_role("checkbox", name=re.compile("Landkreis Northeim"))).to_be_hidden()

    regions.locator("summary").click()

    expect(regions.get_by_role("checkbox", name=re.compile("Landkreis Northeim"))).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_printing_the_result_list_prints_the_results_with_their_addresses(new_page, site, viewport):
    page = new_page(viewport=viewport)
    page.goto(HILDESHEIM)

    page.emulate_media(media="print")

    first = page.locator("ol.results .result").first
    expect(first).to_be_visible()
    expect(first.locator(".result__title")).to_be_visible()
    expect(first.locator(".card-facts")).to_be_visible()
    expect(first.locator(".result__url")).to_have_text(re.compile(r"^https?://\S+/foerderungen/[a-z0-9-]+/$"))
    expect(page.locator(".filters")).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pages_of(pdf) >= 1


def pages_of(pdf):
    """The number of pages of a PDF (Chromium writes one /Type /Page object each)."""
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def test_programme_page_prints_on_at_most_two_a4_pages_with_its_address(page, site):
    longest = site.facts["longest_programme"]
    page.goto(f"/foerderungen/{longest}/")

    page.emulate_media(media="print")

    expect(page.locator(".detail-header .print-only")).to_have_text(re.compile(rf"/foerderungen/{longest}/$"))
    assert 1 <= pages_of(page.pdf(format="A4")) <= 2


def test_place_typed_as_a_word_becomes_the_region_filter(page):
    page.goto("/suche/")

    page.get_by_label("Suchbegriff").fill("in Osnabrück")
    with page.expect_navigation():
        page.get_by_role("button", name="Suchen", exact=True).click()

    expect(page.locator(".place-notice")).to_contain_text("Stadt Osnabrück, Landkreis Osnabrück")
    expect(page.get_by_role("checkbox", name=re.compile("Stadt Osnabrück"))).to_be_checked()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Stattdessen „in Osnabrück“ als Text suchen").click()
    assert "exact=1" in page.url
    expect(page.get_by_label("Suchbegriff")).to_have_value("in Osnabrück")
