import json
from datetime import date

import pytest

from catalogue.models import ProgrammeInstitution, Role, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory

from .factories import rich_institution, rich_programme
from .helpers import parse, text_of, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    rich_institution()
    response = client.get("/foerderer/stiftung-miteinander/")
    assert response.status_code == 200
    return parse(response)


def test_institution_page_shows_every_field(page):
    assert text_of(page, "h1") == "Stiftung Miteinander"
    assert text_of(page, ".detail-kind") == "Stiftung"
    assert text_of(page, "#field-kind dd") == "Stiftung"
    assert texts(page, "#field-funding-kinds li") == [
        "Förderung betrifft Projekte",
        "Förderung sieht institutionelle Fördermittel vor",
    ]
    assert texts(page, "#field-regions li") == ["Landesweit (Niedersachsen)"]
    assert texts(page, "#field-integration-areas li") == ["Sprachförderung", "Leben im Quartier"]
    assert texts(page, "#field-target-groups li") == ["Menschen mit Zuwanderungsbiografie"]
    assert page.select_one("#field-website a")["href"] == "https://stiftung-miteinander.example.org/"
    assert text_of(page, ".contact") == (
        "Referat Projekte Am Markt 1, 30159 Hannover "
        "E-Mail: projekte@stiftung-miteinander.example.org Telefon: 0511 123456"
    )
    assert texts(page, "[aria-labelledby=sources-heading] p, [aria-labelledby=sources-heading] li") == [
        "Zuletzt von der Redaktion geprüft am 1. Oktober 2026.",
        "https://stiftung-miteinander.example.org/foerderung",
    ]


def test_institution_page_renders_markdown(page):
    description, goals = page.select(".markdown")
    assert (
        description.decode_contents().strip()
        == "<p>Die Stiftung fördert <strong>Begegnung</strong> im Quartier.</p>"
    )
    assert (
        goals.decode_contents().strip()
        == "<ul>\n<li>Nachbarschaft stärken</li>\n<li>Sprache fördern</li>\n</ul>"
    )


def test_institution_page_json_ld_parses(page):
    (script,) = page.select('script[type="application/ld+json"]')

    assert json.loads(script.string) == {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": "Stiftung Miteinander",
        "description": "Die Stiftung fördert Begegnung im Quartier.",
        "url": "https://stiftung-miteinander.example.org/",
        "mainEntityOfPage": "http://127.0.0.1:8000/foerderer/stiftung-miteinander/",
        "identifier": "stiftung-miteinander",
        "address": "Am Markt 1, 30159 Hannover",
        "email": "projekte@stiftung-miteinander.example.org",
        "telephone": "0511 123456",
        "areaServed": ["Landesweit (Niedersachsen)"],
    }


def test_institution_page_lists_programmes_expired_last_with_roles(client):
    institution = rich_institution()
    rich_programme(institution=institution)
    expired = ProgrammeFactory(title="Abgelaufen", deadline_kind="dates", deadline_dates=[date(2026, 1, 31)])
    rolling = ProgrammeFactory(title="Zu jeder Zeit", deadline_kind="rolling")
    draft = ProgrammeFactory(title="Entwurf", state=Workflow.DRAFT)
    for programme in (expired, rolling, draft):
        ProgrammeInstitution.objects.create(programme=programme, institution=institution, role=Role.APPROVER)

    page = parse(client.get(institution.get_absolute_url()))

    items = page.select("[aria-labelledby=programmes-heading] .entry-list > li")
    assert [item.a.get_text() for item in items] == ["Nachbarschaft verbindet", "Zu jeder Zeit", "Abgelaufen"]
    assert [" ".join(item.select_one(".entry-list__meta").get_text(" ").split()) for item in items] == [
        "Status: Frist endet bald bis 15. Dezember 2026 (noch 20 Tage) Mittelgeber Ansprechstelle",
        "Status: offen laufend möglich Bewilligungsstelle",
        "Status: abgelaufen Bewilligungsstelle",
    ]


def test_institution_page_without_programmes_says_so(client):
    InstitutionFactory(slug="leer")

    page = parse(client.get("/foerderer/leer/"))

    assert text_of(page, "[aria-labelledby=programmes-heading] p:not(.guide-link)") == (
        "Zu diesem Förderer sind im Atlas keine Förderprogramme verzeichnet."
    )


@pytest.mark.parametrize("state", [Workflow.DRAFT, Workflow.REVIEW, Workflow.ARCHIVED])
def test_institution_page_unpublished_is_404(client, state):
    InstitutionFactory(slug="geheim", state=state)

    assert client.get("/foerderer/geheim/").status_code == 404


def test_institution_page_unknown_slug_is_404(client):
    assert client.get("/foerderer/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_institution_page_query_count_constant(client, django_assert_num_queries, count):
    institution = rich_institution()
    for _ in range(count):
        ProgrammeInstitutionFactory(institution=institution)

    # institution, 4 vocabularies, programmes, their roles
    with django_assert_num_queries(7):
        response = client.get(institution.get_absolute_url())

    assert response.status_code == 200
