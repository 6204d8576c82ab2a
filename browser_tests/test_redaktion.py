"""The back office in a browser: the login page explains the lockout, an
editor logs in and edits links, sources and the Fördergebiet with the
keyboard only, axe-core finds nothing on the way."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, server_environment
from .support import assert_no_axe_violations

pytestmark = pytest.mark.browser
USERNAME = "browser-redaktion"
PASSWORD = "Laterne-Kastanie-Feldweg-7"


@pytest.fixture(scope="module")
def editor_account(site):
    env = server_environment(site.database) | {"ATLAS_ACCOUNT_PASSWORD": PASSWORD}
    subprocess.run(
        [sys.executable, "manage.py", "editorial_account", USERNAME, "--role", "redaktion"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return USERNAME


def log_in_with_keyboard(page):
    page.goto("/redaktion/login/?next=/redaktion/")
    page.get_by_label("Benutzername").focus()
    page.keyboard.type(USERNAME)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#site-name")).to_be_visible()
    assert page.url.endswith("/redaktion/"), page.content()[:3000]


def test_login_page_explains_lockout_and_offers_reset(page, editor_account):
    page.goto("/redaktion/login/")

    expect(page.locator(".login-lockout-note")).to_contain_text("15 Minuten lang gesperrt")
    expect(page.locator(".password-reset-link a")).to_have_attribute("href", "/redaktion/passwort/")
    assert_no_axe_violations(page)


def test_password_reset_page_accessible(page):
    page.goto("/redaktion/passwort/")

    expect(page.locator("h1")).to_have_text("Passwort zurücksetzen")
    assert_no_axe_violations(page)


def test_editor_edits_links_and_regions_with_the_keyboard(page, site, editor_account):
    log_in_with_keyboard(page)
    page.goto(f"/redaktion/catalogue/programme/?q={site.facts['programme']}")
    page.locator("#result_list tbody th a").first.click()
    # The click only starts the navigation: check the change page, not the list
    # on its way out.
    page.wait_for_url("**/change/**")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_no_axe_violations(page, "Änderungsseite eines Förderprogramms")

    page.get_by_label("Link 1: Titel").focus()
    page.keyboard.type("Richtlinie")
    page.keyboard.press("Tab")
    page.keyboard.type("https://www.bürgerstiftung.de/förderung 2027")
    districts = page.locator(".field-regions details summary")
    districts.focus()
    page.keyboard.press("Enter")
    page.get_by_label("Landkreis Northeim").focus()
    page.keyboard.press("Space")
    page.locator("input[name=_continue]").last.focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page.get_by_label("Link 1: Adresse")).to_have_value(
        "https://www.xn--brgerstiftung-wob.de/f%C3%B6rderung%202027"
    )
    expect(page.locator(".field-regions details")).to_have_attribute("open", "")
    expect(page.get_by_label("Landkreis Northeim")).to_be_checked()
    assert_no_axe_violations(page, "Änderungsseite nach dem Speichern")
