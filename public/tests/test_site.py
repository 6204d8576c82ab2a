"""Site-wide invariants: every public page, in German and English, has one
<h1>, a language, a skip link, no inline script or style, and sends the
security headers without setting a cookie."""

import pytest

from catalogue.tests.factories import ProgrammeInstitutionFactory
from public.middleware import CONTENT_SECURITY_POLICY

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
]
NOT_FOUND = ["/foerderungen/gibt-es-nicht/", "/foerderer/gibt-es-nicht/", "/gibt-es-nicht/"]
LANGUAGES = {"": "de", "/en": "en", "/ar": "ar"}


@pytest.fixture
def catalogue():
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


@pytest.mark.parametrize(("path", "lang", "status"), list(every_page()))
def test_page_has_no_inline_script_or_style(client, catalogue, path, lang, status):
    page = parse(client.get(path))

    inline = [
        s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"
    ]
    assert inline == []
    assert page.find_all("style") == []
    assert page.select("[style]") == []
    assert [tag.name for tag in page.find_all(attrs=lambda a: any(k.startswith("on") for k in a or {}))] == []


@pytest.mark.parametrize("path", PATHS)
def test_page_ids_are_unique(client, catalogue, path):
    ids = [tag["id"] for tag in parse(client.get(path)).select("[id]")]

    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("path", PATHS + NOT_FOUND)
def test_anonymous_get_sets_no_cookie(client, catalogue, path):
    response = client.get(path)

    assert list(response.cookies) == []
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("path", PATHS + NOT_FOUND)
def test_security_headers_present(client, catalogue, path):
    headers = client.get(path).headers

    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Permissions-Policy"] == "geolocation=(), camera=(), microphone=()"


def test_main_navigation_marks_current_page(client):
    page = parse(client.get("/ueber/"))

    current = page.select('.site-nav a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["Über den Atlas"]
