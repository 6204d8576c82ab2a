"""The filter, count and sort columns of the search index, held in memory.

Counting every vocabulary value over the matching documents was most of a
search's time in SQL (one GROUP BY per facet group over thousands of tag
rows, see docs/adr/0002-facet-counts-in-memory.md). Here each kind, status
and vocabulary value is a compressed bitmap of document ids (pyroaring), so
a filter is a union or intersection and a count the size of one, in
microseconds; the sort orders are computed once.

The database stays the only truth. A process reads a snapshot of the
index with two aggregated queries and keeps it until the index changes:
triggers on the documents and tags tables (migration 0003) write a fresh
random token into `search_indexversion` with every change, and each search
reads that token first. Random, not a counter: a rolled-back change must
not leave a number behind that a later, different change reaches again.
Without the row (a flushed test database) nothing is kept.
"""

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from itertools import islice

from django.db import connection
from django.db.models import F
from django.db.models.functions import Coalesce
from pyroaring import BitMap

from catalogue.status import Status, statuses_admitted

from . import kept, reading
from .documents import statuses
from .models import DocumentTag, IndexVersion, Kind, SearchDocument

# ---------- the triggers ----------

_TABLES = (SearchDocument._meta.db_table, DocumentTag._meta.db_table)
_VERSION = IndexVersion._meta.db_table
_SQLITE_NEW_TOKEN = f"REPLACE INTO {_VERSION} (id, token) VALUES (1, lower(hex(randomblob(16))))"
_POSTGRES_FUNCTION = f"""CREATE OR REPLACE FUNCTION search_index_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO {_VERSION} (id, token) VALUES (1, gen_random_uuid()::text)
            ON CONFLICT (id) DO UPDATE SET token = EXCLUDED.token;
        RETURN NULL;
    END $$"""


def _sqlite_triggers(table):
    for event in ("INSERT", "UPDATE", "DELETE"):
        name = f"{table}_{event.lower()}_version"
        yield f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} ON {table} BEGIN {_SQLITE_NEW_TOKEN}; END"


