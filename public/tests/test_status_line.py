"""The one status line (public.status_line): the same words on search cards,
programme lists and the programme page, in every status — the words of the
cards' "Frist" fact, the API and the exports."""

from datetime import date

import pytest
from django.template import Context, Template, engines
from django.utils import translation

from catalogue.status import Status
from public.status_line import status_line

ON = date(2026, 11, 25)
BADGE = '<span class="badge badge--{}"><span class="visually-hidden">Status: </span>{}</span>'


@pytest.mark.parametrize(
    ("status", "deadline", "window_start", "words"),
    [
        (Status.CLOSING_SOON, date(2026, 11, 28), None, "bis 28. November 2026 (noch 3 Tage)"),
        (
            Status.CLOSING_SOON,
            date(2026, 11, 25),
            None,
            "bis 25. November 2026 (Frist endet heute)",
        ),
        (Status.OPEN, date(2027, 3, 31), None, "bis 31. März 2027 (noch 126 Tage)"),
        (Status.OPEN, None, None, "laufend möglich"),
        (Status.UPCOMING, None, date(2027, 2, 1), "Anträge ab 1. Februar 2027"),
        (Status.UNKNOWN, None, None, "Frist unbekannt – bitte beim Förderer erfragen"),
    ],
)
def test_status_line_says_what_the_status_means(status, deadline, window_start, words):
    with translation.override("de"):
        html = status_line(status, deadline, window_start, ON)
    assert (
        html == BADGE.format(status.value, status.label) + f' <span class="status__deadline">{words}</span>'
    )


@pytest.mark.parametrize("status", [Status.EXPIRED, Status.UPCOMING])
def test_status_line_is_the_badge_alone_when_it_says_everything(status):
    with translation.override("de"):
        assert status_line(status, date(2026, 1, 1), None, ON) == BADGE.format(status.value, status.label)


def test_status_line_reads_annotated_codes_and_iso_dates():
    """`with_status` querysets carry plain codes and ISO strings."""
    with translation.override("de"):
        assert status_line("open", "2027-03-31", None, ON) == status_line(
            Status.OPEN, date(2027, 3, 31), None, ON
        )


def test_status_line_in_another_language():
    with translation.override("en"):
        html = status_line(Status.OPEN, None, None, ON)
    assert "Status:" in html and "möglich" not in html


@pytest.mark.django_db
def test_status_line_says_what_the_card_api_and_exports_say():
    from catalogue.cards import deadline_words
    from catalogue.tests.factories import ProgrammeFactory

    programme = ProgrammeFactory(window_start=date(2027, 2, 1))
    with translation.override("de"):
        for status, deadline in [
            (Status.OPEN, date(2027, 3, 31)),
            (Status.UPCOMING, None),
            (Status.UNKNOWN, None),
        ]:
            words = deadline_words(programme, status, deadline, ON)
            assert status_line(status, deadline, programme.window_start, ON).endswith(f">{words}</span>")


def test_template_tag_and_jinja2_global_render_the_same(settings):
    settings.ATLAS_TODAY = ON
    context = {"status": "closing_soon", "deadline": "2026-11-28", "start": None}
    django_html = Template("{% load public_tags %}{% status_line status deadline start %}").render(
        Context(context)
    )
    jinja_html = engines["jinja2"].from_string("{{ status_line(status, deadline, start) }}").render(context)
    assert django_html == jinja_html == str(status_line("closing_soon", date(2026, 11, 28), None, ON))
