"""The data-quality worklist: each kind of problem on seeded examples, the
page, `manage.py worklist`, the change-list filter and query counts."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.interchange.importer import import_document
from catalogue.models import Programme, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from editorial import worklist

from .factories import LinkCheckFactory
from .helpers import admin_url, parse

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 25)


def complete(slug, funder=True, **fields):
    """A programme without any problem, unless `fields` introduce one; it
    has a funder of its own unless funder=False."""
    values = {
        "slug": slug,
        "title": slug.replace("-", " ").title(),
        "amount_text": "bis 5.000 €",
        "amount_max_eur": 5000,
        "eligible_text": "Vereine",
        "deadline_kind": "rolling",
        "last_checked": date(2026, 10, 1),
    }
    programme = ProgrammeFactory(**(values | fields))
    if funder:
        own = InstitutionFactory(slug=f"foerderer-{slug}", last_checked=date(2026, 10, 1))
        ProgrammeInstitutionFactory(programme=programme, institution=own)
    return programme


@pytest.fixture
def problems():
    funder = InstitutionFactory(slug="stiftung", name="Stiftung", last_checked=date(2026, 1, 1))
    complete("in-ordnung")
    complete("wartet", state=Workflow.REVIEW)
    complete("abgelaufen", deadline_kind="dates", deadline_dates=[date(2026, 3, 31)])
    complete(
        "frist-nach-ende",
        deadline_kind="dates",
        deadline_dates=[date(2027, 3, 31)],
        period_end=date(2027, 1, 31),
    )
    complete("ungeprueft", last_checked=date(2025, 11, 24))
    complete("ohne-summe", amount_text="", amount_max_eur=None)
    complete("ohne-frist", deadline_kind="none")
    complete("ohne-berechtigte", eligible_text="")
    complete("ohne-foerderer", funder=False)
    complete("widerspruch", amount_text="Einzelmaßnahmen bis 3.000 €", amount_max_eur=None)
    complete("archiviert", state=Workflow.ARCHIVED, amount_text="", amount_max_eur=None, last_checked=None)
    for slug, title in [("sprache-2027", "Sprachbrücken 2027"), ("sprache-2028", "Sprachbrücken 2028")]:
        ProgrammeInstitutionFactory(programme=complete(slug, title=title), institution=funder)
    complete("doppelt-1", title="Mikrofonds Teilhabe")
    complete("doppelt-2", title="Mikrofonds – teilhabe!")
    complete("toter-link", links=[{"url": "https://example.org/weg"}])
    complete("umgezogen", sources=["https://example.org/alt"])
    LinkCheckFactory(url="https://example.org/weg", status_code=404)
    LinkCheckFactory(
        url="https://example.org/alt", ok=True, status_code=301, redirect_to="https://example.org/neu"
    )
    LinkCheckFactory(url="https://example.org/gut", status_code=200, ok=True)


def slugs(section):
    if section.groups is not None:
        return [[entry.slug for entry in group] for group in section.groups]
    if section.findings is not None:
        return [finding.entry.slug for finding in section.findings]
    if section.links is not None:
        return [(p.check.url, [entry.slug for entry in p.entries]) for p in section.links]
    return [entry.slug for entry in section.entries]


def test_worklist_finds_each_kind_of_problem(problems):
    found = {section.key: slugs(section) for section in worklist.sections(TODAY)}

    assert found == {
        "review": ["wartet"],
        "expired": ["abgelaufen"],
        "deadline_after_end": ["frist-nach-ende"],
        "unchecked": ["ungeprueft"],
        "missing_amount": ["ohne-summe"],
        "missing_deadline": ["ohne-frist"],
        "missing_eligibility": ["ohne-berechtigte"],
        "without_funder": ["ohne-foerderer"],
        "contradictions": ["widerspruch"],
        "duplicates": [["sprache-2027", "sprache-2028"], ["doppelt-1", "doppelt-2"]],
        "broken_links": [("https://example.org/weg", ["toter-link"])],
        "moved_links": [("https://example.org/alt", ["umgezogen"])],
        # Registered by the feedback app (its own tests fill them).
        "reports": [],
        "account_requests": [],
    }


def test_similar_titles_of_different_funders_not_duplicates():
    for slug, title in [("a", "Sprachbrücken 2027"), ("b", "Sprachbrücken 2028")]:
        ProgrammeInstitutionFactory(programme=complete(slug, title=title))

    assert worklist.likely_duplicates() == []


def test_institutions_with_same_name_are_duplicates():
    first = InstitutionFactory(name="Bürgerstiftung Hannover")
    second = InstitutionFactory(name="Buergerstiftung  Hannover")

    assert worklist.likely_duplicates() == [[first, second]]


def test_normalise_title_folds_umlauts_case_and_punctuation():
    assert (
        worklist.normalise_title("Förder-Programm  „Miteinander“ 2026") == "foerder programm miteinander 2026"
    )


def test_institution_never_checked_is_unchecked():
    InstitutionFactory(slug="nie-geprueft", last_checked=None)

    assert [i.slug for i in worklist.sections(TODAY)[3].entries] == ["nie-geprueft"]


def test_worklist_page_shows_every_section_with_count(editor_client, problems):
    page = parse(editor_client.get(reverse("admin:editorial_worklist")))

    headings = [h.get_text() for h in page.select(".worklist-section h2")]
    assert headings == [
        "Wartet auf Prüfung (1)",
        "Veröffentlicht, aber abgelaufen (1)",
        "Frist nach Ende der Laufzeit (1)",
        "Seit 12 Monaten nicht geprüft (1)",
        "Fördersumme fehlt (1)",
        "Bewerbungsfrist fehlt (1)",
        "Antragsberechtigung fehlt (1)",
        "Ohne Förderer (1)",
        "Text und Angaben widersprechen sich (1)",
        "Wahrscheinliche Dubletten (2)",
        "Defekte Links (1)",
        "Dauerhaft umgeleitete Links (1)",
        "Fehlermeldungen von Besucherinnen und Besuchern (0)",
        "Anfragen für ein Förderer-Konto (0)",
    ]
    link = page.select_one("#broken_links tbody a[href^='/redaktion/']")
    assert link["href"] == admin_url(Programme.objects.get(slug="toter-link"))
    contradiction = page.select_one("#contradictions li")
    assert contradiction.a["href"] == admin_url(Programme.objects.get(slug="widerspruch"))
    assert [li.get_text() for li in contradiction.select("ul li")] == [
        "Text nennt 3.000 €, Höchstbetrag leer."
    ]


def test_worklist_linked_from_admin_index(editor_client):
    page = parse(editor_client.get(reverse("admin:index")))

    assert [a["href"] for a in page.select(".editorial-tools a")][:2] == [
        "/redaktion/worklist/",
        "/redaktion/import/",
    ]


def test_worklist_command_prints_same_sections(problems):
    out = StringIO()

    call_command("worklist", stdout=out)

    lines = out.getvalue().splitlines()
    assert "Defekte Links (1)" in lines
    assert "  https://example.org/weg (HTTP 404): toter-link" in lines
    assert "  https://example.org/alt (HTTP 301 → https://example.org/neu): umgezogen" in lines
    assert "  Förderprogramm ohne-frist: Ohne Frist [Veröffentlicht]" in lines
    assert (
        "  Förderprogramm widerspruch: Widerspruch [Veröffentlicht]: Text nennt 3.000 €, Höchstbetrag leer."
        in lines
    )
    assert lines[-1] == "13 Punkte insgesamt."


def test_problem_filter_selects_expired_programmes(editor_client, problems):
    page = parse(editor_client.get(admin_url(Programme, "changelist") + "?problem=expired"))

    assert [a.get_text() for a in page.select("#result_list tbody th a")] == ["Abgelaufen"]


def test_problem_filter_selects_contradicting_programmes(editor_client, problems):
    page = parse(editor_client.get(admin_url(Programme, "changelist") + "?problem=contradictions"))

    assert [a.get_text() for a in page.select("#result_list tbody th a")] == ["Widerspruch"]


def test_contradictions_read_applicant_types_and_period_of_stored_programmes():
    programme = complete(
        "richtlinie",
        description="Die Richtlinie gilt bis Ende 2026.",
        eligible_text="Gemeinnützige Organisationen.",
    )
    programme.applicant_types.set(["verein", "initiative"])
    complete("archiviert", state=Workflow.ARCHIVED, amount_max_eur=None)

    [found] = worklist.contradicting_texts()

    assert (found.entry.slug, found.messages) == (
        "richtlinie",
        [
            "Text nennt keine „Initiativen ohne Rechtsform“, Antragsberechtigte enthalten sie.",
            "Text nennt eine Laufzeit bis Ende 2026, Laufzeitende leer.",
        ],
    )


def test_demo_data_has_no_contradicting_texts():
    demo = Path(settings.BASE_DIR) / "demo" / "catalogue.json"
    report = import_document(json.loads(demo.read_text(encoding="utf-8")))

    assert report.errors == []
    assert [w for w in report.warnings if w["code"].startswith("text_")] == []
    assert worklist.contradicting_texts() == []


def queries_for_worklist(client, extra_problems):
    for number in range(extra_problems):
        complete(
            f"ohne-summe-{extra_problems}-{number}",
            amount_text="",
            amount_max_eur=None,
            links=[{"url": "https://example.org/weg"}],
            description="Die Richtlinie gilt bis Ende 2026.",
        )
    with CaptureQueriesContext(connection) as context:
        assert client.get(reverse("admin:editorial_worklist")).status_code == 200
    return len(context.captured_queries)


def test_worklist_queries_do_not_grow_with_entries(editor_client):
    LinkCheckFactory(url="https://example.org/weg", status_code=404)
    one = queries_for_worklist(editor_client, 1)

    assert queries_for_worklist(editor_client, 2) == one


def queries_for_change_list(client, count):
    for number in range(count):
        ProgrammeInstitutionFactory(programme=complete(f"liste-{count}-{number}"))
    with CaptureQueriesContext(connection) as context:
        assert client.get(admin_url(Programme, "changelist")).status_code == 200
    return len(context.captured_queries)


def test_programme_change_list_queries_do_not_grow_with_entries(editor_client):
    one = queries_for_change_list(editor_client, 1)

    assert queries_for_change_list(editor_client, 2) == one
