from datetime import date

import pytest

from catalogue.models import Programme
from catalogue.queries import with_status
from catalogue.status import (
    Deadlines,
    Status,
    days_left_in_words,
    deadlines_of,
    months_since_check,
    next_deadline,
    status_on,
    statuses_admitted,
)
from catalogue.tests.factories import ProgrammeFactory

TODAY = date(2026, 11, 25)


def test_status_rolling_is_open():
    assert status_on(Deadlines(kind="rolling"), TODAY) == Status.OPEN


def test_status_no_information_is_unknown():
    assert status_on(Deadlines(kind="none"), TODAY) == Status.UNKNOWN


def test_status_no_information_with_a_running_period_is_still_unknown():
    deadlines = Deadlines(kind="none", period_end=date(2027, 12, 31))
    assert status_on(deadlines, TODAY) == Status.UNKNOWN


def test_status_no_information_after_the_period_is_expired():
    assert status_on(Deadlines(kind="none", period_end=date(2026, 11, 24)), TODAY) == Status.EXPIRED


def test_status_no_information_before_the_window_is_upcoming():
    assert status_on(Deadlines(kind="none", window_start=date(2027, 1, 1)), TODAY) == Status.UPCOMING


def test_status_open_filter_admits_closing_soon():
    assert statuses_admitted("open") == ["open", "closing_soon"]
    assert statuses_admitted("unknown") == ["unknown"]


@pytest.mark.parametrize(
    ("checked", "months"),
    [
        (None, None),
        (date(2026, 5, 25), None),  # exactly six months: not yet
        (date(2026, 5, 24), 6),
        (date(2026, 3, 31), 7),
        (date(2025, 11, 25), 12),
    ],
)
def test_months_since_check_only_when_older_than_six_months(checked, months):
    assert months_since_check(checked, TODAY) == months


def test_status_deadline_today_is_closing_soon():
    deadlines = Deadlines(kind="dates", dates=(TODAY,))
    assert status_on(deadlines, TODAY) == Status.CLOSING_SOON
    assert days_left_in_words(next_deadline(deadlines, TODAY), TODAY) == "Frist endet heute"


def test_status_deadline_yesterday_is_expired():
    assert status_on(Deadlines(kind="dates", dates=(date(2026, 11, 24),)), TODAY) == Status.EXPIRED


def test_status_deadline_in_30_days_is_closing_soon_and_31_is_open():
    assert status_on(Deadlines(kind="dates", dates=(date(2026, 12, 25),)), TODAY) == Status.CLOSING_SOON
    assert status_on(Deadlines(kind="dates", dates=(date(2026, 12, 26),)), TODAY) == Status.OPEN


def test_status_dates_kind_without_any_date_is_expired():
    assert status_on(Deadlines(kind="dates"), TODAY) == Status.EXPIRED


def test_next_deadline_picks_earliest_future_of_mixed_dates():
    deadlines = Deadlines(kind="dates", dates=(date(2026, 1, 1), date(2027, 5, 1)), yearly=("03-31",))
    assert next_deadline(deadlines, TODAY) == date(2027, 3, 31)


def test_yearly_deadline_rolls_over_the_year():
    deadlines = Deadlines(kind="dates", yearly=("09-30",))
    assert next_deadline(deadlines, TODAY) == date(2027, 9, 30)
    assert status_on(deadlines, TODAY) == Status.OPEN


def test_yearly_deadline_later_this_year_stays_this_year():
    assert next_deadline(Deadlines(kind="dates", yearly=("11-30",)), TODAY) == date(2026, 11, 30)


def test_yearly_deadline_on_new_years_eve_seen_from_january():
    deadlines = Deadlines(kind="dates", yearly=("12-31",))
    assert next_deadline(deadlines, date(2027, 1, 1)) == date(2027, 12, 31)
    assert next_deadline(deadlines, date(2026, 12, 31)) == date(2026, 12, 31)


def test_yearly_29_february_falls_on_28_february_in_common_years():
    deadlines = Deadlines(kind="dates", yearly=("02-29",))
    assert next_deadline(deadlines, date(2027, 2, 1)) == date(2027, 2, 28)
    assert next_deadline(deadlines, date(2027, 3, 1)) == date(2028, 2, 29)


