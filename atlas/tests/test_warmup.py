"""The production server's warm-up (atlas/warmup.py): what it keeps is what
the pages would make, and a server that cannot warm up still starts."""

import runpy

import pytest
from django.core.cache import caches
from django.db import OperationalError

from api import listing
from atlas import warmup
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from public import cards
from search import fulltext
from search.index import bulk_indexing

SEARCH = "/suche/?q=Nachbarschaft&sort=title"
API = "/api/v1/search?q=Nachbarschaft"


@pytest.fixture
def catalogue(db, settings):
    settings.ATLAS_BASE_URL = "http://testserver"  # the test client's address
    with bulk_indexing():
        funder = InstitutionFactory(name="Stadt Hildesheim")
        for n in range(3):
            programme = ProgrammeFactory(slug=f"p{n}", title=f"Nachbarschaftsfonds {n}")
            ProgrammeInstitutionFactory(programme=programme, institution=funder)


def cold():
    for cache in caches.all():
        cache.clear()
    fulltext.forget_kept_matches()


def made_nothing(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("made anew, not kept")

    monkeypatch.setattr(cards, "_made", refuse)
    monkeypatch.setattr(listing, "_items_in_place", refuse)


def test_after_warming_pages_make_no_card_and_no_item_and_show_the_same(client, catalogue, monkeypatch):
    page, api = client.get(SEARCH).content, client.get(API).json()
    cold()

    assert warmup.warm() == 4  # three programmes and their funder
    made_nothing(monkeypatch)

    assert client.get(SEARCH).content == page
    assert client.get(API).json() == api


def test_a_csv_export_after_warming_is_the_one_made_cold(client, catalogue, monkeypatch):
    exported = b"".join(client.get("/api/v1/search.csv?type=programme").streaming_content)
    cold()
    warmup.warm()
    made_nothing(monkeypatch)

    assert b"".join(client.get("/api/v1/search.csv?type=programme").streaming_content) == exported


def test_warming_stops_at_its_limit_and_its_time(catalogue):
    assert warmup.warm(limit=2) == 2
    cold()
    assert warmup.warm(seconds=0) == 0
    assert caches["entries"].get_many(["x"]) == {}


def test_nothing_is_warmed_without_an_index_to_trust(db):
    assert warmup.warm() == 0


def test_items_are_not_kept_for_an_address_the_site_does_not_answer(client, catalogue, settings, monkeypatch):
    settings.ATLAS_BASE_URL = "https://elsewhere.example"

    assert warmup.warm() == 4
    monkeypatch.setattr(cards, "_made", lambda hits: pytest.fail("cards were kept"))
    assert client.get(SEARCH).status_code == 200
    assert client.get(API).status_code == 200  # items made as the request comes


def test_a_server_that_cannot_warm_up_starts_cold(monkeypatch):
    def database_away(*args, **kwargs):
        raise OperationalError("connection refused")

    logged = []

    class Log:
        def exception(self, message):
            logged.append(message)

    class Server:
        log = Log()

    monkeypatch.setattr(warmup, "warm", database_away)
    config = runpy.run_path("deploy/gunicorn.conf.py")

    config["when_ready"](Server())

    assert logged == ["warming up failed; the workers start cold"]
