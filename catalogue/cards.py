"""The key facts of a programme in a few words: what a result card shows,
what the API items carry as `card`, and what the exports put in their
"auf einen Blick" columns. Declared once here, rendered three times.

    card_facts(programme, on)  →
    CardFacts(amount="bis 2.500 €", own_contribution="mind. 10 %; Eigenleistung zählt",
              applicants="Vereine, Migrantenorganisationen", where="Niedersachsen",
              deadline="bis 31. März 2027 (noch 126 Tage)", checked_months=8)

Each fact answers one question a seeker asks before opening an offer: how
much, how much of my own money, may we apply, does it reach our place,
until when. Unknown facts say "keine Angabe", never nothing.
"""

from dataclasses import dataclass, fields
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import lists
from .status import Status, days_left_in_words, deadlines_of, months_since_check, next_deadline, status_on
from .vocabularies import translate_label

MAX_TEXT = 90  # a free-text fact longer than this is cut on the card
MAX_LABELS = 3  # applicant types or regions named on a card; the rest counted

# The facts in card order, each with its label (page, API documentation, export headers).
FACT_LABELS = {
    "amount": _("Fördersumme"),
    "own_contribution": _("Eigenanteil"),
    "applicants": _("Antragsberechtigt"),
    "where": _("Fördergebiet"),
    "deadline": _("Frist"),
}


@dataclass(frozen=True)
class CardFacts:
    amount: str
    own_contribution: str
    applicants: str
    where: str
    deadline: str
    checked_months: int | None = None  # set when the last check is older than six months

    def items(self):
        """[(name, label, text), …] in card order."""
        return [(name, str(label), getattr(self, name)) for name, label in FACT_LABELS.items()]

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}


def sum_of_money(value):
    """Decimal('35000.00') → "35.000", Decimal('1500.5') → "1.500,50": a sum
    in euros without the sign, in the active language's format. The one money
    formatter of the site, the API, the exports and the Fördercheck."""
    places = 0 if Decimal(value) == Decimal(value).to_integral_value() else 2
    return number_format(Decimal(value), decimal_pos=places, use_l10n=True, force_grouping=True)


def euro(value):
    """Decimal('35000.00') → "35.000 €" (no-break space before the sign)."""
    amount = sum_of_money(value)
    # A literal no-break space (U+00A0): xgettext does not decode "\u00a0".
    return gettext("%(amount)s €") % {"amount": amount}


def percent(value):
    """Decimal('50.00') → "50 %"; Decimal('12.50') → "12,5 %"."""
    places = max(0, -Decimal(value).normalize().as_tuple().exponent)
    number = number_format(Decimal(value), decimal_pos=places, use_l10n=True, force_grouping=True)
    return gettext("%(number)s %%") % {"number": number}


def _cut(text):
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _labels(items):
    labels = [translate_label(item.label) for item in items]
    if len(labels) <= MAX_LABELS:
        return lists.join(labels)
    shown = lists.join(labels[:MAX_LABELS])
    return gettext("%(shown)s und %(count)d weitere") % {"shown": shown, "count": len(labels) - MAX_LABELS}


def amount_words(programme):
    low, high, rate = programme.amount_min_eur, programme.amount_max_eur, programme.amount_max_rate_percent
    if low is not None and high is not None:
        words = gettext("%(low)s bis %(high)s") % {"low": euro(low), "high": euro(high)}
    elif high is not None:
        words = gettext("bis %(amount)s") % {"amount": euro(high)}
    elif low is not None:
        words = gettext("ab %(amount)s") % {"amount": euro(low)}
    else:
        words = ""
    if rate is not None:
        share = gettext("bis %(rate)s der Kosten") % {"rate": percent(rate)}
        words = f"{words}, {share}" if words else share
    return words or _cut(programme.amount_text) or gettext("keine Angabe")


def own_contribution_words(programme):
    share, in_kind = programme.own_contribution_min_percent, programme.own_contribution_in_kind_allowed
    parts = []
    if share is not None:
        parts.append(
            gettext("kein Eigenanteil")
            if share == 0
            else gettext("mind. %(rate)s") % {"rate": percent(share)}
        )
    if in_kind is True:
        parts.append(gettext("Eigenleistung zählt"))
    elif in_kind is False:
        parts.append(gettext("Eigenleistung zählt nicht"))
    return "; ".join(parts) or _cut(programme.own_contribution_text) or gettext("keine Angabe")


def applicants_words(programme):
    types = list(programme.applicant_types.all())
    return _labels(types) if types else _cut(programme.eligible_text) or gettext("keine Angabe")


def where_words(programme):
    regions = list(programme.regions.all())
    return _labels(regions) if regions else gettext("keine Angabe")


def deadline_words(programme, status, deadline, on):
    """The next deadline in words, e.g. "bis 10. Dezember 2026 (noch 15 Tage)"."""
    return deadline_in_words(status, deadline, programme.window_start, on)


def deadline_in_words(status, deadline, window_start, on):
    """What `status` and the next `deadline` mean for an applicant on `on`:
    the one wording of the cards, the API, the exports and the status line
    of the public pages (public.status_line)."""
    if status == Status.EXPIRED:
        return gettext("abgelaufen")
    if status == Status.UPCOMING:
        if window_start:
            return gettext("Anträge ab %(date)s") % {"date": date_format(window_start, "DATE_FORMAT")}
        return gettext("demnächst")
    if status == Status.UNKNOWN:
        return gettext("Frist unbekannt – bitte beim Förderer erfragen")
    if deadline:
        day = date_format(deadline, "DATE_FORMAT")
        return gettext("bis %(date)s (%(left)s)") % {"date": day, "left": days_left_in_words(deadline, on)}
    return gettext("laufend möglich")


def card_facts(programme, on, *, status=None, deadline=None):
    """The CardFacts of a programme (prefetched deadlines, applicant types
    and regions). `status` and `deadline` default to the programme's own on
    `on`; the search passes those it sorted by."""
    if status is None:
        dates = deadlines_of(programme)
        status, deadline = status_on(dates, on), next_deadline(dates, on)
    return CardFacts(
        amount=amount_words(programme),
        own_contribution=own_contribution_words(programme),
        applicants=applicants_words(programme),
        where=where_words(programme),
        deadline=deadline_words(programme, status, deadline, on),
        checked_months=months_since_check(programme.last_checked, on),
    )
