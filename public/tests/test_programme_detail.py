import json

import pytest
from django.core.cache import caches

from catalogue.models import Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory

from .factories import rich_institution, rich_programme
from .helpers import parse, text_of, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    rich_programme(institution=rich_institution())
    response = client.get("/foerderungen/nachbarschaft-verbindet/")
    assert response.status_code == 200
    return parse(response)


def test_programme_page_heading_status_and_roles(page):
    assert text_of(page, "h1") == "Nachbarschaft verbindet"
    assert page.h1["lang"] == "de"
    assert text_of(page, ".status") == "Status: Frist endet bald bis 15. Dezember 2026 (noch 20 Tage)"
    assert texts(page, ".detail-header p")[2] == (
        "Mittelgeber: Stiftung Miteinander Ansprechstelle: Stiftung Miteinander"
    )


def test_programme_page_shows_money_fields(page):
    assert text_of(page, "#field-amount dd") == (
        "bis zu 35.000 € je Projekt mindestens 5.000 € höchstens 35.000 € Förderquote bis 80 % der Kosten"
    )
    assert text_of(page, "#field-own-contribution dd") == (
        "mindestens 10 % der Gesamtkosten mindestens 12,5 % der Kosten "
        "Eigenleistungen (zum Beispiel ehrenamtliche Arbeit) werden angerechnet."
    )


def test_programme_page_shows_deadlines_and_period(page):
    assert texts(page, "#field-deadlines dd li") == [
        "15. Dezember 2026",
        "31. März 2027",
        "jährlich zum 30. September",
    ]
    assert texts(page, "#field-deadlines dd > p") == [
        "Anträge möglich ab 1. September 2026",
        "Erst Projektskizze, dann Antrag",
        "Fristen in den eigenen Kalender übernehmen (iCalendar)",
        "Fristen im Kalender abonnieren (webcal)",
        "An die Frist erinnern (E-Mail)",
    ]
    assert text_of(page, "#field-period dd") == "1. Januar 2026 bis 31. Dezember 2027"


def test_programme_page_shows_vocabularies(page):
    assert texts(page, "#field-regions li") == ["Landesweit (Niedersachsen)", "Region Hannover"]
    assert text_of(page, "#field-eligible dd > p") == "Gemeinnützige Vereine in Niedersachsen"
    assert texts(page, "#field-eligible li") == [
        "Vereine und gemeinnützige Organisationen",
        "Migrant*innenorganisationen",
    ]
    assert texts(page, "#field-funding-kinds li") == ["Förderung betrifft Projekte"]
    assert texts(page, "#field-integration-areas li") == ["Sprachförderung", "Leben im Quartier"]
    assert texts(page, "#field-target-groups li") == [
        "Menschen mit Zuwanderungsbiografie",
        "Menschen mit Fluchtgeschichte",
    ]


def test_programme_page_renders_markdown_in_german_blocks(page):
    description, goals = page.select(".markdown")
    assert (description["lang"], goals["lang"]) == ("de", "de")
    assert description.decode_contents().strip() == (
        "<p>Gefördert werden <strong>Begegnungsprojekte</strong> in Nachbarschaften.</p>"
    )
    assert goals.decode_contents().strip() == "<p>Ziel ist ein gutes <em>Miteinander</em>.</p>"


def test_programme_page_links_institutions_contact_and_sources(page):
    institutions = page.select("[aria-labelledby=institutions-heading] li")
    assert [squash_link(li) for li in institutions] == [
        ("Stiftung Miteinander – Mittelgeber", "/foerderer/stiftung-miteinander/"),
        ("Stiftung Miteinander – Ansprechstelle", "/foerderer/stiftung-miteinander/"),
    ]
    links = page.select("[aria-labelledby=links-heading] li a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Förderrichtlinie", "https://stiftung-miteinander.example.org/richtlinie.pdf"),
        (
            "https://stiftung-miteinander.example.org/antrag",
            "https://stiftung-miteinander.example.org/antrag",
        ),
    ]
    assert text_of(page, ".contact") == (
        "Frau Beispiel Am Markt 1, 30159 Hannover "
        "E-Mail: antrag@stiftung-miteinander.example.org Telefon: 0511 654321"
    )
    assert texts(page, "[aria-labelledby=sources-heading] p, [aria-labelledby=sources-heading] li") == [
        "Zuletzt von der Redaktion geprüft am 2. November 2026.",
        "https://stiftung-miteinander.example.org/programm",
    ]


def squash_link(element):
    return " ".join(element.get_text(" ").split()), element.a["href"]


