"""The searches alerts watch find what the search page finds, and what
entered since a subscriber's last mail is news to them."""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from alerts import watching
from alerts.models import AlertQuery
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from search.core import canonical_query, matching_programme_ids, search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "q=Sport", "q=Sprot", "q=Sport+Musik", "region=03241", "q=Sport&status=open", "type=institution"],
)
def test_every_match_is_what_the_search_page_finds(query):
    ProgrammeFactory(title="Sport im Verein", regions=["ni"])
    ProgrammeFactory(title="Musik im Quartier", regions=["03241"])
    ProgrammeFactory(title="Kunst", regions=["de"], deadline_kind="dates", deadline_dates=["2020-01-01"])
    InstitutionFactory(name="Sportstiftung")
    params = QueryDict(query)
    page = search(params, per_page=100)
    assert matching_programme_ids(params) == {h.object.pk for h in page.hits if h.type == "programme"}


def test_canonical_query_drops_order_page_and_unknown_values():
    assert canonical_query(QueryDict("sort=title&page=2&region=ni&q=+Sport++&x=1&region=nirgends")) == (
        "q=Sport&region=ni"
    )
    assert canonical_query(QueryDict("region=ni&q=Sport")) == canonical_query(QueryDict("q=Sport&region=ni"))


def test_news_are_what_entered_after_the_last_mail():
    first = ProgrammeFactory(title="Sport eins")
    search = AlertQuery.objects.create(key="k", query="q=Sport")
    before = timezone.now() - timedelta(seconds=1)
    entered = watching.refresh(search, before)
    told = timezone.now()
    second = ProgrammeFactory(title="Sport zwei")
    entered = watching.refresh(search, told + timedelta(seconds=1))
    assert watching.news(entered, told) == [second.pk]
    assert watching.news(entered, before - timedelta(seconds=1)) == sorted([first.pk, second.pk])
    second.title = "Musik"
    second.save()
    entered = watching.refresh(search, told + timedelta(seconds=2))
    assert watching.news(entered, told) == []  # no longer matching: forgotten
