from datetime import date
from decimal import Decimal

from django.utils import translation

from catalogue.status import Status
from public.templatetags.public_tags import (
    days_left,
    euro,
    iso_date,
    long_date,
    percent,
    status_badge,
    yearly_date,
)


def test_long_date_german_month_name():
    with translation.override("de"):
        assert long_date(date(2027, 3, 31)) == "31. März 2027"


def test_long_date_accepts_iso_string_and_empty():
    with translation.override("de"):
        assert long_date("2026-12-15") == "15. Dezember 2026"
        assert long_date(None) == ""


def test_yearly_date_keeps_29_february():
    with translation.override("de"):
        assert yearly_date("09-30") == "30. September"
        assert yearly_date("02-29") == "29. Februar"


def test_euro_whole_and_fractional_amounts():
    with translation.override("de"):
        assert euro(Decimal("35000.00")) == "35.000\u00a0€"
        assert euro(Decimal("1500.50")) == "1.500,50\u00a0€"
        assert euro(None) == ""


def test_percent_drops_trailing_zeros():
    with translation.override("de"):
        assert percent(Decimal("80.00")) == "80\u00a0%"
        assert percent(Decimal("12.50")) == "12,5\u00a0%"
        assert percent(None) == ""


def test_days_left_future_today_and_past():
    # today is pinned to 2026-11-25
    assert days_left("2026-12-15") == "noch 20 Tage"
    assert days_left(date(2026, 11, 25)) == "Frist endet heute"
    assert days_left(date(2026, 11, 26)) == "Frist endet morgen"
    assert days_left(date(2026, 11, 24)) == ""
    assert days_left(None) == ""


def test_iso_date_parses_annotation_strings():
    assert iso_date("2026-12-15") == date(2026, 12, 15)
    assert iso_date(None) is None


def test_status_badge_class_and_label():
    with translation.override("de"):
        html = status_badge("closing_soon")
        assert html == (
            '<span class="badge badge--closing_soon"><span class="visually-hidden">Status: </span>'
            "Frist endet bald</span>"
        )
        assert status_badge(Status.EXPIRED).startswith('<span class="badge badge--expired">')
