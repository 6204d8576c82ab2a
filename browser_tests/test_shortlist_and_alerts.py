"""The Merkliste journey on a phone (360 px) without JavaScript, and axe on
the pages behind a token (Merkliste, Vergleich, the alert's confirm, manage
and unsubscribe pages) in every language."""

import re
import sqlite3

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGES, PHONE
from .support import assert_no_axe_violations

pytestmark = pytest.mark.browser

SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def listed(page):
    return page.locator("ul.shortlist .entry-list__title").all_inner_texts()


def test_shortlist_journey_at_360_px_without_javascript(new_page, site):
    page = new_page(java_script_enabled=False, viewport=PHONE)
    programme = site.facts["programme"]
    page.goto(f"/foerderungen/{programme}/")

    page.get_by_role("button", name="Auf die Merkliste").click()
    expect(page.locator("#gemerkt")).to_contain_text("Gemerkt")
    assert listed(page) == [site.facts["programme_title"]]
    assert page.evaluate(SIDEWAYS) <= 0
    page.get_by_role("link", name="Zurück zur vorigen Seite").click()
    assert page.url.endswith(f"/foerderungen/{programme}/")
    expect(page.get_by_role("button", name="Von der Merkliste nehmen")).to_be_visible()

    page.goto("/suche/?type=programme&sort=title")
    card = page.locator("ol.results .result").first
    title = card.locator(".result__title").inner_text()
    card.get_by_role("button", name=re.compile("^Merken")).click()
    assert listed(page) == [site.facts["programme_title"], title]
    page.get_by_role("link", name="Zurück zur vorigen Seite").click()
    assert "/suche/?type=programme&sort=title" in page.url

    page.get_by_role("link", name="Merkliste", exact=True).click()
    page.get_by_role("link", name=re.compile("^Vergleichen")).click()
    assert page.locator("table.compare thead th").all_inner_texts() == [site.facts["programme_title"], title]
    assert page.evaluate(SIDEWAYS) <= 0  # the table scrolls in its own box, not the page
    page.get_by_role("link", name="Zurück zur Merkliste").click()

    page.locator("ul.shortlist > li").filter(has_text=title).get_by_role("button", name="Entfernen").click()
    assert listed(page) == [site.facts["programme_title"]]
    csv = page.get_by_role("link", name="Tabelle (CSV, UTF-8)").get_attribute("href")
    assert page.request.get(site.url + csv).status == 200


def _token_pages(new_page, site):
    """Paths of a Merkliste, its comparison and an alert's token pages,
    made through the forms as a visitor would."""
    page = new_page(java_script_enabled=False)
    page.goto(f"/foerderungen/{site.facts['programme']}/")
    page.get_by_role("button", name="Auf die Merkliste").click()
    shortlist = re.search(r"/merkliste/[^/?#]+/", page.url).group(0)

    page.goto("/benachrichtigungen/?q=Sport")
    page.get_by_label("Ihre E-Mail-Adresse").fill("axe@example.org")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Benachrichtigung anfordern").click()
    with sqlite3.connect(site.database) as database:
        (token,) = database.execute(
            "SELECT token FROM alerts_subscription WHERE email = 'axe@example.org'"
        ).fetchone()
    page.goto(f"/benachrichtigungen/bestaetigen/{token}/")
    page.get_by_role("button", name="Ja, ich möchte diese E-Mails erhalten").click()
    return {
        "merkliste": shortlist,
        "vergleich": shortlist + "vergleich/",
        "bestaetigen": f"/benachrichtigungen/bestaetigen/{token}/",
        "verwalten": f"/benachrichtigungen/verwalten/{token}/",
        "abmelden": f"/benachrichtigungen/abmelden/{token}/",
    }


def test_token_pages_accessible_in_every_language(new_page, site):
    paths = _token_pages(new_page, site)
    page = new_page()
    for language in LANGUAGES:
        for name, path in paths.items():
            response = page.goto(site.path(path, language))
            assert response.status == 200, name
            for viewport in ({"width": 1280, "height": 900}, PHONE):
                page.set_viewport_size(viewport)
                assert_no_axe_violations(page, f"{name} ({language}, {viewport['width']} px)")


def test_copy_link_button_copies_the_address_with_javascript(new_page, site):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"/foerderungen/{site.facts['programme']}/")
    button = page.get_by_role("button", name="Link kopieren")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".share [data-copy-status]")).to_have_text("Link kopiert.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.endswith(f"/foerderungen/{site.facts['programme']}/")


def test_copy_link_button_stays_hidden_without_javascript(new_page, site):
    page = new_page(java_script_enabled=False)
    page.goto(f"/foerderungen/{site.facts['programme']}/")
    expect(page.get_by_role("button", name="Link kopieren")).to_be_hidden()
    expect(page.get_by_role("link", name="Per E-Mail senden")).to_be_visible()
