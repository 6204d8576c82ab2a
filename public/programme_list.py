"""Programmes in a list — a funder's, the start page's, the similar ones on a
programme page: one `<li>` each, rendered by the Jinja2 fragment
`public/jinja2/public/programme_items.html` (ADR 0010).

A funder may have hundreds of programmes, and Django's template engine spent
about 0.1 ms on each line (an include, a tag, three filters, a
blocktranslate). What a line says is decided here, with the messages and
helpers the pages use elsewhere; the fragment only places it.

Each programme needs `slug`, `title`, `deadline_kind`, `status_code`,
`next_deadline` (`catalogue.queries.with_status` annotates both) and either
`roles_here` (the roles the page's funder plays) or `institution_links`.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from catalogue.status import Status

from .templatetags.public_tags import days_left, distinct_institutions, long_date, status_badge


@dataclass(frozen=True)
class Line:
    url: str
    title: str
    badge: SafeString  # public_tags.status_badge: the one badge markup
    deadline: str
    roles: list  # the roles the page's funder plays, when the page is a funder's
    funders: list  # names of the programme's institutions, otherwise


def deadline_words(programme):
    """ "Frist: 31. März 2027 (noch 12 Tage)", "Bewerbung laufend möglich" or ""."""
    if programme.next_deadline:
        text = gettext("Frist: %(date)s") % {"date": long_date(programme.next_deadline)}
        left = days_left(programme.next_deadline)
        return f"{text} ({left})" if left else text
    if programme.deadline_kind == "rolling" and programme.status_code != Status.EXPIRED.value:
        return gettext("Bewerbung laufend möglich")
    return ""


def line(programme, *, roles):
    return Line(
        url=programme.get_absolute_url(),
        title=programme.title,
        badge=status_badge(programme.status_code),
        deadline=deadline_words(programme),
        roles=[link.get_role_display() for link in programme.roles_here] if roles else [],
        funders=[] if roles else [i.name for i in distinct_institutions(programme.institution_links.all())],
    )


def render(programmes, *, roles=False):
    """The `<li>` lines of `programmes` as safe HTML, for an `<ul class="entry-list">`."""
    lines = [line(programme, roles=roles) for programme in programmes]
    return mark_safe(render_to_string("public/programme_items.html", {"lines": lines}, using="jinja2"))  # noqa: S308 (autoescaped)
