"""The Suche page's Jinja2 fragments (public/search_fragments.py, ADR 0010)
say what the Django templates they replaced said."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.formats import localize

from catalogue.models import Programme
from catalogue.tests.factories import ProgrammeFactory
from public import search_fragments
from search.results import Hit


def _button(html):
    button = BeautifulSoup(str(html), "html.parser").select_one("button")
    return button.attrs, button.decode_contents()


@pytest.mark.django_db
def test_result_list_has_the_shortlists_own_card_button():
    """The list writes the Merkliste's card button itself (a Django include
    per hit would cost what Jinja2 saves); it must stay the shortlist's."""
    ProgrammeFactory(slug="sprache", title="Sprachkurse für „Frauen“ & <Kinder> 'jetzt'")
    hit = Hit("programme", Programme.objects.get(slug="sprache"))
    request = RequestFactory().get("/suche/?q=Sprache&region=ni&type=programme")
    with translation.override("de"):
        listed = BeautifulSoup(search_fragments.results([hit], request), "html.parser")
        button = render_to_string(
            "shortlist/includes/card_button.html", {"hit": hit, "here": request.get_full_path()}
        )
    assert _button(listed.select_one("li.result > button")) == _button(button)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            [
                "zuletzt geprüft vor 1 Monat",
                "Alle 44 Landkreise und kreisfreien Städte anzeigen",
                "Filter (3)",
            ],
        ),
        ("en", ["last checked 1 month ago", "Show all 44 districts and cities", "Filters (3)"]),
    ],
)
def test_words_with_numbers_are_translated_plurals(language, expected):
    with translation.override(language):
        words = [
            search_fragments.checked_words(1),
            search_fragments.more_words("region", 44),
            search_fragments.toggle_words(3),
        ]
    assert words == expected


def test_a_field_without_a_value_is_empty():
    from django import forms

    class AmountForm(forms.Form):
        amount = forms.DecimalField(required=False)
        amount_min = forms.DecimalField(required=False)

    form = AmountForm({"amount": "12,5"})
    assert search_fragments.value_of(form, "amount") == "12,5"
    assert search_fragments.value_of(form, "amount_min") == ""


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_counts_are_written_as_the_language_writes_numbers(language):
    """`number` skips the locale for counts below 1,000; it must write
    what Django's localize writes, in every language of the site."""
    with translation.override(language):
        for count in [*range(0, 1000, 7), 999, 1000, 12345, 1234567]:
            assert search_fragments.number(count) == localize(count)
