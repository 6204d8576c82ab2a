"""sitemap.xml lists every public page and nothing unpublished; robots.txt
points at it and keeps crawlers out of the back office and the API."""

import xml.etree.ElementTree as ET

import pytest
from django.utils.timezone import localtime

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
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


def test_sitemap_entries_carry_lastmod(client, catalogue):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entry = next(u for u in root.findall("s:url", NS) if u.find("s:loc", NS).text.endswith("/mikrofonds/"))

    assert entry.find("s:lastmod", NS).text == localtime(catalogue["mikro"].updated_at).date().isoformat()


def test_robots_txt_points_at_sitemap_and_disallows_back_office_and_api(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\nDisallow: /redaktion/\nDisallow: /api/\n\nSitemap: http://testserver/sitemap.xml\n"
    )
