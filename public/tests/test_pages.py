import pytest
from django.template.loader import get_template

from .helpers import parse, text_of, texts

pytestmark = pytest.mark.django_db

STATIC_PAGES = {
    "/ueber/": "Über den Atlas",
    "/impressum/": "Impressum",
    "/datenschutz/": "Datenschutzerklärung",
    "/barrierefreiheit/": "Erklärung zur Barrierefreiheit",
}
PLACEHOLDER = "Platzhalter: Der Betreiber trägt hier seine Angaben ein (Umgebungsvariablen ATLAS_OPERATOR_…)."


@pytest.mark.parametrize(("path", "heading"), STATIC_PAGES.items())
def test_static_page_renders_heading(client, path, heading):
    response = client.get(path)

    assert response.status_code == 200
    assert text_of(parse(response), "h1") == heading


def test_about_page_names_the_three_partners(client):
    page = parse(client.get("/ueber/"))

    partners = page.select_one("#initiative").find_next("ul").select("strong")
    assert [p.get_text() for p in partners] == [
        "Die Landesbeauftragte für Migration und Teilhabe",
        "Die Niedersächsische Lotto-Sport-Stiftung",
        "Das Bündnis „Niedersachsen packt an“",
    ]


@pytest.mark.parametrize("path", ["/impressum/", "/datenschutz/", "/barrierefreiheit/"])
def test_operator_pages_show_placeholder_note_by_default(client, path):
    page = parse(client.get(path))

    assert text_of(page, ".notice--placeholder") == PLACEHOLDER


@pytest.fixture
def operator(settings):
    settings.ATLAS_OPERATOR = {
        "name": "Integrationsbüro Musterstadt",
        "address": "Rathausplatz 1, 12345 Musterstadt",
        "email": "atlas@musterstadt.example",
        "phone": "01234 5678",
        "representative": "Erika Mustermann",
        "privacy_officer": "Max Schutz",
        "accessibility_contact": "barrierefrei@musterstadt.example",
        "is_placeholder": False,
    }


@pytest.mark.parametrize("path", ["/impressum/", "/datenschutz/", "/barrierefreiheit/"])
def test_operator_pages_show_configured_operator_without_note(client, operator, path):
    page = parse(client.get(path))

    assert page.select(".notice--placeholder") == []
    assert texts(page, "main address.contact")[0] == (
        "Integrationsbüro Musterstadt Rathausplatz 1, 12345 Musterstadt "
        "E-Mail: atlas@musterstadt.example Telefon: 01234 5678"
    )


def test_imprint_names_representative(client, operator):
    page = parse(client.get("/impressum/"))

    assert "Vertreten durch: Erika Mustermann" in text_of(page, "main")


def test_accessibility_statement_has_bitv_sections_and_feedback_address(client, operator):
    page = parse(client.get("/barrierefreiheit/"))

    assert [h.get_text() for h in page.select("main h2")] == [
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Barrieren melden: Feedback und Kontakt",
        "Schlichtungsverfahren",
    ]
    assert (
        page.select_one('main a[href^="mailto:barrierefrei"]').get_text()
        == "barrierefrei@musterstadt.example"
    )


def test_privacy_page_names_officer(client, operator):
    page = parse(client.get("/datenschutz/"))

    assert "Datenschutzbeauftragte oder Datenschutzbeauftragter: Max Schutz" in text_of(page, "main")


def test_server_error_page_renders_without_context():
    # Django's server_error view renders 500.html without a request.
    html = get_template("500.html").render()

    assert '<html lang="de" dir="ltr">' in html
    assert html.count("<h1>") == 1
    assert "Ein Fehler ist aufgetreten" in html
