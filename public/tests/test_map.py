"""The map page /karte/: 45 district links to the right searches, the
table twin sorted by links, the attribution, and the links to the map from
the start and search pages."""

import re
from datetime import date

import pytest

from catalogue.models import Region
from catalogue.tests.factories import ProgrammeFactory

from .helpers import parse, squash, text_of, texts

pytestmark = pytest.mark.django_db

NORTHEIM, HANNOVER = "03155", "03241"
ATTRIBUTION = ("https://www.bkg.bund.de", "© GeoBasis-DE / BKG 2021 (Daten verändert)")
SMALL_MAP_BUDGET = 30_000  # bytes the start page's small map may add


@pytest.fixture
def catalogue():
    ProgrammeFactory(title="Landesweit", regions=["ni"])
    ProgrammeFactory(title="Northeim offen", regions=[NORTHEIM])
    ProgrammeFactory(
        title="Northeim vorbei", regions=[NORTHEIM], deadline_kind="dates", deadline_dates=[date(2025, 1, 1)]
    )
    ProgrammeFactory(title="Hannover", regions=[HANNOVER])


def district_links(page):
    return page.select("svg.district-map__svg a.district")


def test_map_links_every_district_to_its_search(client, catalogue):
    codes = set(Region.objects.filter(parent="ni").values_list("code", flat=True))

    page = parse(client.get("/karte/"))

    links = {a["data-code"]: a["href"] for a in district_links(page)}
    assert set(links) == codes
    assert links == {code: f"/suche/?type=programme&region={code}" for code in codes}


def test_map_district_names_its_counts_for_screen_readers_and_on_hover(client, catalogue):
    page = parse(client.get("/karte/"))

    (northeim,) = [a for a in district_links(page) if a["data-code"] == NORTHEIM]
    name = "Landkreis Northeim: 3 Angebote, davon 2 nur für diesen Kreis und 2 jetzt offen"
    assert northeim["aria-label"] == name
    assert northeim.title.get_text() == name


def test_map_keeps_the_filters_in_every_district_link(client, catalogue):
    page = parse(client.get("/karte/?status=open&q=Northeim&exact=1&region=ni&type=institution&page=2"))

    (northeim,) = [a for a in district_links(page) if a["data-code"] == NORTHEIM]
    assert northeim["href"] == "/suche/?q=Northeim&type=programme&status=open&region=03155&exact=1"
    assert northeim["aria-label"].startswith("Landkreis Northeim: 1 Angebote")


def test_map_shows_the_licensed_attribution(client, catalogue):
    for path in ("/karte/", "/"):
        page = parse(client.get(path))

        (link,) = page.select(".map-attribution a")
        assert (link["href"], squash(link.get_text())) == ATTRIBUTION


def test_map_legend_gives_the_ranges_of_the_shades(client, catalogue):
    page = parse(client.get("/karte/"))

    # 1 offer everywhere (Niedersachsen), 3 in Northeim, 2 in Hannover
    assert texts(page, ".map-legend__scale li") == ["1", "2", "3"]
    shades = {a["data-code"]: a["class"][-1] for a in district_links(page)}
    assert (shades[NORTHEIM], shades[HANNOVER], shades["03101"]) == ("shade-2", "shade-1", "shade-0")


def test_map_table_sorts_by_the_column_links(client, catalogue):
    page = parse(client.get("/karte/?order=own"))

    rows = page.select("#district-table tbody tr")
    assert len(rows) == 45
    assert [squash(r.get_text(" ")) for r in rows[:3]] == [
        "Landkreis Northeim 3 2 2",
        "Region Hannover 2 1 2",
        "Landkreis Ammerland 1 0 1",
    ]
    headers = page.select("#district-table thead th")
    assert [h.get("aria-sort") for h in headers] == [None, None, "descending", None]
    assert [h.a["href"] for h in headers] == [
        "?type=programme#district-table",
        "?type=programme&order=offers#district-table",
        "?type=programme&order=own#district-table",
        "?type=programme&order=open#district-table",
    ]


def test_map_table_sorts_by_name_by_default(client, catalogue):
    page = parse(client.get("/karte/"))

    names = [squash(th.get_text()) for th in page.select("#district-table tbody th")]
    assert names == sorted(names)
    assert page.select_one("#district-table thead th")["aria-sort"] == "ascending"


def test_map_answers_bad_parameters_with_notices(client, catalogue):
    response = client.get("/karte/?order=zufall&amount_min=viel&status=%3Cscript%3E")

    assert response.status_code == 200
    page = parse(response)
    assert len(page.select(".error-summary li")) == 2
    assert "Diese Sortierung der Tabelle gibt es nicht" in text_of(page, "main .notice")
    assert len(district_links(page)) == 45


def test_map_filter_form_keeps_what_it_has_no_field_for(client, catalogue):
    page = parse(client.get("/karte/?amount_max=5000&sort=title&order=open&status=open"))

    hidden = {(i["name"], i["value"]) for i in page.select(".map-filters input[type=hidden]")}
    assert hidden == {("amount_max", "5000"), ("sort", "title"), ("order", "open")}
    assert text_of(page, ".map-chosen") == "Gezählt werden nur Angebote mit: offen, Fördersumme bis 5.000 €"
    checked = [i["value"] for i in page.select(".map-filters input[name=status][checked]")]
    assert checked == ["open"]


@pytest.mark.parametrize("prefix", ["/en", "/ar", "/fa"])
def test_map_is_served_in_every_language(client, catalogue, prefix):
    page = parse(client.get(f"{prefix}/karte/"))

    assert page.html["lang"] == prefix[1:]
    assert district_links(page)[0]["href"].startswith(f"{prefix}/suche/?type=programme&region=")


def test_search_page_links_to_the_map_with_its_filters(client, catalogue):
    page = parse(client.get("/suche/?q=Kultur&status=open&page=2"))

    assert page.select_one(".map-link a")["href"] == "/karte/?q=Kultur&status=open"


def test_search_page_links_a_typed_place_to_the_map_as_its_region(client, catalogue):
    # "Northeim" is a place: the search takes it as the region filter (search.places).
    page = parse(client.get("/suche/?q=Northeim&status=open"))

    assert page.select_one(".map-link a")["href"] == "/karte/?status=open&region=03155"


def test_start_page_small_map_stays_light_and_links_to_the_map(client, catalogue):
    html = client.get("/").content.decode()

    teaser = re.search(r'<section class="map-teaser".*?</section>', html, re.S).group(0)
    assert len(teaser.encode()) < SMALL_MAP_BUDGET
    page = parse(client.get("/"))
    assert page.select_one(".map-teaser__link")["href"] == "/karte/"
    assert len(page.select(".map-teaser__svg path")) == 45


@pytest.mark.parametrize("count", [1, 3])
def test_map_page_query_count_constant(client, django_assert_num_queries, count):
    for n in range(count):
        ProgrammeFactory(title=f"Programm {n}", regions=[NORTHEIM])

    # regions and the other vocabularies, index version, the in-memory index
    # (documents, tags); no status refresh: a GET never writes (issue 14)
    with django_assert_num_queries(4):
        client.get("/karte/")
