"""sitemap.xml lists every public page and nothing unpublished; robots.txt
points at it and keeps crawlers out of the back office and the API."""

import xml.etree.ElementTree as ET

import pytest
from django.utils.timezone import localtime

from api import sitemaps

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client, path="/sitemap.xml"):
    """Every address of the sitemap index's sitemaps, in order."""
    response = client.get(path)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    if root.tag == f"{{{NS['s']}}}sitemapindex":
        pages = [loc.text.removeprefix("http://testserver") for loc in root.findall("s:sitemap/s:loc", NS)]
        return [address for page in pages for address in locations(client, page)]
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_sitemap_lists_published_entries_and_static_pages(client, catalogue):
    assert locations(client) == [
        "http://testserver/",
        "http://testserver/suche/",
        "http://testserver/karte/",
        "http://testserver/ueber/",
        "http://testserver/impressum/",
        "http://testserver/datenschutz/",
        "http://testserver/barrierefreiheit/",
        "http://testserver/foerderungen/altprogramm/",
        "http://testserver/foerderungen/mikrofonds/",
        "http://testserver/foerderungen/sprachbruecken/",
        "http://testserver/foerderer/land-ni/",
        "http://testserver/foerderer/stiftung-nord/",
    ]


def test_sitemap_is_an_index_of_pages_of_bounded_size(client, catalogue, monkeypatch):
    monkeypatch.setattr(sitemaps.ProgrammeSitemap, "limit", 2)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert pages == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-programmes.xml",
        "http://testserver/sitemap-programmes.xml?p=2",
        "http://testserver/sitemap-institutions.xml",
    ]
    newest = index.findall("s:sitemap", NS)[1].find("s:lastmod", NS).text
    assert newest.startswith(localtime(catalogue["mikro"].updated_at).date().isoformat())
    assert locations(client, "/sitemap-programmes.xml?p=2") == [
        "http://testserver/foerderungen/sprachbruecken/"
    ]
    assert client.get("/sitemap-programmes.xml?p=3").status_code == 404
    assert client.get("/sitemap-unbekannt.xml").status_code == 404


def test_sitemap_entries_carry_lastmod(client, catalogue):
    root = ET.fromstring(client.get("/sitemap-programmes.xml").content)
    entry = next(u for u in root.findall("s:url", NS) if u.find("s:loc", NS).text.endswith("/mikrofonds/"))

    assert entry.find("s:lastmod", NS).text == localtime(catalogue["mikro"].updated_at).date().isoformat()


def test_robots_txt_points_at_sitemap_and_disallows_back_office_and_api(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /redaktion/\nDisallow: /api/\n\nSitemap: http://testserver/sitemap.xml\n"
    )
