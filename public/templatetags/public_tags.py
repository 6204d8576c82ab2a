"""Formatting for the public pages: status badges, deadlines in words,
German dates, euro amounts and percentages.

Annotated querysets (`catalogue.queries.with_status`) carry `next_deadline`
as an ISO string and `status_code` as a plain string; these filters accept
both that and real dates or Status members, so list and detail templates
share them.
"""

from datetime import date

from django import template
from django.conf import settings
from django.utils.formats import date_format, localize
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from catalogue import cards
from catalogue.status import Status, days_left_in_words, months_since_check, today, yearly_occurrence
from catalogue.vocabularies import lists_of

register = template.Library()


def as_date(value):
    """A date from a date or an ISO string ('2027-03-31'); None stays None."""
    if value is None or value == "" or isinstance(value, date):
        return value or None
    return date.fromisoformat(str(value))


@register.filter
def iso_date(value):
    return as_date(value)


@register.simple_tag
def status_badge(code):
    """<span class="badge badge--closing_soon">Frist endet bald</span>"""
    status = Status(str(code))
    return format_html(
        '<span class="badge badge--{}"><span class="visually-hidden">{} </span>{}</span>',
        status.value,
        gettext("Status:"),
        status.label,
    )


@register.filter
def days_left(value):
    """ "noch 12 Tage" for a deadline on or after today, else ""."""
    deadline = as_date(value)
    if deadline is None or deadline < today():
        return ""
    return days_left_in_words(deadline, today())


@register.filter
def long_date(value):
    """ "31. März 2027" in German (DATE_FORMAT of the active language)."""
    value = as_date(value)
    return date_format(value, "DATE_FORMAT") if value else ""


@register.filter
def yearly_date(month_day):
    """ "09-30" → "30. September" (MONTH_DAY_FORMAT of the active language)."""
    # A leap year, so that "02-29" keeps its day.
    return date_format(yearly_occurrence(month_day, 2028), "MONTH_DAY_FORMAT")


@register.filter
def euro(value):
    """Decimal('35000.00') → "35.000 €", "1.500,50 €" (no-break space before the sign)."""
    return "" if value is None or value == "" else cards.euro(value)


@register.filter
def percent(value):
    """Decimal('50.00') → "50 %"; Decimal('12.50') → "12,5 %"."""
    return "" if value is None or value == "" else cards.percent(value)


@register.filter
def checked_months_ago(last_checked):
    """Whole months since `last_checked` when older than six months, else None."""
    return months_since_check(last_checked, today())


@register.filter
def distinct_institutions(links):
    """Institutions of programme links, each once, in link order (an
    institution may be both Mittelgeber and Ansprechstelle)."""
    seen = {}
    for link in links:
        seen.setdefault(link.institution_id, link.institution)
    return list(seen.values())


@register.simple_tag
def webcal_url(path):
    """A calendar feed's address for subscribing: webcal://host/path (the
    calendar app fetches it again and again instead of importing it once)."""
    base = settings.ATLAS_BASE_URL.rstrip("/").split("://", 1)[-1]
    return f"webcal://{base}{path}"


# One facet checkbox. A tag rather than an include: a search page has about a
# hundred of them, and an include costs ten times as much per value.
FACET_OPTION = (
    '<li class="facet-option">\n'
    '      <input type="checkbox" name="{name}" value="{value}" id="{ident}"{checked}>\n'
    '      <label for="{ident}">{label} <span class="facet-count">({count})</span></label>\n'
    "    </li>"
)


@register.simple_tag
def facet_option(group, value):
    """The checkbox of `value` (search.facets.FacetValue) in `group`."""
    return format_html(
        FACET_OPTION,
        name=group.name,
        value=value.value,
        ident=f"facet-{group.name}-{value.value}",
        checked=mark_safe(" checked") if value.selected else "",  # noqa: S308 (a constant)
        label=value.label,
        count=localize(value.count),
    )


# One reason of the Fördercheck (catalogue.eligibility.Reason). A page shows
# 20 programmes × 7 reasons, and most programmes share their reasons (a rule
# runs once per distinct value): each Reason is rendered once per page.
REASON = (
    '<li class="reason reason--{state}"><span class="reason__symbol" aria-hidden="true">{symbol}</span> '
    '<span class="visually-hidden">{word}: </span>{message}</li>'
)


@register.simple_tag(takes_context=True)
def check_reason(context, reason):
    rendered = context.render_context.setdefault("check_reasons", {})
    key = id(reason)  # the Reason objects live as long as the page's ranking
    if key not in rendered:
        rendered[key] = format_html(
            REASON,
            state=reason.fit if reason.checked else "unchecked",
            symbol=reason.symbol,
            word=reason.word,
            message=reason.message,
        )
    return rendered[key]


@register.simple_tag
def vocabulary_lists(entry, group=""):
    """The declared vocabulary lists of `entry` in its object `group` ("" the
    top, "eligible"), in declaration order: (vocabulary, its values) pairs,
    so a page shows every vocabulary without naming one."""
    return [
        (vocabulary, getattr(entry, vocabulary.key).all())
        for vocabulary in lists_of(entry._meta.model_name, group)
    ]
