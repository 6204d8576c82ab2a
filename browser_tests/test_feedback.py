"""Telling the atlas, in a real browser at 360 px: report an error without
JavaScript, suggest a programme (a duplicate is pointed out first, the
suggestion stays invisible), ask for a Förderer account; axe (JavaScript
on) on every state of the forms (errors, duplicates) and on the "Angaben
stimmen noch" page in every language. The forms refuse sends faster than a person
(ATLAS_FEEDBACK_MIN_SECONDS, 3 s): the journeys wait like a reader."""

import re
import sqlite3
from datetime import UTC, datetime

import pytest
from playwright.sync_api import expect

from .conftest import LANGUAGES, PHONE
from .support import assert_no_axe_violations

pytestmark = pytest.mark.browser

SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
READING_MS = 3_200


def rows(site, sql, *args):
    with sqlite3.connect(site.database) as database:
        return database.execute(sql, args).fetchall()


def test_report_an_error_at_360_px_without_javascript(new_page, site):
    page = new_page(java_script_enabled=False, viewport=PHONE)
    page.goto(f"/foerderungen/{site.facts['programme']}/")

    page.get_by_role("link", name="Fehler melden").click()
    page.get_by_role("button", name="Meldung senden").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte wählen Sie aus, was nicht stimmt.")
    page.get_by_label("Frist").check()
    page.get_by_label("Was ist falsch, und was wäre richtig?").fill(
        "Browser-Test: die Frist ist der 31. März."
    )
    page.wait_for_timeout(READING_MS)
    page.get_by_role("button", name="Meldung senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank")
    assert page.evaluate(SIDEWAYS) <= 0
    assert rows(site, "SELECT kind FROM feedback_report WHERE text LIKE 'Browser-Test:%'") == [("deadline",)]


def test_suggest_a_programme_at_360_px_duplicate_first_then_invisible(new_page, site):
    page = new_page(viewport=PHONE)
    page.goto("/")
    page.get_by_role("link", name="Förderung vorschlagen").click()
    page.get_by_label("Wie heißt die Förderung?").fill(site.facts["programme_title"])
    page.get_by_label("Wer fördert?").fill("Browser-Stiftung")
    page.get_by_label("Link zur Förderung").fill("https://browser-test.example/foerderung")
    page.get_by_label("Wo wird gefördert?").select_option("ni")
    page.wait_for_timeout(READING_MS)
    page.get_by_role("button", name="Vorschlag senden").click()

    notice = page.get_by_role("status")
    expect(notice).to_contain_text("Ist es vielleicht einer dieser Einträge?")
    expect(notice.get_by_role("link", name=site.facts["programme_title"])).to_be_visible()
    assert_no_axe_violations(page, "Förderung vorschlagen with duplicates at 360 px")
    assert page.evaluate(SIDEWAYS) <= 0
    page.get_by_label(re.compile("Trotzdem senden")).check()
    page.get_by_role("button", name="Vorschlag senden").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank")
    [(slug, state)] = rows(
        site,
        "SELECT p.slug, p.state FROM catalogue_programme p "
        "JOIN feedback_suggestion s ON s.programme_id = p.id WHERE s.funder_name = 'Browser-Stiftung'",
    )
    assert state == "review"
    assert page.goto(f"/foerderungen/{slug}/").status == 404
    assert page.request.get(site.url + f"/api/v1/programmes/{slug}").status == 404
    assert slug not in page.request.get(site.url + "/sitemap-programmes.xml").text()


def test_ask_for_a_funder_account_at_360_px(new_page, site):
    page = new_page(viewport=PHONE)
    page.goto(f"/foerderer/{site.facts['institution']}/")

    page.get_by_role("link", name="Ich vertrete diesen Förderer").click()
    page.get_by_label("Ihr Name").fill("Browser Beispiel")
    page.get_by_label("Ihre Funktion beim Förderer").fill("Geschäftsführung")
    page.get_by_label("Ihre E-Mail-Adresse").fill("browser@foerderer.example")
    page.wait_for_timeout(READING_MS)
    page.get_by_role("button", name="Konto anfragen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vielen Dank")
    assert rows(
        site, "SELECT name FROM feedback_accountrequest WHERE email = 'browser@foerderer.example'"
    ) == [("Browser Beispiel",)]


def _check_link(site):
    """A check request for the demo programme, stored as the reminder
    command would (the server's database is a file of its own)."""
    token = "browser-test-check-token"
    if not rows(site, "SELECT 1 FROM feedback_checkrequest WHERE token = ?", token):
        now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S")
        [(programme,)] = rows(
            site, "SELECT id FROM catalogue_programme WHERE slug = ?", site.facts["programme"]
        )
        with sqlite3.connect(site.database) as database:
            user = database.execute(
                "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, "
                "is_staff, is_active, date_joined) VALUES ('!', 0, 'browser-funder', '', '', "
                "'funder@example.org', 1, 1, ?)",
                (now,),
            ).lastrowid
            database.execute(
                "INSERT INTO feedback_checkrequest (user_id, programme_id, token, sent_at) "
                "VALUES (?, ?, ?, ?)",
                (user, programme, token, now),
            )
    return f"/angaben-pruefen/{token}/"


def test_form_states_accessible_in_every_language(new_page, site):
    """The forms with errors and the check page, in each language, at
    desktop and phone width (the forms as first shown are in pages.py)."""
    check = _check_link(site)
    page = new_page()  # axe runs as JavaScript in the page
    for language in LANGUAGES:
        for path, button in (
            ("/vorschlagen/", "button[type=submit]"),
            (f"/foerderungen/{site.facts['programme']}/fehler-melden/", "button[type=submit]"),
            (f"/foerderer/{site.facts['institution']}/konto-anfragen/", "button[type=submit]"),
        ):
            page.goto(site.path(path, language))
            page.locator(button).click()  # empty: every error at once
            expect(page.locator(".error-summary")).to_be_visible()
            for viewport in ({"width": 1280, "height": 900}, PHONE):
                page.set_viewport_size(viewport)
                assert_no_axe_violations(page, f"{path} with errors ({language}, {viewport['width']} px)")
        assert page.goto(site.path(check, language)).status == 200
        assert_no_axe_violations(page, f"check page ({language})")


def test_one_click_check_records_and_thanks(new_page, site):
    page = new_page(viewport=PHONE)
    page.goto(_check_link(site))

    page.get_by_role("button", name="Ja, die Angaben stimmen noch").click()

    expect(page.get_by_role("status")).to_contain_text("als geprüft vermerkt")
    assert_no_axe_violations(page, "check page after confirming")
    assert rows(site, "SELECT confirmed_at IS NOT NULL FROM feedback_checkrequest") == [(1,)]
