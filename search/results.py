"""One page of results, ranked in memory (`search.snapshot`), then the
entries of that page in a fixed number of queries.

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

from django.db.models import Prefetch

from catalogue.models import Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import published
from catalogue.status import Status, days_left_in_words

from .models import Kind
from .snippets import highlight, snippet


def page_rows(snapshot, documents, sort, matches, page, per_page):
    """[(kind, entry id, score, status_code, next_deadline), …] of one page
    of `documents` (a bitmap of the snapshot); `matches` the text matches
    (`search.fulltext.Matches`), or None without query text."""
    scores, ranked = None, None
    if sort == "relevance" and matches and matches.ids:
        scores = matches.ranking(documents, snapshot.expired, page * per_page)
        ranked = matches.ranked
    sort = "deadline" if sort == "relevance" and scores is None else sort
    ids = snapshot.ranked(documents, sort, (page - 1) * per_page, per_page, scores, ranked)
    rows = [snapshot.rows[d] for d in ids]
    return [
        (row.kind, row.entry, scores.get(d, 0.0) if scores else 0.0, row.status_code, row.next_deadline)
        for d, row in zip(ids, rows, strict=True)
    ]


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
