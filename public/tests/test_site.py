"""Site-wide invariants: every public page, in German and English, has one
<h1>, a language, a skip link, no inline script or style, and sends the
security headers without setting a cookie."""

import pytest

from catalogue.tests.factories import ProgrammeInstitutionFactory
from public.middleware import CONTENT_SECURITY_POLICY
from search.index import bulk_indexing

from .factories import rich_institution, rich_programme
from .helpers import parse

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/ueber/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/foerderungen/nachbarschaft-verbindet/",
    "/foerderer/stiftung-miteinander/",
    "/suche/",
    "/suche/?q=Nachbarschaft&integration_area=sprachfoerderung&sort=title",
    "/suche/?q=%3Cscript%3E&page=999999999&amount_min=viel",
    "/ratgeber/",
    "/karte/",
    "/karte/?status=open&integration_area=sprachfoerderung&order=own&amount_min=viel",
]
NOT_FOUND = ["/foerderungen/gibt-es-nicht/", "/foerderer/gibt-es-nicht/", "/gibt-es-nicht/"]
LANGUAGES = {"": "de", "/en": "en", "/ar": "ar"}


@pytest.fixture
def catalogue():
    with bulk_indexing():
        institution = rich_institution()
        programme = rich_programme(institution=institution)
        ProgrammeInstitutionFactory(programme=programme)


def every_page():
    for prefix, lang in LANGUAGES.items():
        for path in PATHS:
            yield prefix + path, lang, 200
        for path in NOT_FOUND:
            yield prefix + path, lang, 404


@pytest.mark.parametrize(("path", "lang", "status"), list(every_page()))
def test_page_invariants(client, catalogue, path, lang, status):
    response = client.get(path)

    assert response.status_code == status
    page = parse(response)
    assert len(page.find_all("h1")) == 1
    assert page.html["lang"] == lang
    assert page.html["dir"] == ("rtl" if lang == "ar" else "ltr")
    skip = page.body.find("a")
    assert (skip["href"], skip["class"]) == ("#main", ["skip-link"])
    assert page.select_one("main")["id"] == "main"
    ids = [tag["id"] for tag in page.select("[id]")]
    assert len(ids) == len(set(ids))
    assert_no_inline_script_or_style(page)


def assert_no_inline_script_or_style(page):
    inline = [
        s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"
    ]
    assert inline == []
    assert page.find_all("style") == []
    assert page.select("[style]") == []
    handlers = [tag.name for tag in page.find_all(True) if any(k.startswith("on") for k in tag.attrs)]
    assert handlers == []


@pytest.mark.parametrize("path", PATHS + NOT_FOUND)
def test_anonymous_get_sets_no_cookie_and_sends_security_headers(client, catalogue, path):
    response = client.get(path)

    assert list(response.cookies) == []
    assert "Set-Cookie" not in response.headers
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Permissions-Policy"] == "geolocation=(), camera=(), microphone=()"


def test_main_navigation_marks_current_page(client):
    page = parse(client.get("/ueber/"))

    current = page.select('.site-nav a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["Über den Atlas"]