def test_one_off_29_february_in_leap_year():
    deadlines = Deadlines(kind="dates", dates=(date(2028, 2, 29),))
    assert status_on(deadlines, date(2028, 2, 29)) == Status.CLOSING_SOON
    assert status_on(deadlines, date(2028, 3, 1)) == Status.EXPIRED


def test_window_not_yet_open_is_upcoming():
    deadlines = Deadlines(kind="dates", dates=(date(2027, 3, 1),), window_start=date(2027, 1, 15))
    assert status_on(deadlines, TODAY) == Status.UPCOMING


def test_rolling_with_future_window_is_upcoming():
    assert status_on(Deadlines(kind="rolling", window_start=date(2027, 1, 1)), TODAY) == Status.UPCOMING


def test_window_opening_today_is_open():
    deadlines = Deadlines(kind="dates", dates=(date(2027, 3, 1),), window_start=TODAY)
    assert status_on(deadlines, TODAY) == Status.OPEN


def test_ended_period_means_expired_even_when_rolling():
    assert status_on(Deadlines(kind="rolling", period_end=date(2026, 11, 24)), TODAY) == Status.EXPIRED


def test_period_ending_today_is_not_expired():
    assert status_on(Deadlines(kind="rolling", period_end=TODAY), TODAY) == Status.OPEN


@pytest.mark.parametrize(
    ("days", "words"),
    [(1, "Frist endet morgen"), (2, "noch 2 Tage"), (12, "noch 12 Tage")],
)
def test_days_left_in_words(days, words):
    assert days_left_in_words(date.fromordinal(TODAY.toordinal() + days), TODAY) == words


CASES = [
    {"deadline_kind": "rolling"},
    {"deadline_kind": "none"},
    {"deadline_kind": "none", "period_end": date(2027, 12, 31)},
    {"deadline_kind": "none", "period_end": date(2026, 11, 24)},
    {"deadline_kind": "none", "window_start": date(2027, 1, 15)},
    {"deadline_kind": "none", "window_start": date(2026, 1, 15)},
    {"deadline_kind": "dates", "deadline_dates": [date(2026, 11, 25)]},
    {"deadline_kind": "dates", "deadline_dates": [date(2026, 11, 24)]},
    {"deadline_kind": "dates", "deadline_dates": [date(2026, 12, 25)]},
    {"deadline_kind": "dates", "deadline_dates": [date(2026, 12, 26)]},
    {"deadline_kind": "dates", "deadline_yearly": ["09-30"]},
    {"deadline_kind": "dates", "deadline_yearly": ["11-30", "03-31"]},
    {"deadline_kind": "dates", "deadline_yearly": ["02-29"]},
    {"deadline_kind": "dates", "deadline_yearly": ["11-25"]},
    {"deadline_kind": "dates", "deadline_yearly": ["11-24"]},
    {"deadline_kind": "dates", "deadline_yearly": ["01-10"]},
    {"deadline_kind": "dates"},
    {"deadline_kind": "dates", "deadline_dates": [date(2027, 3, 1)], "window_start": date(2027, 1, 15)},
    {"deadline_kind": "rolling", "period_end": date(2026, 11, 24)},
    {"deadline_kind": "rolling", "period_end": date(2026, 11, 25)},
    {"deadline_kind": "dates", "deadline_dates": [date(2025, 1, 1)], "deadline_yearly": ["12-01"]},
]
DAYS = [
    date(2026, 11, 25),
    date(2026, 12, 20),
    date(2027, 2, 27),
    date(2027, 1, 29),
    date(2027, 2, 28),
    date(2027, 3, 1),
    date(2028, 2, 29),
]


@pytest.mark.django_db
@pytest.mark.parametrize("on", DAYS)
def test_sql_status_matches_python_status(on):
    programmes = [ProgrammeFactory(**case) for case in CASES]

    annotated = {p.pk: p for p in with_status(Programme.objects.prefetch_related("deadlines"), on)}

    for programme in programmes:
        row = annotated[programme.pk]
        deadlines = deadlines_of(row)
        expected_next = next_deadline(deadlines, on)
        assert (row.status_code, row.next_deadline and row.next_deadline[:10]) == (
            status_on(deadlines, on).value,
            expected_next and expected_next.isoformat(),
        ), CASES[programmes.index(programme)]
