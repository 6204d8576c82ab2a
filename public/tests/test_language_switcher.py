import pytest
from django.template import Context, Template
from django.utils.translation import override

from catalogue.tests.factories import ProgrammeFactory

from .helpers import parse

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = ["de", "en", "ar", "tr", "uk", "ru", "fa"]


def switcher_links(response):
    page = parse(response)
    return [(a["lang"], a["href"]) for a in page.select("nav.language-nav a")]


def test_language_switcher_links_same_page_in_every_language(client):
    response = client.get("/ratgeber/")

    assert switcher_links(response) == [
        ("de", "/ratgeber/"),
        ("en", "/en/ratgeber/"),
        ("ar", "/ar/ratgeber/"),
        ("tr", "/tr/ratgeber/"),
        ("uk", "/uk/ratgeber/"),
        ("ru", "/ru/ratgeber/"),
        ("fa", "/fa/ratgeber/"),
    ]


def test_language_switcher_keeps_query_string(client):
    response = client.get("/en/ratgeber/?q=Sport&integration_area=kultur&integration_area=wohnen&page=2")

    hrefs = dict(switcher_links(response))
    assert hrefs["de"] == "/ratgeber/?q=Sport&integration_area=kultur&integration_area=wohnen&page=2"
    assert hrefs["ar"] == "/ar/ratgeber/?q=Sport&integration_area=kultur&integration_area=wohnen&page=2"


def test_language_switcher_keeps_detail_page(client):
    ProgrammeFactory(slug="sport-im-quartier")

    response = client.get("/tr/foerderungen/sport-im-quartier/")

    hrefs = dict(switcher_links(response))
    assert hrefs["de"] == "/foerderungen/sport-im-quartier/"
    assert hrefs["fa"] == "/fa/foerderungen/sport-im-quartier/"


def test_language_switcher_marks_current_language(client):
    page = parse(client.get("/uk/ueber/"))

    current = page.select("nav.language-nav a[aria-current]")
    assert [(a["lang"], a["aria-current"]) for a in current] == [("uk", "true")]


def test_language_switcher_names_languages_in_their_own_script(client):
    page = parse(client.get("/"))

    links = page.select("nav.language-nav a")
    assert [(a.get_text(), a["hreflang"], a["dir"]) for a in links] == [
        ("Deutsch", "de", "ltr"),
        ("English", "en", "ltr"),
        ("العربية", "ar", "rtl"),
        ("Türkçe", "tr", "ltr"),
        ("Українська", "uk", "ltr"),
        ("Русский", "ru", "ltr"),
        ("فارسی", "fa", "rtl"),
    ]


def test_language_switcher_on_missing_page_links_to_start_pages(client):
    response = client.get("/en/gibt-es-nicht/")

    assert response.status_code == 404
    assert [href for _, href in switcher_links(response)] == [
        "/",
        "/en/",
        "/ar/",
        "/tr/",
        "/uk/",
        "/ru/",
        "/fa/",
    ]


@pytest.mark.parametrize(
    ("prefix", "lang", "direction"),
    [
        ("", "de", "ltr"),
        ("/en", "en", "ltr"),
        ("/ar", "ar", "rtl"),
        ("/tr", "tr", "ltr"),
        ("/uk", "uk", "ltr"),
        ("/ru", "ru", "ltr"),
        ("/fa", "fa", "rtl"),
    ],
)
def test_language_prefix_sets_lang_and_direction(client, prefix, lang, direction):
    page = parse(client.get(f"{prefix}/ratgeber/"))

    assert (page.html["lang"], page.html["dir"]) == (lang, direction)


def test_unprefixed_url_is_german_whatever_the_browser_prefers(client):
    page = parse(client.get("/ratgeber/", headers={"accept-language": "ar,en;q=0.8"}))

    assert page.html["lang"] == "de"


def test_language_switcher_on_page_without_language_prefix_links_to_start_pages(rf):
    request = rf.get("/api/v1/?format=json")
    with override("de"):
        links = Template(
            "{% load atlas_i18n %}{% language_links as ls %}{% for l in ls %}{{ l.url }} {% endfor %}"
        )
        rendered = links.render(Context({"request": request}))

    assert rendered.split() == ["/api/v1/?format=json", "/en/", "/ar/", "/tr/", "/uk/", "/ru/", "/fa/"]
