"""The filters a seeker decides by (own contribution, deadline window, the
sum needed, unknown deadlines, sort by amount) give the same entries in the
same order on the page, in the API, in the exports and in the feeds; the
card facts of the API are those on the page."""

import csv
import io
import re

import pytest
from django.utils.html import escape

from search.index import bulk_indexing
from search.tests.contract import decide

from .helpers import body

pytestmark = pytest.mark.django_db

QUERIES = [
    "own_contribution=none&own_contribution=in_kind",
    "deadline_from=2026-12-01&deadline_to=2027-01-31",
    "amount=3000",
    "amount=3000&sort=amount",
    "sort=amount",
    "status=unknown",
    "status=open",
]


@pytest.fixture
def catalogue(db):
    with bulk_indexing():
        decide()


def on_page(client, query):
    html = client.get(f"/suche/?{query}").content.decode()
    return list(dict.fromkeys(re.findall(r'href="/foerderungen/([a-z0-9-]+)/"', html)))


def in_csv(client, query):
    text = body(client.get(f"/api/v1/search.csv?{query}")).decode("utf-8")[1:]
    rows = list(csv.reader(io.StringIO(text)))
    return [row[rows[0].index("Kennung")] for row in rows[1:]]


@pytest.mark.parametrize("query", QUERIES)
def test_api_and_exports_list_what_the_page_lists(client, catalogue, query):
    page = on_page(client, query)

    api = [item["id"] for item in client.get(f"/api/v1/search?{query}").json()["data"]]
    feed = client.get(f"/api/v1/feeds/programmes.atom?{query}").content.decode()

    assert page  # every query finds something
    assert api == page
    assert in_csv(client, query) == page
    assert sorted(re.findall(r"/foerderungen/([a-z0-9-]+)/", feed)) == sorted(page)


def test_api_card_facts_are_the_cards_on_the_page(client, catalogue):
    html = client.get("/suche/?amount=3000").content.decode()

    items = client.get("/api/v1/search?amount=3000").json()["data"]

    cafe = next(item for item in items if item["id"] == "cafe")
    assert cafe["card"] == {
        "amount": "bis 3.000\u00a0€",
        "own_contribution": "kein Eigenanteil",
        "applicants": "Initiativen ohne Rechtsform",
        "where": "Landkreis Hildesheim",
        "deadline": "bis 31. Januar 2027 (noch 67 Tage)",
        "checked_months": None,
    }
    for item in items:
        for name in ("amount", "own_contribution", "applicants", "where", "deadline"):
            assert f"<dd>{escape(item['card'][name])}</dd>" in html, (item["id"], name)


def test_unknown_amounts_come_last_and_say_so(client, catalogue):
    html = client.get("/suche/?amount=3000").content.decode()

    assert html.count("Fördersumme unbekannt") == 1
    assert html.index("Fördersumme unbekannt") > html.index('href="/foerderungen/kreis/"')


def test_export_has_the_card_columns(client, catalogue):
    text = body(client.get("/api/v1/search.csv?status=unknown")).decode("utf-8")[1:]
    header, row = list(csv.reader(io.StringIO(text)))

    card = dict(zip(header, row, strict=True))
    assert card["Auf einen Blick: Frist"] == "Frist unbekannt – bitte beim Förderer erfragen"
    assert card["Auf einen Blick: Eigenanteil"] == "keine Angabe"
