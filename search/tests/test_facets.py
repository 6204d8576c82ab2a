"""Facet counts: live, disjunctive within a group, containment for regions."""

from django.http import QueryDict

from search.core import search
from search.index import bulk_indexing

from .contract import atlas


def counts(params):
    result = search(QueryDict(params))
    return {group.name: {v.value: v.count for v in group.values} for group in result.facets}


def selected(params):
    result = search(QueryDict(params))
    return {group.name: [v.value for v in group.selected] for group in result.facets if group.selected}


def build(db):
    with bulk_indexing():
        atlas()


def test_facets_count_every_vocabulary_without_filters(db):
    build(db)

    found = counts("")

    assert found["type"] == {"programme": 5, "institution": 2}
    # "offen" admits "Frist endet bald": 2 open + 1 closing soon
    assert found["status"] == {"closing_soon": 1, "open": 3, "upcoming": 1, "expired": 1}
    assert found["integration_area"] == {
        "sprachfoerderung": 1,
        "leben-im-quartier": 1,
        "sport-bewegung": 1,
        "kultur": 2,
        "engagement-ehrenamt": 1,
        "beratung-begleitung": 1,
    }
    assert found["target_group"] == {"fluchtgeschichte": 2, "frauen-maedchen": 1}
    assert found["applicant_type"] == {
        "verein": 1,
        "migrantenorganisation": 1,
        "wohlfahrtsverband": 1,
        "sportverein": 1,
    }
    assert found["funding_kind"] == {}


def test_region_counts_follow_containment(db):
    build(db)

    regions = counts("")["region"]

    assert (regions["eu"], regions["de"], regions["ni"]) == (1, 2, 4)
    assert (regions["03155"], regions["03241"], regions["03101"]) == (6, 5, 4)
    assert len(regions) == 48


def test_facet_counts_of_a_chosen_group_ignore_its_own_filter(db):
    build(db)

    found = counts("region=03155")

    assert found["region"]["03241"] == 5
    assert found["type"] == {"programme": 4, "institution": 2}
    assert found["status"] == {"closing_soon": 1, "open": 3, "expired": 1}


def test_programme_only_filter_drops_institutions_from_the_counts(db):
    build(db)

    found = counts("status=open")

    assert found["type"] == {"programme": 3}
    # "offen" admits "Frist endet bald": 2 open + 1 closing soon
    assert found["status"] == {"closing_soon": 1, "open": 3, "upcoming": 1, "expired": 1}
    assert found["region"]["03155"] == 3


def test_facet_counts_follow_the_query_text(db):
    build(db)

    found = counts("q=Kultur")

    assert found["type"] == {"programme": 2}
    assert found["integration_area"] == {"leben-im-quartier": 1, "kultur": 2}


def test_facet_values_carry_selection_and_toggle_urls(db):
    build(db)
    result = search(QueryDict("q=Kultur&region=03241&page=2"))

    region = next(g for g in result.facets if g.name == "region")
    chosen = next(v for v in region.values if v.value == "03241")
    other = next(v for v in region.values if v.value == "ni")

    assert (chosen.label, chosen.selected, chosen.toggle_url) == ("Region Hannover", True, "?q=Kultur")
    assert (other.selected, other.toggle_url) == (False, "?q=Kultur&region=03241&region=ni")
    assert region.label == "Fördergebiet"


def test_chosen_value_without_results_still_shows(db):
    build(db)

    assert selected("q=Kultur&target_group=aeltere") == {"target_group": ["aeltere"]}


def test_active_filters_have_labels_and_remove_urls(db):
    build(db)
    result = search(QueryDict("region=03155&status=open&amount_min=1500.50"))

    assert [(f.label, f.remove_url) for f in result.active_filters] == [
        ("offen", "?region=03155&amount_min=1500.50"),
        ("Landkreis Northeim", "?status=open&amount_min=1500.50"),
        ("Fördersumme ab 1.500,50 €", "?status=open&region=03155"),
    ]
    assert result.clear_filters_url == "?"
