"""The map /karte/ in the browser: keyboard only from the skip link to a
district and on to its search; with and without JavaScript from the search
to the map and back, the table sorted by its column links and the filters
changed with the map's form. (axe in every language: test_accessibility.)"""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .support import assert_no_axe_violations, focus_is_visible, screenshot
from .test_keyboard import Keyboard, skip_to_main

pytestmark = pytest.mark.browser

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
IS_DISTRICT = "(el) => el.matches('svg a.district')"
OFFERS = re.compile(r"^(?P<name>.+): (?P<offers>\d+) Angebote, davon (?P<own>\d+) nur für diesen Kreis")


def query(page):
    return parse_qs(urlsplit(page.url).query)


def total(page):
    """The number of results the search page says it found."""
    status = page.locator("[role=status]")
    expect(status).to_have_text(re.compile(r"\d+ Treffer"))
    return int(re.match(r"(\d+) Treffer", status.inner_text()).group(1))


def test_keyboard_reaches_a_district_with_its_counts_and_opens_its_search(page):
    keyboard = Keyboard(page)
    page.goto("/karte/?status=open")

    skip_to_main(keyboard)
    district = keyboard.tab_until(IS_DISTRICT)
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    code = page.evaluate("() => document.activeElement.dataset.code")
    counts = OFFERS.match(name)
    assert counts, name
    assert focus_is_visible(district)
    # The focused district is painted in the focus colour.
    fill = page.evaluate("() => getComputedStyle(document.activeElement.querySelector('path')).fill")
    assert fill == "rgb(255, 221, 0)"
    # Our script names the focused district beside the legend, too.
    expect(page.locator("[data-map-details]")).to_have_text(name)
    screenshot(page, "karte-tastatur")

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert query(page) == {"type": ["programme"], "status": ["open"], "region": [code]}
    assert total(page) == int(counts["offers"])
    assert keyboard.invisible_focus() == []


def test_keyboard_visits_all_45_districts_in_drawing_order(page):
    keyboard = Keyboard(page)
    page.goto("/karte/")
    expected = page.evaluate(
        "() => [...document.querySelectorAll('svg a.district')].map((a) => a.dataset.code)"
    )

    keyboard.tab_until(IS_DISTRICT)
    visited = [page.evaluate("() => document.activeElement.dataset.code")]
    for _ in range(len(expected) - 1):
        keyboard.tab()
        visited.append(page.evaluate("() => document.activeElement.dataset.code"))

    assert len(expected) == 45
    assert visited == expected
    assert keyboard.invisible_focus() == []


@JAVASCRIPT
def test_search_to_map_sort_table_and_back_to_district_search(new_page, site, javascript):
    page = new_page(java_script_enabled=javascript)
    area = site.facts["area"]
    page.goto(f"/suche/?integration_area={area}&q=&page=2")

    page.get_by_role("link", name="Auf der Karte zeigen").click()
    assert urlsplit(page.url).path == "/karte/"
    assert query(page) == {"integration_area": [area]}
    page.get_by_role("link", name="Alle Angebote", exact=True).click()

    assert query(page)["order"] == ["offers"]
    assert page.locator("#district-table th[aria-sort=descending]").inner_text().startswith("Alle Angebote")
    first = page.locator("#district-table tbody tr").first
    most = int(first.locator("td").first.inner_text())
    figures = [int(t) for t in page.locator("#district-table tbody tr td:first-of-type").all_inner_texts()]
    assert figures == sorted(figures, reverse=True)
    if javascript:
        assert_no_axe_violations(page)

    first.get_by_role("link").click()
    assert query(page)["integration_area"] == [area]
    assert query(page)["type"] == ["programme"]
    assert total(page) == most


@JAVASCRIPT
def test_map_filter_form_narrows_the_counts(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/karte/")
    before = page.locator("#district-table tbody td:first-of-type").all_inner_texts()

    page.get_by_text("Filter für die Karte").click()
    status = page.get_by_role("group", name="Status")
    checkbox = status.get_by_role("checkbox").first
    value = checkbox.get_attribute("value")
    if javascript:  # the form sends itself when a box is ticked
        with page.expect_navigation():
            checkbox.check()
    else:
        checkbox.check()
        with page.expect_navigation():
            page.get_by_role("button", name="Karte aktualisieren").click()

    assert query(page)["status"] == [value]
    after = page.locator("#district-table tbody td:first-of-type").all_inner_texts()
    assert [int(a) <= int(b) for a, b in zip(after, before, strict=True)] == [True] * 45
    expect(page.locator(".map-chosen")).to_contain_text("Gezählt werden nur Angebote mit:")


def test_map_scales_to_a_phone_and_the_table_scrolls_inside_its_box(new_page):
    page = new_page(viewport={"width": 360, "height": 780})
    page.goto("/karte/")

    sizes = page.evaluate(
        """() => ({
          page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
          map: document.querySelector(".district-map__svg").getBoundingClientRect().width,
          wrap: document.querySelector(".table-wrap").clientWidth,
          scrolls: getComputedStyle(document.querySelector(".table-wrap")).overflowX,
        })"""
    )

    assert sizes["page"][0] <= sizes["page"][1]
    assert 300 <= sizes["map"] <= 360
    assert (sizes["wrap"] <= 360, sizes["scrolls"]) == (True, "auto")