def test_programme_page_json_ld_parses(page):
    (script,) = page.select('script[type="application/ld+json"]')

    data = json.loads(script.string)

    assert data == {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "name": "Nachbarschaft verbindet",
        "description": "Gefördert werden Begegnungsprojekte in Nachbarschaften.",
        "url": "http://127.0.0.1:8000/foerderungen/nachbarschaft-verbindet/",
        "identifier": "nachbarschaft-verbindet",
        "funder": [
            {
                "@type": "Organization",
                "name": "Stiftung Miteinander",
                "url": "http://127.0.0.1:8000/foerderer/stiftung-miteinander/",
            }
        ],
        "areaServed": ["Landesweit (Niedersachsen)", "Region Hannover"],
        "amount": {"@type": "MonetaryAmount", "currency": "EUR", "minValue": 5000.0, "maxValue": 35000.0},
    }


def test_programme_json_ld_escapes_closing_script_tag(client):
    ProgrammeFactory(slug="boese", title="</script><script>alert(1)</script> & Co")

    body = client.get("/foerderungen/boese/").content.decode()

    head = body.split("</head>")[0]
    assert (
        '"name": "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E \\u0026 Co"' in head
    )
    data = json.loads(parse_scripts(body)[0])
    assert data["name"] == "</script><script>alert(1)</script> & Co"


def parse_scripts(body):
    from bs4 import BeautifulSoup

    return [s.string for s in BeautifulSoup(body, "html.parser").select('script[type="application/ld+json"]')]


def test_programme_page_minimal_programme_says_keine_angabe(client):
    ProgrammeFactory(slug="karg", title="Karg", deadline_kind="none")

    page = parse(client.get("/foerderungen/karg/"))

    for field in [
        "amount",
        "own-contribution",
        "deadlines",
        "period",
        "regions",
        "eligible",
        "target-groups",
    ]:
        assert text_of(page, f"#field-{field} dd") == "keine Angabe", field
    assert (
        text_of(page, ".status") == "Status: Frist unbekannt Frist unbekannt – bitte beim Förderer erfragen"
    )
    assert page.select(".markdown") == []


def test_programme_page_rolling_deadline_and_upcoming_window(client):
    from datetime import date

    ProgrammeFactory(slug="laufend", deadline_kind="rolling")
    ProgrammeFactory(slug="bald", deadline_kind="rolling", window_start=date(2027, 2, 1))

    rolling = parse(client.get("/foerderungen/laufend/"))
    upcoming = parse(client.get("/foerderungen/bald/"))

    assert text_of(rolling, ".status") == "Status: offen laufend möglich"
    assert text_of(rolling, "#field-deadlines dd") == "laufend (Anträge jederzeit möglich)"
    assert text_of(upcoming, ".status") == "Status: demnächst Anträge ab 1. Februar 2027"


def test_programme_page_hides_unpublished_institution(client):
    programme = ProgrammeFactory(slug="mit-entwurf")
    ProgrammeInstitutionFactory(programme=programme, institution=InstitutionFactory(state=Workflow.DRAFT))

    page = parse(client.get("/foerderungen/mit-entwurf/"))

    assert text_of(page, "[aria-labelledby=institutions-heading] p") == "Keine Institution angegeben."


@pytest.mark.parametrize("state", [Workflow.DRAFT, Workflow.REVIEW, Workflow.ARCHIVED])
def test_programme_page_unpublished_is_404(client, state):
    ProgrammeFactory(slug="geheim", state=state)

    response = client.get("/foerderungen/geheim/")

    assert response.status_code == 404
    assert text_of(parse(response), "h1") == "Seite nicht gefunden"


@pytest.mark.parametrize(
    "path", ["/foerderungen/gibt-es-nicht/", "/foerderungen/%C3%BCml/", "/en/foerderungen/x/"]
)
def test_programme_page_unknown_slug_is_404(client, path):
    assert client.get(path).status_code == 404


def _similar_setup():
    origin = ProgrammeFactory(slug="origin")
    origin.integration_areas.set(["kultur", "sprachfoerderung"])
    origin.target_groups.set(["fluchtgeschichte"])
    three = ProgrammeFactory(title="Drei gemeinsam")
    three.integration_areas.set(["kultur", "sprachfoerderung"])
    three.target_groups.set(["fluchtgeschichte", "aeltere"])
    one = ProgrammeFactory(title="Eins gemeinsam")
    one.target_groups.set(["fluchtgeschichte"])
    ProgrammeFactory(title="Nichts gemeinsam").integration_areas.set(["wohnen"])
    hidden = ProgrammeFactory(title="Entwurf", state=Workflow.DRAFT)
    hidden.integration_areas.set(["kultur", "sprachfoerderung"])
    return origin


