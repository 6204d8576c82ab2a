"""Exports read programmes as plain `values()` rows (api.rows): their items
must be exactly those of prefetched model instances, at a fixed number of
queries."""

from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import translation

from api import exports, rows
from api.listing import hydrate
from api.serializers import programme_item
from catalogue.models import Programme, Role, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory

from .factories import demo_like_catalogue
from .helpers import body

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied():
    """The demo-like catalogue plus what orders and filters can get wrong:
    links in position order to a published and a draft funder, regions
    chosen against the table's order, rates, own contribution, no relations."""
    demo_like_catalogue()
    first = InstitutionFactory(slug="zuerst", name="Zuerst")
    hidden = InstitutionFactory(slug="verborgen", name="Verborgen", state=Workflow.DRAFT)
    many = ProgrammeFactory(
        slug="viele-regionen",
        title="Viele Regionen",
        regions=["03241", "eu", "03155", "ni"],
        deadline_kind="dates",
        deadline_yearly=["09-30", "03-31"],
        amount_max_rate_percent=Decimal("12.50"),
        own_contribution_min_percent=Decimal("0"),
        own_contribution_in_kind_allowed=True,
        last_checked=None,
    )
    ProgrammeInstitutionFactory(programme=many, institution=hidden, role=Role.CONTACT, position=0)
    ProgrammeInstitutionFactory(programme=many, institution=first, role=Role.APPROVER, position=2)
    ProgrammeInstitutionFactory(programme=many, institution=first, role=Role.FUNDER, position=1)
    ProgrammeFactory(slug="nackt", title="Nackt", regions=[], deadline_kind="none")
    return list(Programme.objects.filter(state=Workflow.PUBLISHED).order_by("slug"))


@pytest.mark.parametrize("language", ["de", "ar"])
def test_rows_give_the_items_of_prefetched_programmes(varied, language):
    request = RequestFactory().get("/api/v1/search.csv")
    with translation.override(language):
        expected = [programme_item(p, request) for p in hydrate(varied)]
        got = [programme_item(r, request) for r in rows.programme_rows([p.pk for p in varied])]
    assert got == expected


def test_rows_keep_the_order_asked_for_and_skip_missing(varied):
    pks = [p.pk for p in reversed(varied)]
    got = rows.programme_rows([*pks, 999_999])
    assert [r.id for r in got] == pks


def test_rows_leave_out_programmes_that_are_not_published(varied):
    draft = ProgrammeFactory(slug="entwurf", state=Workflow.DRAFT)
    got = rows.programme_rows([draft.pk, varied[0].pk])
    assert [r.id for r in got] == [varied[0].pk]


def test_rows_cost_a_fixed_number_of_queries(varied, django_assert_num_queries):
    known = rows.lookups()
    pks = [p.pk for p in varied]
    with django_assert_num_queries(len(rows.VOCABULARIES) + 3):
        rows.programme_rows(pks[:1], known)
    with django_assert_num_queries(len(rows.VOCABULARIES) + 3):
        rows.programme_rows(pks, known)


def test_csv_across_chunks_equals_one_chunk(client, varied, monkeypatch):
    whole = body(client.get("/api/v1/search.csv"))
    monkeypatch.setattr(exports, "CHUNK", 3)
    assert body(client.get("/api/v1/search.csv?v=chunks")) == whole
