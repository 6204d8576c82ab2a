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

from django.utils.safestring import SafeString, mark_safe

from catalogue.status import today

from .fragments import fragment
from .status_line import status_line
from .templatetags.public_tags import distinct_institutions


@dataclass(frozen=True)
class Line:
    url: str
    title: str
    status: SafeString  # public.status_line: the one status line, badge and deadline in words
    roles: list  # the roles the page's funder plays, when the page is a funder's
    funders: list  # names of the programme's institutions, otherwise


def _window_start(programme):
    """The start of the application window when the list read it (the
    status line says "Anträge ab …" for an upcoming programme), else None."""
    return None if "window_start" in programme.get_deferred_fields() else programme.window_start


def line(programme, *, roles, on):
    return Line(
        url=programme.get_absolute_url(),
        title=programme.title,
        status=status_line(programme.status_code, programme.next_deadline, _window_start(programme), on),
        roles=[link.get_role_display() for link in programme.roles_here] if roles else [],
        funders=[] if roles else [i.name for i in distinct_institutions(programme.institution_links.all())],
    )


def render(programmes, *, roles=False):
    """The `<li>` lines of `programmes` as safe HTML, for an `<ul class="entry-list">`;
    "" for none."""
    if not programmes:
        return mark_safe("")
    on = today()
    lines = [line(programme, roles=roles, on=on) for programme in programmes]
    return fragment("public/programme_items.html", {"lines": lines})
