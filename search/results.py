"""One page of results, ranked in one query, then the entries of that page
in a fixed number of queries (the total comes with the facet counts).

The page query reads the filtered search documents (an ORM queryset,
compiled by Django), joined to the full-text matches `m` when there is a
query text, ordered in SQL and cut with LIMIT/OFFSET.

Orders (expired programmes last in every order, as the product asks):
- relevance: score, then title (without query text: as deadline);
- deadline: next deadline ascending; rolling and undated programmes after
  dated ones; institutions (no deadlines) after programmes;
- newest: created_at descending;
- title: A–Z by the folded title ("Ärzte" with the a's).
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db import connection
from django.db.models import Case, F, IntegerField, Prefetch, Value, When
from django.db.models.functions import Coalesce

from catalogue.models import Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import published
from catalogue.status import Status, days_left_in_words

from . import filters as search_filters
from . import fulltext
from .models import Kind
from .snippets import highlight, snippet

COLUMNS = (
    "kind",
    "r_entry",
    "id",
    "r_expired",
    "r_group",
    "status_code",
    "next_deadline",
    "created_at",
    "sort_title",
)
ORDERS = {
    "relevance": "h.r_expired, score DESC, h.sort_title, h.kind DESC, h.r_entry",
    "deadline": "h.r_expired, h.r_group, h.next_deadline, h.sort_title, h.kind DESC, h.r_entry",
    "newest": "h.r_expired, h.created_at DESC, h.kind DESC, h.r_entry DESC",
    "title": "h.r_expired, h.sort_title, h.kind DESC, h.r_entry",
}


def _rows(filters):
    expired = When(status_code=Status.EXPIRED.value, then=Value(1))
    group = Case(
        When(kind=Kind.INSTITUTION, then=Value(2)),
        When(next_deadline__isnull=False, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        search_filters.documents(filters)
        .annotate(
            r_entry=Coalesce(F("programme_id"), F("institution_id")),
            r_expired=Case(expired, default=Value(0), output_field=IntegerField()),
            r_group=group,
        )
        .values_list(*COLUMNS)
    )


def page_rows(filters, sort, page, per_page):
    """[(kind, entry id, score, status_code, next_deadline), …] of one page."""
    rows_sql, params = _rows(filters).query.sql_with_params()
    has_text = bool(filters.text and filters.text.positive)
    order = ORDERS["deadline" if sort == "relevance" and not has_text else sort]
    if filters.text:
        sql = (
            f"SELECT h.kind, h.r_entry, m.score, h.status_code, h.next_deadline FROM ({rows_sql}) h "
            "JOIN m ON m.doc_id = h.id"
        )
        sql, params = fulltext.with_ctes([fulltext.match_cte(filters.text)], sql, params)
    else:
        sql = f"SELECT h.kind, h.r_entry, 0.0, h.status_code, h.next_deadline FROM ({rows_sql}) h"
    with connection.cursor() as cursor:
        cursor.execute(
            f"{sql} ORDER BY {order} LIMIT %s OFFSET %s", [*params, per_page, (page - 1) * per_page]
        )
        return cursor.fetchall()


@dataclass
class Hit:
    """One result: `type` "programme" or "institution", the entry, its
    status (programmes), and a snippet with the matched words marked."""

    type: str
    object: object
    score: float = 0.0
    status: Status | None = None
    next_deadline: date | None = None
    days_left: str = ""
    text_query: object = field(default=None, repr=False)

    @cached_property
    def snippet(self):
        return snippet(self.object, self.text_query)

    @property
    def title(self):
        return str(self.object)

    @cached_property
    def title_html(self):
        """The title with the matched words marked."""
        return highlight(self.title, self.text_query)


def _programmes(pks):
    links = (
        ProgrammeInstitution.objects.filter(institution__state=Workflow.PUBLISHED)
        .select_related("institution")
        .only("programme_id", "institution_id", "role", "position", "institution__slug", "institution__name")
    )
    queryset = published(Programme.objects.filter(pk__in=pks))
    return queryset.prefetch_related(Prefetch("institution_links", queryset=links)).in_bulk()


def _programme_hit(programme, row, on, text_query):
    _kind, _pk, score, code, deadline = row
    deadline = date.fromisoformat(deadline) if deadline else None
    status = Status(code) if code else None
    days = days_left_in_words(deadline, on) if deadline and status != Status.EXPIRED else ""
    return Hit(Kind.PROGRAMME.value, programme, score, status, deadline, days, text_query)


def hits(rows, on, text_query):
    """The Hits of a page, in the page's order. The entries are read again
    (published ones only); status and next deadline are those the page was
    sorted by (the day's, see search.index.refresh_statuses)."""
    programme_pks = [row[1] for row in rows if row[0] == Kind.PROGRAMME]
    institution_pks = [row[1] for row in rows if row[0] == Kind.INSTITUTION]
    programmes = _programmes(programme_pks) if programme_pks else {}
    institutions = published(Institution.objects.select_related("kind")).in_bulk(institution_pks)
    result = []
    for row in rows:
        kind, pk, score = row[:3]
        if kind == Kind.PROGRAMME and pk in programmes:
            result.append(_programme_hit(programmes[pk], row, on, text_query))
        elif kind == Kind.INSTITUTION and pk in institutions:
            result.append(Hit(Kind.INSTITUTION.value, institutions[pk], score, text_query=text_query))
    return result
