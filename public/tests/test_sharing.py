"""Open Graph and Twitter card metadata on every page; share links."""

import pytest

from .factories import rich_institution, rich_programme
from .helpers import parse

pytestmark = pytest.mark.django_db


def meta(page, key):
    found = page.select_one(f"meta[property='{key}'], meta[name='{key}']")
    return found["content"] if found else None


@pytest.mark.parametrize(
    "path", ["/", "/suche/?q=Sport", "/en/ueber/", "/datenschutz/", "/merkliste/", "/benachrichtigungen/"]
)
def test_every_page_has_open_graph_and_twitter_card(client, settings, path):
    settings.ATLAS_BASE_URL = "https://atlas.example.org"
    page = parse(client.get(path))
    assert meta(page, "og:title") and meta(page, "og:description") and meta(page, "og:site_name")
    assert meta(page, "og:url") == "https://atlas.example.org" + path
    assert meta(page, "og:type") == "website"
    assert meta(page, "twitter:card") == "summary"


def test_detail_pages_share_their_title_and_address(client, settings):
    settings.ATLAS_BASE_URL = "https://atlas.example.org"
    rich_programme(institution=rich_institution())
    page = parse(client.get("/foerderungen/nachbarschaft-verbindet/"))
    assert meta(page, "og:title") == "Nachbarschaft verbindet"
    mailto = page.select_one(".share a[href^='mailto:']")["href"]
    assert mailto == (
        "mailto:?subject=Nachbarschaft%20verbindet"
        "&body=https%3A//atlas.example.org/foerderungen/nachbarschaft-verbindet/"
    )
    copy = page.select_one(".share button[data-copy]")
    assert copy["data-copy"] == "https://atlas.example.org/foerderungen/nachbarschaft-verbindet/"
    assert copy.has_attr("hidden")  # shown by site.js only where the clipboard works
    page = parse(client.get("/foerderer/stiftung-miteinander/"))
    assert meta(page, "og:title") == "Stiftung Miteinander"
