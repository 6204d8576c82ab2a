"""Offers per district (the map): each count is the search total for that
district under the same filters, on every database engine."""

from datetime import date

import pytest
from django.http import QueryDict

from catalogue.models import Region
from catalogue.tests.factories import ProgrammeFactory
from search.core import search
from search.districts import district_counts, map_params
from search.index import bulk_indexing

from .contract import atlas

pytestmark = pytest.mark.django_db

NORTHEIM, HANNOVER, GOETTINGEN, BRAUNSCHWEIG = "03155", "03241", "03159", "03101"
OPEN_NOW = "status=open&status=closing_soon"
# Filters as the Suche page puts them into its URL; region and type are
# lifted by the map (it counts programmes in every district).
PARAMS = [
    "",
    "status=open",
    "status=expired&status=upcoming",
    "integration_area=kultur",
    "target_group=fluchtgeschichte&applicant_type=migrantenorganisation",
    "amount_max=3000",
    "q=Sprachkurse",
    # Finds one offer in Northeim; Hannover has only one of the words, so
    # its search falls back to "any of the words", and so does its count.
    "q=Sprachkurse+Frauen",
    "q=Sprahkurse",  # a typo the search corrects
    "q=Quantenchromodynamik",
    "region=ni&type=institution&page=3&sort=title",
    "amount_min=viel&integration_area=gibt-es-nicht",
]


def build():
    with bulk_indexing():
        atlas()
        ProgrammeFactory(slug="quartier", title="Sprachkurse im Quartier", regions=[HANNOVER])
        ProgrammeFactory(slug="zwei-kreise", title="Ehrenamt im Harz", regions=[GOETTINGEN, NORTHEIM])
        # Niedersachsen and Northeim: the wider area covers it; not Northeim's own offer.
        ProgrammeFactory(slug="land-und-kreis", title="Landesprogramm", regions=["ni", NORTHEIM])
        ProgrammeFactory(
            slug="bald",
            title="Bald vorbei",
            regions=[BRAUNSCHWEIG],
            deadline_kind="dates",
            deadline_dates=[date(2026, 12, 1)],
        )


def totals(params, code):
    query = map_params(QueryDict(params))
    query.setlist("region", [code])
    return search(query).total


def by_code(params):
    return {d.code: d for d in district_counts(QueryDict(params)).districts}


def test_district_counts_cover_every_district_in_vocabulary_order():
    codes = list(
        Region.objects.filter(parent="ni").order_by("position", "code").values_list("code", flat=True)
    )

    found = district_counts(QueryDict(""))

    assert [d.code for d in found.districts] == codes
    assert len(codes) == 45
    assert found.districts[0].label == "Stadt Braunschweig"


@pytest.mark.parametrize("params", PARAMS)
def test_district_offers_equal_the_search_total_for_that_district(params):
    build()

    found = by_code(params)

    expected = {code: totals(params, code) for code in found}
    assert {code: d.offers for code, d in found.items()} == expected


def test_district_counts_contain_state_federal_and_eu_offers():
    build()

    found = by_code("")

    # ni: sport, land-und-kreis; de: beratung; eu: alt
    assert (found[NORTHEIM].offers, found[NORTHEIM].own) == (4 + 2, 2)  # sprache, zwei-kreise
    assert (found[HANNOVER].offers, found[HANNOVER].own) == (4 + 2, 2)  # hannover, quartier
    assert (found[GOETTINGEN].offers, found[GOETTINGEN].own) == (4 + 1, 1)
    assert (found["03462"].offers, found["03462"].own) == (4, 0)


def test_district_open_now_equals_the_search_for_open_and_closing_soon():
    build()

    found = by_code("integration_area=kultur")
    found_all = by_code("")

    for code, district in found_all.items():
        assert district.open == totals(OPEN_NOW, code)
    for code, district in found.items():
        assert district.open == totals(f"integration_area=kultur&{OPEN_NOW}", code)
    assert found_all[BRAUNSCHWEIG].open == 4  # sport, land-und-kreis, beratung, bald


def test_district_count_uses_the_fallback_its_own_search_uses():
    build()

    found = by_code("q=Sprachkurse+Frauen")

    assert (found[NORTHEIM].offers, found[HANNOVER].offers, found[BRAUNSCHWEIG].offers) == (1, 1, 0)


def test_district_links_search_that_district_with_the_same_filters():
    build()

    found = by_code("q=Sport&status=open&region=ni&type=institution&page=2&sort=title")

    assert found[NORTHEIM].url == "?q=Sport&type=programme&status=open&region=03155&sort=title"


def test_district_counts_report_bad_parameters_and_use_the_rest():
    build()

    found = district_counts(QueryDict("amount_min=viel&status=kaputt&status=open"))

    assert [e["field"] for e in found.errors] == ["status", "amount_min"]
    assert by_code("status=open") == {d.code: d for d in found.districts}