def test_programme_page_similar_offers_by_shared_vocabulary(client):
    _similar_setup()

    page = parse(client.get("/foerderungen/origin/"))

    assert texts(page, "[aria-labelledby=similar-heading] .entry-list__title") == [
        "Drei gemeinsam",
        "Eins gemeinsam",
    ]


def test_programme_page_similar_open_before_expired_then_title(client):
    from datetime import date

    origin = ProgrammeFactory(slug="origin")
    origin.integration_areas.set(["kultur"])
    for title, period_end in [("B offen", None), ("A abgelaufen", date(2020, 1, 31)), ("C offen", None)]:
        ProgrammeFactory(title=title, period_end=period_end).integration_areas.set(["kultur"])

    page = parse(client.get("/foerderungen/origin/"))

    assert texts(page, "[aria-labelledby=similar-heading] .entry-list__title") == [
        "B offen",
        "C offen",
        "A abgelaufen",
    ]
    assert texts(page, "[aria-labelledby=similar-heading] .badge")[-1].endswith("abgelaufen")


def test_programme_page_similar_ranks_only_the_newest_per_value(client, monkeypatch):
    """The candidates are the SIMILAR_POOL newest programmes per shared value,
    so an old programme sharing more is not looked at: bounded work."""
    from public import selectors

    monkeypatch.setattr(selectors, "SIMILAR_POOL", 1)
    origin = ProgrammeFactory(slug="origin")
    origin.integration_areas.set(["kultur", "sport-bewegung"])
    ProgrammeFactory(title="Alt, teilt beides").integration_areas.set(["kultur", "sport-bewegung"])
    ProgrammeFactory(title="Neu, Kultur").integration_areas.set(["kultur"])
    ProgrammeFactory(title="Neu, Sport").integration_areas.set(["sport-bewegung"])

    page = parse(client.get("/foerderungen/origin/"))

    assert texts(page, "[aria-labelledby=similar-heading] .entry-list__title") == [
        "Neu, Kultur",
        "Neu, Sport",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_programme_page_query_count_constant(client, django_assert_num_queries, count):
    programme = rich_programme(institution=rich_institution())
    for _ in range(count):
        other = ProgrammeFactory()
        other.integration_areas.set(["kultur", "sprachfoerderung"])
        ProgrammeInstitutionFactory(programme=other)
        ProgrammeInstitutionFactory(programme=programme, role="bewilligungsstelle")

    client.get(programme.get_absolute_url())  # the worker's copy of the search index, read once
    caches["entries"].clear()  # the programme and its similar offers are kept (search.kept): read anew
    # index version, document revision, programme, 6 prefetched vocabularies/deadlines, links,
    # similar + their links
    with django_assert_num_queries(12):
        response = client.get(programme.get_absolute_url())
    # Kept: the index version and the programme's document revision only.
    with django_assert_num_queries(2):
        again = client.get(programme.get_absolute_url())

    assert response.status_code == again.status_code == 200
    assert again.content == response.content


def test_programme_page_print_button_hidden_without_javascript(page):
    (button,) = page.select("button[data-print]")

    assert button.has_attr("hidden")
    assert button["type"] == "button"


def test_programme_page_says_when_it_was_last_checked_long_ago(client):
    from datetime import date

    ProgrammeFactory(slug="alt-geprueft", last_checked=date(2026, 3, 20))
    ProgrammeFactory(slug="frisch", last_checked=date(2026, 9, 1))

    stale = parse(client.get("/foerderungen/alt-geprueft/"))
    fresh = parse(client.get("/foerderungen/frisch/"))

    assert text_of(stale, ".stale-note") == (
        "zuletzt geprüft vor 8 Monaten – Angaben bitte beim Förderer bestätigen lassen."
    )
    assert fresh.select(".stale-note") == []


def test_a_kept_programme_page_shows_every_change_at_once(client):
    programme = rich_programme(institution=rich_institution())
    funder = programme.institution_links.first().institution
    client.get(programme.get_absolute_url())  # kept now (search.kept)

    programme.title = "Neuer Titel"
    programme.save()
    programme.integration_areas.set(["sport-bewegung"])
    funder.name = "Umbenannter Förderer"
    funder.save()
    page = client.get(programme.get_absolute_url()).content.decode()

    assert "Neuer Titel" in page
    assert "Umbenannter Förderer" in page
    programme.state = "draft"
    programme.save()
    assert client.get(programme.get_absolute_url()).status_code == 404
