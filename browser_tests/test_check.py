"""The Fördercheck journey, keyboard only, with JavaScript on and off:
from the start page to the check, answer the questions, read the verdicts
and their reasons, open "Passt nicht", share the result, print it."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from .support import assert_no_axe_violations, focused

pytestmark = pytest.mark.browser

JAVASCRIPT = pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
MAX_TABS = 80


def tab_to(page, name):
    """Press Tab until the element with this accessible name has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if name in (focused(page).get("text") or "") or name == focused(page).get("label"):
            return
    raise AssertionError(f"{name!r} not reached with Tab")


@JAVASCRIPT
def test_check_journey_by_keyboard(new_page, javascript):
    page = new_page(java_script_enabled=javascript)
    page.goto("/")

    tab_to(page, "Fördercheck: Welche Förderung passt zu Ihrer Organisation")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Fördercheck: Welche Förderung passt zu Ihrem Projekt?")

    page.get_by_label("Wo findet das Projekt statt?").focus()
    page.keyboard.type("Landkreis Northeim")
    page.get_by_label("Wer stellt den Antrag?").focus()
    page.keyboard.type("Initiativen")
    page.get_by_label("Menschen mit Fluchtgeschichte").focus()
    page.keyboard.press("Space")
    page.get_by_label("Wie viel Prozent der Kosten").fill("0")
    page.get_by_label("Ehrenamtliche Arbeit oder Sachleistungen").focus()
    page.keyboard.press("Space")
    page.get_by_label("Wie viel Geld brauchen Sie?").fill("2000")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    answers = parse_qs(urlsplit(page.url).query)
    assert answers == {
        "region": ["03155"],
        "applicant_type": ["initiative"],
        "target_group": ["fluchtgeschichte"],
        "amount": ["2000"],
        "own_contribution_percent": ["0"],
        "in_kind": ["1"],
    }
    summary = page.locator("[role=status]").inner_text()
    assert re.fullmatch(
        r"\d+ Förderprogramm(e passen| passt), \d+ pass(t|en) vielleicht, \d+ pass(t|en) nicht.*", summary
    )
    first_yes = page.locator(".check-group--yes .check-item").first
    expect(first_yes.locator(".reason").first).to_contain_text("erfüllt: Fördergebiet:")

    no_group = page.locator("details.check-group--no")
    expect(no_group.locator(".check-item").first).to_be_hidden()
    no_group.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(no_group.locator(".check-item").first).to_be_visible()
    expect(no_group.locator(".reason--no").first).to_contain_text("nicht erfüllt:")
    if javascript:  # axe needs JavaScript; the no-JS page is the same HTML
        assert_no_axe_violations(page, "Fördercheck result with 'Passt nicht' open")

    result_url = page.url
    share = page.get_by_role("link", name="Link zu diesem Ergebnis (zum Speichern und Teilen)")
    share.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["region"] == ["03155"]
    assert page.locator("[role=status]").inner_text() == summary
    assert page.url.split("?")[0] == result_url.split("?")[0]

    page.emulate_media(media="print")
    expect(page.locator("form.check-form")).to_be_hidden()
    expect(page.locator(".check-profile")).to_be_visible()
    expect(page.locator(".check-group--yes .check-item").first).to_be_visible()


def test_check_print_button_only_with_javascript(new_page):
    with_js = new_page()
    with_js.goto("/foerdercheck/?region=03155&applicant_type=initiative")
    expect(with_js.get_by_role("button", name="Ergebnis drucken")).to_be_visible()
    without_js = new_page(java_script_enabled=False)
    without_js.goto("/foerdercheck/?region=03155&applicant_type=initiative")
    expect(without_js.get_by_role("button", name="Ergebnis drucken")).to_be_hidden()


def test_check_errors_beside_the_fields_and_linked_from_the_summary(new_page):
    page = new_page()
    page.goto("/foerdercheck/?region=eu&amount=viel")

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    region = page.get_by_label("Wo findet das Projekt statt?")
    expect(region).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#check-region-error")).to_contain_text("„eu“ ist kein bekannter Wert")
    summary.get_by_role("link").first.click()
    expect(region).to_be_focused()
