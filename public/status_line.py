"""A programme's status line: its status badge and, in words, what that
status means for an applicant now — the next deadline with the days left,
"Anträge ab …", "laufend möglich" or "bitte beim Förderer erfragen". The one
renderer of the programme lists (`public/programme_list.py`) and
the programme page; a search card shows the same badge and, as its "Frist"
fact, the same words (`catalogue.cards`, which the API and the exports
share): one wording everywhere (issue 14).

Exposed as the template tag `{% status_line … %}` (`public_tags`) and as
the Jinja2 global `status_line(…)` (`atlas.jinja2`). Annotated querysets
(`catalogue.queries.with_status`) carry the status as a plain code and the
deadline as an ISO string; both are accepted beside Status members and dates.
"""

from datetime import date

from django.utils.html import format_html
from django.utils.translation import gettext

from catalogue.cards import deadline_in_words
from catalogue.status import Status, today

BADGE = '<span class="badge badge--{}"><span class="visually-hidden">{} </span>{}</span>'
LINE = '{} <span class="status__deadline">{}</span>'


def _as_date(value):
    if not value or isinstance(value, date):
        return value or None
    return date.fromisoformat(str(value))


def status_badge(status):
    """<span class="badge badge--closing_soon">…Frist endet bald</span>"""
    status = Status(str(status))
    return format_html(BADGE, status.value, gettext("Status:"), status.label)


def deadline_phrase(status, deadline, window_start, on):
    """What the status means for an applicant on `on`, in the words of the
    cards, the API and the exports (`catalogue.cards.deadline_in_words`);
    "" when the badge already says it all (expired, upcoming without a date)."""
    if status == Status.EXPIRED or (status == Status.UPCOMING and not window_start):
        return ""
    return deadline_in_words(status, deadline, window_start, on)


def status_line(status, deadline=None, window_start=None, on=None):
    """The badge of `status` and its phrase (see `deadline_phrase`) as safe HTML."""
    status = Status(str(status))
    phrase = deadline_phrase(status, _as_date(deadline), _as_date(window_start), on or today())
    badge = status_badge(status)
    return format_html(LINE, badge, phrase) if phrase else badge
