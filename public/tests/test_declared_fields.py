"""The entries' pages show every declared vocabulary list
(catalogue.vocabularies) under its field label, in declaration order."""

import pytest
from django.utils.translation import override

from catalogue.vocabularies import INSTITUTION, PROGRAMME, lists_of

from .factories import rich_institution, rich_programme
from .helpers import parse, text_of

pytestmark = pytest.mark.django_db


def _page(client, kind):
    if kind == PROGRAMME:
        return parse(client.get(rich_programme().get_absolute_url()))
    return parse(client.get(rich_institution().get_absolute_url()))


@pytest.mark.parametrize("kind", [PROGRAMME, INSTITUTION])
def test_every_declared_list_has_its_field_on_the_page(client, kind):
    page = _page(client, kind)

    with override("de"):
        for vocabulary in lists_of(kind, ""):
            assert text_of(page, f"#{vocabulary.html_id} dt") == str(vocabulary.field_label)
        shown = [div["id"] for div in page.select("dl.fields > div")]
    declared = [vocabulary.html_id for vocabulary in lists_of(kind, "")]
    assert [name for name in shown if name in declared] == declared


def test_lists_in_the_eligible_object_are_shown_under_antragsberechtigt(client):
    page = _page(client, PROGRAMME)

    assert lists_of(PROGRAMME, "eligible")
    assert page.select("#field-eligible ul.tags li")


def test_every_list_sits_in_an_object_a_page_shows():
    for kind in (PROGRAMME, INSTITUTION):
        assert {vocabulary.group for vocabulary in lists_of(kind)} <= {"", "eligible"}