def install_triggers(schema_editor):
    """Migration 0003. Statement-level triggers on PostgreSQL (TRUNCATE
    included); SQLite has row-level triggers only."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_POSTGRES_FUNCTION)
    for table in _TABLES:
        if vendor == "sqlite":
            for statement in _sqlite_triggers(table):
                schema_editor.execute(statement)
        elif vendor == "postgresql":
            schema_editor.execute(
                f"CREATE OR REPLACE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION search_index_changed()"
            )


def uninstall_triggers(schema_editor):
    vendor = schema_editor.connection.vendor
    for table in _TABLES:
        if vendor == "sqlite":
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{event}_version")
        elif vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_version ON {table}")
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS search_index_changed()")


# ---------- the snapshot ----------


def union(bitmaps):
    bitmaps = list(bitmaps)
    return BitMap.union(*bitmaps) if bitmaps else BitMap()


@dataclass(frozen=True)
class Row:
    kind: str
    entry: int  # programme or institution id
    status_code: str | None
    next_deadline: str | None
    revision: str  # what pages make of the entry is kept under it (search.kept)


class Snapshot:
    """The documents of the index as bitmaps, rows and sort orders."""

    # The index version this copy was read at; None when it is not kept
    # (then nothing derived from it may be kept either, see search.fulltext).
    version = None

    def __init__(self, documents, tags):
        self.rows, self.kinds, self.statuses, self.tags = {}, {}, {}, tags
        keys = {"deadline": {}, "newest": {}, "title": {}, "amount": {}}
        for doc_id, kind, entry, code, deadline, revision, created, title, low, high in documents:
            self.rows[doc_id] = Row(kind, entry, code, deadline, kept.document_revision(doc_id, revision))
            self.kinds.setdefault(kind, BitMap()).add(doc_id)
            if code:
                self.statuses.setdefault(code, BitMap()).add(doc_id)
            for name, key in _sort_keys(kind, entry, code, deadline, created, title, low, high).items():
                keys[name][doc_id] = key
        # Documents by next deadline ("2027-03-31" sorts as the date does).
        dated = sorted((row.next_deadline, d) for d, row in self.rows.items() if row.next_deadline)
        self.deadline_days, self.deadline_ids = [day for day, _d in dated], [d for _day, d in dated]
        # Open without a next deadline: rolling ("laufend"), one may apply on any day.
        self.any_day = self.statuses.get(Status.OPEN.value, BitMap()) - BitMap(self.deadline_ids)
        self.everything = union(self.kinds.values())
        # What each status filter value finds ("open" includes closing soon).
        self.status_filters = {s.value: self.status([s.value]) for s in Status}
        self.amounts = _Amounts(documents)
        self.orders = {name: sorted(by_id, key=by_id.__getitem__) for name, by_id in keys.items()}
        self.positions = {name: {d: i for i, d in enumerate(order)} for name, order in self.orders.items()}

    def kind(self, codes):
        return union(self.kinds.get(code, BitMap()) for code in codes)

    def status(self, codes):
        admitted = {c for code in codes for c in statuses_admitted(code)}
        return union(self.statuses.get(code, BitMap()) for code in admitted)

    @cached_property
    def programme_documents(self):
        """{programme id: its document id}, made when a caller first asks."""
        return {row.entry: d for d, row in self.rows.items() if row.kind == Kind.PROGRAMME}

    @cached_property
    def programme_deadlines(self):
        """[(next deadline, place in A–Z, programme id, document id), …] of
        the programmes with a next deadline, in that order; made when a
        calendar first asks, not with every copy of the index."""
        title = self.positions["title"]
        return sorted(
            (row.next_deadline, title[d], row.entry, d)
            for d, row in self.rows.items()
            if row.next_deadline and row.kind == Kind.PROGRAMME
        )

    def deadlines_between(self, first, last):
        """Documents whose next deadline lies in [first, last] (a missing end
        is open), and those one may apply to on any day."""
        start = bisect_left(self.deadline_days, first.isoformat()) if first else 0
        end = bisect_right(self.deadline_days, last.isoformat()) if last else len(self.deadline_days)
        return BitMap(self.deadline_ids[start:end]) | self.any_day

    def tagged(self, group, codes):
        values = self.tags.get(group, {})
        return union(values.get(code, BitMap()) for code in codes)

    @property
    def expired(self):
        return self.statuses.get(Status.EXPIRED.value, BitMap())

    def ranked(self, documents, sort, offset, limit, scores=None, ranked=None):
        """Document ids of `documents` at [offset, offset + limit) in the
        order `sort`; "relevance" orders by `scores` ({id: score}, 0 for an
        id without one), then title. When the ids in `ranked` (those with a
        score) fill the page without expired ones, only they are sorted."""
        wanted = offset + limit
        if sort == "relevance":
            expired, title = self.expired, self.positions["title"]
            first = documents & ranked if ranked is not None else documents
            pool = first if len(first - expired) >= wanted else documents
            top = heapq.nsmallest(wanted, pool, key=lambda d: (d in expired, -scores.get(d, 0.0), title[d]))
        elif len(documents) * 8 < len(self.everything):
            top = heapq.nsmallest(wanted, documents, key=self.positions[sort].__getitem__)
        else:  # most documents: walk the order until the page is full
            top = list(islice((d for d in self.orders[sort] if d in documents), wanted))
        return top[offset:]


class Programmes(Set):
    """The ids of programmes a search found, as a set read from the index
    `snapshot`'s document ids: asking whether an id is in it, or how many
    there are, does not make a set of 100,000 ids first."""

    def __init__(self, snapshot, documents):
        self.snapshot, self.documents = snapshot, documents

    def __contains__(self, programme_id):
        # An id the index did not hold (published since it was read) is not in it.
        document = self.snapshot.programme_documents.get(programme_id)
        return document is not None and document in self.documents

    def __len__(self):
        return len(self.documents)

    def __iter__(self):
        rows = self.snapshot.rows
        return (rows[d].entry for d in self.documents)

    def possible(self):
        """The programmes it may hold, without testing anything more."""
        return self

    def among(self, programme_ids):
        """Those of `programme_ids` it holds, in their order."""
        return [p for p in programme_ids if p in self]

    def by_next_deadline(self):
        """(next deadline "YYYY-MM-DD", place in A–Z, programme id) of those
        with a deadline on or after the index's day, in that order, lazily:
        a calendar reads the deadlines of only as many as it shows."""
        documents = self.documents
        return (row[:3] for row in self.snapshot.programme_deadlines if row[3] in documents)


class ProgrammesWithText(Programmes):
    """The programmes a search with words finds, where the words are tested
    only for the programmes a feed reads (`among`, `by_next_deadline`), as
    long as that stays cheaper than reading every match
    (`search.fulltext.matching_among`): the Atom feed of the 50 newest for
    a common word tests a few hundred vectors.

    `candidates`: the documents passing the search's other filters; `test`
    gives those of some documents that match the words; `resolve` finds
    every match as a search does, its spelling fallbacks included. A test
    that finds nothing yet resolves at once: the words may find nothing at
    all, and then the search tries its fallbacks."""

    # Every match is read once fewer than one programme asked about in
    # RARE holds the words, or once more than ASKED_AT_MOST were asked
    # about: a feed then reads fewer rows by id than by walking.
    RARE = 30
    ASKED_AT_MOST = 1500
    # Programmes with a deadline tested at a time, at first.
    DEADLINE_STEP = 250

    def __init__(self, snapshot, candidates, test, resolve):
        self.snapshot, self.candidates = snapshot, candidates
        self._test, self._resolve = test, resolve
        self._asked, self._found = 0, 0

    @cached_property
    def documents(self):
        return self._resolve()

    @property
    def _resolved(self):
        return "documents" in self.__dict__

    def possible(self):
        return self if self._resolved else Programmes(self.snapshot, self.candidates)

    def _matching(self, documents, asked):
        """Those of `documents` (for `asked` programmes) that match the
        words, or more: every match, once testing no longer pays."""
        if not self._resolved:
            self._asked += asked
            tested = documents & self.candidates
            if self._asked <= self.ASKED_AT_MOST:
                matched = self._test(tested) if tested else BitMap()
                self._found += len(matched)
                if not tested or self._found * self.RARE >= self._asked:
                    return matched
        return self.documents

    def among(self, programme_ids):
        wanted = self.snapshot.programme_documents
        matched = self._matching(BitMap(wanted[p] for p in programme_ids if p in wanted), len(programme_ids))
        return [p for p in programme_ids if wanted.get(p) in matched]

    def by_next_deadline(self):
        candidates = self.candidates
        rows = (row for row in self.snapshot.programme_deadlines if row[3] in candidates)
        size = self.DEADLINE_STEP
        while chunk := list(islice(rows, size)):
            matched = self._matching(BitMap(row[3] for row in chunk), len(chunk))
            yield from (row[:3] for row in chunk if row[3] in matched)
            size *= 2


def _deadline_group(kind, code, deadline):
    """0 dated, 1 rolling and other undated, 2 deadline unknown, 3 institutions."""
    if kind == Kind.INSTITUTION:
        return 3
    if deadline:
        return 0
    return 2 if code == Status.UNKNOWN.value else 1


def _sort_keys(kind, entry, code, deadline, created, title, low, high):
    """The orders of `search.results`: expired programmes last in each;
    deadline — dated, then rolling and other undated programmes, then those
    whose deadline is unknown, then institutions; amount — the largest sum
    (the maximum, else the minimum) first, programmes without one after;
    programmes before institutions at equal keys."""
    expired = code == Status.EXPIRED.value
    programme_first = 0 if kind == Kind.PROGRAMME else 1
    group = _deadline_group(kind, code, deadline)
    newest = -created.timestamp() if isinstance(created, datetime) else float("inf")
    size = high if high is not None else low
    by_size = 2 if kind == Kind.INSTITUTION else (0 if size is not None else 1)
    return {
        "amount": (expired, by_size, -(size or 0), title, programme_first, entry),
        "deadline": (expired, group, deadline or "", title, programme_first, entry),
        "newest": (expired, newest, programme_first, -entry),
        "title": (expired, title, programme_first, entry),
    }


class _Amounts:
    """Programmes by the bounds of their amount, for range filters."""

    def __init__(self, documents):
        lows, highs = [], []
        self.without_min, self.without_max = BitMap(), BitMap()
        for doc_id, kind, *_rest, low, high in documents:
            if kind != Kind.PROGRAMME:
                continue
            if low is None:
                self.without_min.add(doc_id)
            else:
                lows.append((low, doc_id))
            if high is None:
                self.without_max.add(doc_id)
            else:
                highs.append((high, doc_id))
        lows.sort()
        highs.sort()
        # Programmes stating no amount at all: after the others when a sum is asked for.
        self.unknown = self.without_min & self.without_max
        self.lows, self.low_ids = [v for v, _d in lows], [d for _v, d in lows]
        self.highs, self.high_ids = [v for v, _d in highs], [d for _v, d in highs]

    def reaching(self, low, high):
        """Programmes whose range [min, max] overlaps [low, high]; a missing
        bound is open on either side."""
        result = None
        if low is not None:  # max >= low
            start = bisect_left(self.highs, low)
            result = BitMap(self.high_ids[start:]) | self.without_max
        if high is not None:  # min <= high
            end = bisect_right(self.lows, high)
            below = BitMap(self.low_ids[:end]) | self.without_min
            result = below if result is None else result & below
        return result


# ---------- reading it ----------

_DOCUMENT_COLUMNS = (
    "id",
    "kind",
    "entry",
    "status_code",
    "next_deadline",
    "revision",
    "created_at",
    "sort_title",
    "amount_min_eur",
    "amount_max_eur",
)


def _documents(on):
    """The document rows with the statuses of the day `on`. The stored ones
    are those of the day `status_on` (the scheduled `manage.py
    refresh_search_statuses` keeps it today's); any other day's are computed
    here, read-only, so that a search never writes (issue 14)."""
    entry = Coalesce(F("programme_id"), F("institution_id"))
    rows = (
        SearchDocument.objects.order_by().annotate(entry=entry).values_list(*_DOCUMENT_COLUMNS, "status_on")
    )
    rows = list(rows)
    fresh = {}
    if any(row[1] == Kind.PROGRAMME and row[-1] != on for row in rows):
        stale = SearchDocument.objects.filter(kind=Kind.PROGRAMME).exclude(status_on=on)
        fresh = statuses(stale.values("programme_id"), on)
    return [
        _with_status(row[:-1], fresh[row[2]]) if row[1] == Kind.PROGRAMME and row[2] in fresh else row[:-1]
        for row in rows
    ]


def _with_status(row, status):
    doc_id, kind, entry, _code, _deadline, *rest = row
    return (doc_id, kind, entry, *status, *rest)


def _tags():
    """{group: {code: BitMap of document ids}}, one row per value; read
    where the ORM reads the documents (`search.reading`), so that a copy is
    built from one database."""
    database = reading.database()
    ids = "array_agg(document_id)" if database.vendor == "postgresql" else "group_concat(document_id)"
    sql = f'SELECT "group", code, {ids} FROM {DocumentTag._meta.db_table} GROUP BY "group", code'
    tags = {}
    with database.cursor() as cursor:
        cursor.execute(sql)
        for group, code, members in cursor.fetchall():
            members = members if isinstance(members, list) else map(int, members.split(","))
            tags.setdefault(group, {})[code] = BitMap(members)
    return tags


_TOKEN_SQL = f"SELECT token FROM {_VERSION} WHERE id = 1"


def token():
    """The index version as the database has it now (None without its row).
    Read on every search and page that uses the index: one plain statement,
    not an ORM query (building that cost ten times more than running it)."""
    with reading.database().cursor() as cursor:
        cursor.execute(_TOKEN_SQL)
        row = cursor.fetchone()
    return row[0] if row else None


_kept = {}  # {connection alias: ((token, day), Snapshot)}


def kept_size(version):
    """How many documents the kept snapshot of index version `version`
    holds; None when none of that version is kept."""
    kept_key, kept = _kept.get(connection.alias, (None, None))
    if kept is None or kept_key[0] != version:
        return None
    return len(kept.everything)


def current(on, version=None):
    """The snapshot of the index as the database has it now, with the
    statuses of the day `on`; kept per process until the index version or
    the day changes. Reads only: every write gives the index a new version.
    `version` is a `token()` the caller has just read (a page reads it once)."""
    alias = connection.alias
    version = version or token()  # first: a change after this read only makes the copy newer
    kept_key, kept = _kept.get(alias, (None, None))
    if version is not None and kept_key == (version, on):
        return kept
    snapshot = Snapshot(_documents(on), _tags())
    if version is not None:
        snapshot.version = version
        _kept[alias] = ((version, on), snapshot)
    return snapshot
