"""The seeker's main journeys, each with JavaScript on and off: start →
search → facet → detail → back keeps the filters; pagination; sort; the
language switcher keeps the search."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .support import assert_no_axe_violations

pytestmark = pytest.mark.browser

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])


def query(page):
    """The current URL's query string as a dict of lists."""
    return parse_qs(urlsplit(page.url).query)


def status_text(page):
    """The result summary, once it is filled (the script re-writes it after a
    filter change so that screen readers announce it)."""
    status = page.locator("[role=status]")
    expect(status).to_have_text(re.compile(r"\S"))
    return " ".join(status.inner_text().split())


def result_titles(page):
    return page.locator("ol.results .result__title a").all_inner_texts()


def choose_facet(page, group_name, javascript):
    """Tick the first value of a facet group, as a seeker would: with
    JavaScript the form submits itself on change, without it the seeker
    presses "Filter anwenden". Returns (value, count shown next to it)."""
    group = page.get_by_role("group", name=group_name)
    summary = group.locator("summary")
    if summary.count() and not group.locator("details[open]").count():
        summary.click()
    checkbox = group.get_by_role("checkbox").first
    value = checkbox.get_attribute("value")
    label = group.locator(f"label[for='{checkbox.get_attribute('id')}']").inner_text()
    count = int(re.search(r"\((\d+)\)", label).group(1))
    if javascript:
        with page.expect_navigation():
            checkbox.click()
    else:
        checkbox.click()
        with page.expect_navigation():
            page.get_by_role("button", name="Filter anwenden").click()
    return value, count


@JAVASCRIPT
def test_search_facet_detail_and_back_keeps_filters(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/")

    page.get_by_label("Wonach suchen Sie?").fill("Integration")
    page.get_by_label("Wonach suchen Sie?").press("Enter")
    page.wait_for_url(re.compile(r"/suche/\?q=Integration"))
    value, count = choose_facet(page, "Integrationsbereich", javascript)

    filtered_url = page.url
    assert query(page)["integration_area"] == [value]
    assert query(page)["q"] == ["Integration"]
    assert status_text(page).startswith(f"{count} Treffer für „Integration“")
    if javascript:  # axe itself needs JavaScript; the no-JS page is the same HTML
        assert_no_axe_violations(page)
    first = page.locator("ol.results .result__title a").first
    title = first.inner_text()

    first.click()
    assert page.locator("h1").inner_text() == title
    page.go_back()

    assert page.url == filtered_url
    assert page.locator(f"input[name=integration_area][value='{value}']").is_checked()
    assert status_text(page).startswith(f"{count} Treffer")


@JAVASCRIPT
def test_pagination_moves_through_results_and_back(new_page, site, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/suche/")
    first_page = result_titles(page)
    assert re.search(r", Seite 1 von \d+$", status_text(page))

    page.get_by_role("link", name="Nächste Seite").click()

    assert query(page)["page"] == ["2"]
    assert re.search(r", Seite 2 von \d+$", status_text(page))
    second_page = result_titles(page)
    assert set(first_page) & set(second_page) == set()
    page.get_by_role("link", name="Vorherige Seite").click()
    assert result_titles(page) == first_page


@JAVASCRIPT
def test_sort_by_title_orders_results(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/suche/?type=programme")

    page.get_by_label("Sortieren nach").select_option("title")
    if not javascript:
        page.get_by_role("button", name="Sortieren", exact=True).click()
    page.wait_for_url(re.compile(r"sort=title"))

    titles = result_titles(page)
    assert titles == sorted(titles, key=german_sort_key)
    assert page.get_by_label("Sortieren nach").input_value() == "title"
    assert query(page)["type"] == ["programme"]


def german_sort_key(title):
    """DIN 5007-1 style: umlauts sort as their base letter, case and leading
    quotation marks ignored ("„Etwas …“" sorts under E)."""
    return title.lstrip("„“\"'»«").casefold().translate(str.maketrans("äöüß", "aous"))


@JAVASCRIPT
def test_language_switch_keeps_search(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/suche/?q=Sport&status=open")

    page.get_by_role("navigation", name="Sprache wählen").get_by_role("link", name="English").click()

    assert urlsplit(page.url).path == "/en/suche/"
    assert query(page) == {"q": ["Sport"], "status": ["open"]}
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("#search-q").input_value() == "Sport"
