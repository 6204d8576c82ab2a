"""Entries are written in German; inside a page in another language every
piece of catalogue content says so (lang="de", dir="ltr"), while the
interface around it is translated."""

import pytest

from .factories import rich_institution, rich_programme
from .helpers import parse, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_programme_page(client):
    rich_programme(institution=rich_institution())
    response = client.get("/ar/foerderungen/nachbarschaft-verbindet/")
    assert response.status_code == 200
    return parse(response)


def test_programme_page_in_arabic_marks_german_content(arabic_programme_page):
    page = arabic_programme_page

    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")
    assert (page.h1["lang"], text_of(page, "h1")) == ("de", "Nachbarschaft verbindet")
    assert [div["lang"] for div in page.select(".markdown")] == ["de", "de"]


def test_programme_page_in_arabic_translates_interface(arabic_programme_page):
    page = arabic_programme_page

    assert text_of(page, ".detail-kind") == "برنامج تمويل"
    assert text_of(page, "#field-amount dt") == "مبلغ التمويل"


def test_vocabulary_labels_follow_page_language(client):
    rich_programme(institution=rich_institution())

    page = parse(client.get("/uk/foerderungen/nachbarschaft-verbindet/"))

    assert text_of(page, "#field-regions dd") == "По всій землі (Нижня Саксонія) Регіон Ганновер"


def test_search_hits_in_english_mark_german_titles(client):
    rich_programme(institution=rich_institution())

    page = parse(client.get("/en/suche/?q=Nachbarschaft&type=programme"))

    titles = page.select(".result__title a")
    assert [(a["lang"], a.get_text()) for a in titles] == [("de", "Nachbarschaft verbindet")]
    assert text_of(page, "[role=status]") == "1 result for “Nachbarschaft”"


def test_site_name_marked_german_in_arabic_pages(client):
    page = parse(client.get("/ar/"))

    # The German site name, and besides it a heading in the page's language.
    assert [element["lang"] for element in page.select(".site-name, h1 > span[lang]")] == ["de", "de"]
    assert page.select_one("h1 .hero__translated").get_text().strip()
    assert "lang" not in page.select_one("h1").attrs
