"""Every language finds and reads: a programme page in Arabic and
Ukrainian with and without a translated summary, the glossary reached
from a jargon word without JavaScript, a search in Ukrainian and Arabic
finding German entries. axe-core stays at 0 violations throughout (the
glossary and the translated programme page are also among the pages
test_accessibility.py checks in every language)."""

import pytest

from .support import assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

TRANSLATED = "sprachkurse-fuer-gefluechtete-frauen"
TITLES = {"uk": "Мовні курси для жінок-біженок", "ar": "دورات لغة للنساء اللاجئات"}


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_programme_page_with_translated_summary(page, site, language):
    page.goto(site.path(f"/foerderungen/{TRANSLATED}/", language))

    assert page.locator("h1").inner_text() == TITLES[language]
    assert (
        page.locator(".detail-original [lang=de]").inner_text() == "Sprachkurse für geflüchtete Frauen (SGF)"
    )
    summary = page.locator(".in-short p")
    assert summary.get_attribute("lang") is None and summary.inner_text()
    assert page.locator(".german-notice").is_visible()
    assert page.locator(".markdown").first.get_attribute("lang") == "de"
    assert_no_axe_violations(page, f"{TRANSLATED} in {language}")
    screenshot(page, f"programm-uebersetzt-{language}")


@pytest.mark.parametrize("language", ["ar", "uk"])
def test_programme_page_without_translation_says_the_rest_is_german(page, site, language):
    slug = site.facts["programme"]
    assert slug != TRANSLATED

    page.goto(site.path(f"/foerderungen/{slug}/", language))

    assert page.locator("h1").get_attribute("lang") == "de"
    assert page.locator(".in-short").count() == 0
    assert page.locator(".german-notice").is_visible()
    assert_no_axe_violations(page, f"{slug} in {language}")
    screenshot(page, f"programm-deutsch-{language}")


def test_jargon_links_to_the_glossary_without_javascript(new_page, site):
    page = new_page(java_script_enabled=False)
    page.goto(site.path(f"/foerderungen/{TRANSLATED}/", "uk"))

    page.locator("#field-own-contribution dt a").click()

    assert page.url.endswith("/uk/glossar/#eigenanteil")
    assert page.locator("#eigenanteil dfn").inner_text() == "Eigenanteil"
    assert page.locator("#eigenanteil dd").inner_text().startswith("Частина витрат")


@pytest.mark.parametrize("language", ["de", "en", "ar", "tr", "uk", "ru", "fa"])
def test_glossary_explains_every_term_in_the_language(page, site, language):
    page.goto(site.path("/glossar/", language))

    terms = page.locator(".glossary__term")
    assert terms.count() >= 10
    assert page.locator(".glossary__term dfn[lang=de]").count() == terms.count()
    assert all(text.strip() for text in page.locator(".glossary__term dd").all_inner_texts())
    assert_no_axe_violations(page, f"glossary in {language}")


@pytest.mark.parametrize(
    ("language", "query"),
    [
        ("uk", "мовні курси"),
        ("uk", "жінки"),
        ("uk", "Україна"),
        ("ar", "دورة لغة"),
        ("ar", "نساء"),
        ("ar", "لاجئين"),
    ],
)
def test_searches_in_ukrainian_and_arabic_find_german_entries(page, site, language, query):
    page.goto(site.path("/suche/", language))
    page.locator("#search-q").fill(query)
    page.locator("#search-q").press("Enter")

    assert page.locator(".results .result").count() > 0
    assert_no_axe_violations(page, f"search {query!r} in {language}")
