"""Dates, numbers and lists in the page's language."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import date_format, number_format

from catalogue import lists
from public.templatetags.public_tags import long_date, percent, yearly_date


@pytest.mark.parametrize(
    ("language", "expected"),
    [("uk", "31 грудня 2026"), ("ru", "31 декабря 2026"), ("de", "31. Dezember 2026")],
)
def test_dates_have_the_genitive_month_and_no_year_abbreviation(language, expected):
    with translation.override(language):
        assert long_date(date(2026, 12, 31)) == expected


@pytest.mark.parametrize(("language", "expected"), [("uk", "31 березня"), ("ru", "31 марта")])
def test_yearly_dates_have_the_genitive_month(language, expected):
    with translation.override(language):
        assert yearly_date("03-31") == expected


def test_arabic_and_farsi_numbers_use_arabic_separators():
    for language in ("ar", "fa"):
        with translation.override(language):
            shown = number_format(Decimal("12500.5"), decimal_pos=2, use_l10n=True, force_grouping=True)
            assert shown == "12٬500٫50"


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", "12٫5٪"), ("fa", "12٫5٪"), ("de", "12,5\u00a0%"), ("en", "12.5%")]
)
def test_percent_sign_per_locale(language, expected):
    with translation.override(language):
        assert percent(Decimal("12.50")) == expected


def test_lists_use_the_arabic_comma_in_arabic_and_farsi():
    with translation.override("ar"):
        assert lists.join(["أ", "ب"]) == "أ، ب"
    with translation.override("fa"):
        assert lists.join(["الف", "ب"]) == "الف، ب"
    with translation.override("de"):
        assert lists.join(["A", "B"]) == "A, B"


def test_german_dates_stay_as_they_were():
    with translation.override("de"):
        assert date_format(date(2026, 3, 1), "MONTH_DAY_FORMAT") == "1. März"
