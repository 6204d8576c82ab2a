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

from catalogue.cards import card_facts
from catalogue.models import Institution, Programme
from catalogue.queries import published
from catalogue.status import Status, days_left_in_words

from .models import Kind
from .snippets import highlight, snippet


def _first_and_late(documents, after):
    """(documents not in the bitmap `after`, those in it or None): the late
    ones come behind all others in every order."""
    late = documents & after if after is not None else None
    return (documents - late, late) if late else (documents, None)


def _ranked(snapshot, first, late, sort, offset, limit, scores, ranked):
    """Ids at [offset, offset + limit) of `first` and then `late`, each in the order `sort`."""
    if not late:
        return snapshot.ranked(first, sort, offset, limit, scores, ranked)
    ids = snapshot.ranked(first, sort, offset, limit, scores, ranked) if offset < len(first) else []
    if len(ids) < limit:
        ids += snapshot.ranked(late, sort, max(0, offset - len(first)), limit - len(ids), scores, ranked)
    return ids


def _scores(matches, snapshot, first, late, wanted):
    """The scores that order the first `wanted` of `first` and then `late`:
    each part ranked as far as the page reaches into it (PostgreSQL ranks
    some matches only on demand, `search.fulltext.Matches.ranking`)."""
    scores = matches.ranking(first, snapshot.expired, wanted)
    if late and len(first) < wanted:
        scores = matches.ranking(late, snapshot.expired, wanted - len(first))
    return scores


def page_rows(snapshot, documents, sort, matches, page, per_page, after=None):
    """[(kind, entry id, score, status_code, next_deadline, late, revision), …] of one
    page of `documents` (a bitmap of the snapshot); `matches` the text
    matches (`search.fulltext.Matches`), or None without query text;
    documents in the bitmap `after` come last and are marked `late`."""
    first, late_ones = _first_and_late(documents, after)
    scores, ranked = None, None
    if sort == "relevance" and matches and matches.ids:
        scores = _scores(matches, snapshot, first, late_ones, page * per_page)
        ranked = matches.ranked
    sort = "deadline" if sort == "relevance" and scores is None else sort
    ids = _ranked(snapshot, first, late_ones, sort, (page - 1) * per_page, per_page, scores, ranked)
    late = after if after is not None else ()
    return [
        (
            row.kind,
            row.entry,
            scores.get(d, 0.0) if scores else 0.0,
            row.status_code,
            row.next_deadline,
            d in late,
            row.revision,
        )
        for d, row in ((d, snapshot.rows[d]) for d in ids)
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
    on: date | None = field(default=None, repr=False)
    amount_unknown: bool = False  # an amount was asked for and this entry states none
    card: str = field(default="", repr=False)  # the Suche page's card body (public.cards)
    revision: str = field(default="", repr=False)  # the document's (search.kept)

    @cached_property
    def facts(self):
        """The card facts (`catalogue.cards`) of a programme, else None."""
        if self.type != Kind.PROGRAMME:
            return None
        return card_facts(self.object, self.on, status=self.status, deadline=self.next_deadline)

    @cached_property
    def snippet(self):
        return snippet(self.object, self.text_query)

    @property
    def title(self):
        return str(self.object)

    @cached_property
    def url(self):
        """The entry's page (a card links it twice)."""
        return self.object.get_absolute_url()

    @cached_property
    def title_html(self):
        """The title with the matched words marked."""
        return highlight(self.title, self.text_query)


def _programmes(pks):
    # Without related rows: a page prefetches what its cards read for the
    # cards it has not kept (public.cards), the API what its items read.
    return published(Programme.objects.filter(pk__in=pks)).in_bulk()


def _programme_hit(programme, row, on, text_query):
    _kind, _pk, score, code, deadline, late, revision = row
    deadline = date.fromisoformat(deadline) if deadline else None
    status = Status(code) if code else None
    days = days_left_in_words(deadline, on) if deadline and status != Status.EXPIRED else ""
    return Hit(
        Kind.PROGRAMME.value,
        programme,
        score,
        status,
        deadline,
        days,
        text_query,
        on,
        late,
        revision=revision,
    )


def hits(rows, on, text_query, read_programmes=True):
    """The Hits of a page, in the page's order. The entries are read again
    (published ones only); status and next deadline are those the page was
    sorted by (the day's, see search.index.refresh_statuses). Without
    `read_programmes` a programme's hit holds only its id (`Programme(pk=…)`):
    for callers that read what they show themselves, published ones only."""
    programme_pks = [row[1] for row in rows if row[0] == Kind.PROGRAMME]
    institution_pks = [row[1] for row in rows if row[0] == Kind.INSTITUTION]
    if not read_programmes:
        programmes = {pk: Programme(pk=pk) for pk in programme_pks}
    else:
        programmes = _programmes(programme_pks) if programme_pks else {}
    institutions = published(Institution.objects.select_related("kind")).in_bulk(institution_pks)
    result = []
    for row in rows:
        kind, pk, score = row[:3]
        if kind == Kind.PROGRAMME and pk in programmes:
            result.append(_programme_hit(programmes[pk], row, on, text_query))
        elif kind == Kind.INSTITUTION and pk in institutions:
            result.append(
                Hit(Kind.INSTITUTION.value, institutions[pk], score, text_query=text_query, revision=row[6])
            )
    return result
