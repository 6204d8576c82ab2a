"""A query naming a vocabulary value in any language offers its filter."""

import pytest
from django.urls import reverse

from catalogue.tests.factories import ProgrammeFactory
from search.index import bulk_indexing

pytestmark = pytest.mark.django_db


@pytest.fixture
def womens_course():
    with bulk_indexing():
        programme = ProgrammeFactory(slug="kurs", title="Sprachkurse für Frauen", goals="", description="")
        programme.target_groups.set(["frauen-maedchen"])
        programme.integration_areas.set(["sprachfoerderung"])


def test_ukrainian_words_offer_the_filters_they_name(client, womens_course):
    html = client.get("/uk/suche/", {"q": "мовні курси для жінок"}).content.decode()

    assert 'class="notice filter-suggestions"' in html
    assert "target_group=frauen-maedchen" in html
    assert "integration_area=sprachfoerderung" in html


def test_a_chosen_filter_is_not_offered_again(client, womens_course):
    html = client.get(
        reverse("search:search"), {"q": "Frauen", "target_group": "frauen-maedchen"}
    ).content.decode()

    assert "filter-suggestions" not in html


def test_words_without_a_filter_offer_none(client, womens_course):
    html = client.get(reverse("search:search"), {"q": "Xylophon"}).content.decode()

    assert "filter-suggestions" not in html
