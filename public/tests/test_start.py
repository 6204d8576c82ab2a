from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory

from .factories import set_created
from .helpers import parse, text_of, texts

pytestmark = pytest.mark.django_db


def test_start_page_figures_count_published_and_open(client):
    ProgrammeFactory(deadline_kind="rolling")  # offen
    ProgrammeFactory(deadline_kind="dates", deadline_dates=[date(2026, 12, 1)])  # Frist endet bald
    ProgrammeFactory(deadline_kind="dates", deadline_dates=[date(2026, 1, 1)])  # abgelaufen
    ProgrammeFactory(deadline_kind="rolling", window_start=date(2027, 1, 1))  # demnächst
    ProgrammeFactory(deadline_kind="rolling", state=Workflow.DRAFT)
    InstitutionFactory()
    InstitutionFactory(state=Workflow.REVIEW)

    page = parse(client.get("/"))

    assert texts(page, ".figure") == ["4 Förderangebote", "2 davon offen für Anträge", "1 Förderer"]


def test_start_page_closing_soon_lists_deadlines_within_30_days_soonest_first(client):
    later = ProgrammeFactory(title="Später", deadline_kind="dates", deadline_dates=[date(2026, 12, 20)])
    sooner = ProgrammeFactory(title="Früher", deadline_kind="dates", deadline_dates=[date(2026, 11, 30)])
    ProgrammeFactory(title="Zu spät", deadline_kind="dates", deadline_dates=[date(2026, 12, 26)])
    ProgrammeFactory(title="Vorbei", deadline_kind="dates", deadline_dates=[date(2026, 11, 24)])
    ProgrammeFactory(
        title="Entwurf", deadline_kind="dates", deadline_dates=[date(2026, 12, 1)], state="draft"
    )

    page = parse(client.get("/"))

    items = page.select("[aria-labelledby=closing-heading] .entry-list > li")
    assert [item.a["href"] for item in items] == [sooner.get_absolute_url(), later.get_absolute_url()]
    assert texts(page, "[aria-labelledby=closing-heading] .entry-list__meta") == [
        "Status: Frist endet bald bis 30. November 2026 (noch 5 Tage)",
        "Status: Frist endet bald bis 20. Dezember 2026 (noch 25 Tage)",
    ]


def test_start_page_newest_lists_latest_created_first_with_funder(client):
    old = ProgrammeFactory(title="Alt")
    new = ProgrammeFactory(title="Neu")
    ProgrammeInstitutionFactory(programme=new, institution=InstitutionFactory(name="Stiftung Neu"))
    set_created(old, 2026, 1, 1)
    set_created(new, 2026, 11, 1)

    page = parse(client.get("/"))

    items = page.select("[aria-labelledby=newest-heading] .entry-list > li")
    assert [item.a.get_text() for item in items] == ["Neu", "Alt"]
    assert texts(page, "[aria-labelledby=newest-heading] .entry-list__meta") == [
        "Status: offen laufend möglich Stiftung Neu",
        "Status: offen laufend möglich",
    ]


def test_start_page_integration_areas_link_to_search_with_counts(client):
    first = ProgrammeFactory()
    first.integration_areas.set(["sprachfoerderung", "kultur"])
    second = ProgrammeFactory()
    second.integration_areas.set(["sprachfoerderung"])
    hidden = ProgrammeFactory(state=Workflow.ARCHIVED)
    hidden.integration_areas.set(["sprachfoerderung"])

    page = parse(client.get("/"))

    links = {a.get_text(): a["href"] for a in page.select(".area-list a")}
    assert links["Sprachförderung"] == "/suche/?type=programme&integration_area=sprachfoerderung"
    counts = dict(zip(texts(page, ".area-list a"), texts(page, ".area-list .muted"), strict=True))
    assert counts["Sprachförderung"] == "(2 Angebote)"
    assert counts["Kultur"] == "(1 Angebot)"
    assert counts["Gesundheit"] == "(0 Angebote)"


def test_start_page_search_form_submits_get_to_search(client):
    page = parse(client.get("/"))

    form = page.select_one("form.search-form")
    assert (form["action"], form["method"]) == ("/suche/", "get")
    assert [field["name"] for field in form.select("input")] == ["q"]
    assert text_of(page, "label[for=start-q]") == "Wonach suchen Sie?"


def _programmes_with_funders(count):
    for n in range(count):
        programme = ProgrammeFactory(deadline_kind="dates", deadline_dates=[date(2026, 12, 1 + n)])
        programme.integration_areas.set(["kultur"])
        ProgrammeInstitutionFactory(programme=programme)


@pytest.mark.parametrize("count", [1, 3])
def test_start_page_query_count_constant(client, django_assert_num_queries, count):
    _programmes_with_funders(count)

    # index version, the in-memory index read once (documents, tags; kept
    # for later requests), which gives the figures, the counts and the lists;
    # the areas, the listed programmes + their links; the small map: regions,
    # index version; no status refresh
    with django_assert_num_queries(8):
        response = client.get("/")

    assert len(parse(response).select("[aria-labelledby=closing-heading] .entry-list > li")) == count


def test_start_page_reads_no_catalogue_table_beyond_the_programmes_it_lists(client):
    """Counts come from the in-memory index: no statement over every
    programme, whatever the size of the catalogue (issue 14)."""
    _programmes_with_funders(3)
    client.get("/")  # the in-memory index is read once after a change

    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    statements = " ".join(q["sql"] for q in queries.captured_queries).lower()
    assert "count(" not in statements
