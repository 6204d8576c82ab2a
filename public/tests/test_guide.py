import pytest

from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory

from .helpers import parse, texts


def test_guide_answers_the_questions_in_order(client):
    page = parse(client.get("/ratgeber/"))

    assert texts(page, "h1") == ["So beantragen Sie eine Förderung"]
    assert texts(page, "main h2") == [
        "Auf dieser Seite",
        "1. Wer sind Sie?",
        "2. Was haben Sie vor?",
        "3. Was brauchen Sie?",
        "4. Wie viel Geld gibt es?",
        "5. Bis wann?",
        "6. Diese Regeln gelten fast immer",
        "7. Hilfe bekommen",
    ]


def test_guide_names_the_typical_conditions(client):
    page = parse(client.get("/ratgeber/"))

    assert texts(page, ".guide__rules dt") == [
        "Das Projekt hat noch nicht begonnen.",
        "Sie bringen einen Eigenanteil ein.",
        "Das Geld ist nur für dieses Projekt.",
        "Sie berichten am Ende.",
    ]


def test_guide_contents_link_to_every_section(client):
    page = parse(client.get("/ratgeber/"))

    anchors = [a["href"] for a in page.select(".guide__contents a")]
    targets = ["#" + h2["id"] for h2 in page.select("section > h2")]
    assert anchors == targets


def test_guide_leads_to_the_check_and_the_search(client):
    page = parse(client.get("/ratgeber/"))

    assert [a["href"] for a in page.select("#hilfe ~ p a")] == ["/foerdercheck/", "/suche/"]


def test_guide_in_english_keeps_the_english_links(client):
    page = parse(client.get("/en/ratgeber/"))

    assert [a["href"] for a in page.select("#hilfe ~ p a")] == ["/en/foerdercheck/", "/en/suche/"]


@pytest.mark.django_db
def test_programme_page_links_to_guide(client):
    ProgrammeFactory(slug="sport-im-quartier")

    page = parse(client.get("/ar/foerderungen/sport-im-quartier/"))

    assert [a["href"] for a in page.select(".guide-link a")] == ["/ar/ratgeber/"]


@pytest.mark.django_db
def test_institution_page_links_to_guide(client):
    InstitutionFactory(slug="miso")

    page = parse(client.get("/foerderer/miso/"))

    assert [a["href"] for a in page.select(".guide-link a")] == ["/ratgeber/"]


@pytest.mark.django_db
def test_search_page_links_to_guide(client):
    page = parse(client.get("/tr/suche/?q=Sport"))

    assert [a["href"] for a in page.select(".guide-link a")] == ["/tr/ratgeber/"]
