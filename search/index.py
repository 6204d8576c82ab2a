"""Keeping the search index in step with the catalogue (ADR 0006).

`reindex(entry)` notes a programme or institution as changed for the
current transaction (`catalogue.commits.defer`); just before the
transaction commits, every noted entry is indexed once, in batches
(`index_entries`): its SearchDocument, SearchText and tags written or
removed, the word counts (`Term`) changed by the difference. So the index
commits or rolls back with the catalogue change, a killed import leaves
both as they were, and an import indexes in bulk. Signals note every
write through the ORM (search/signals.py). `rebuild_index()` rebuilds
everything (`manage.py rebuild_search_index`); `manage.py
check_search_index` compares the index with a fresh build.

Statuses depend on the day: a document holds those of the day
`status_on`; `refresh_statuses(on)` (the scheduled `manage.py
refresh_search_statuses`) brings them to another day. Searches never
write: they compute other days' statuses themselves (`search.snapshot`).
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery

from catalogue import commits
from catalogue.models import Institution, Programme, Workflow
from catalogue.queries import with_status
from catalogue.status import today

from . import documents
from .models import DocumentTag, Kind, SearchDocument, SearchText, Term

BATCH = 500
MAX_TERM_LENGTH = 60
# PostgreSQL: writers of the index take turns (a transaction-level advisory
# lock, held until commit), so that term counts changed by two transactions
# in different orders never deadlock. SQLite has one writer at a time anyway.
_INDEX_LOCK = 1_402_026


# ---------- the vocabulary of indexed words ----------


def change_terms(deltas, spellings=None):
    """Add each stem's delta to its document count in one statement per
    batch, never read-then-write, so concurrent writers keep counts right;
    stems counted in no document any more are removed."""
    spellings = spellings or {}
    deltas = {s: n for s, n in deltas.items() if n and len(s) <= MAX_TERM_LENGTH}
    if not deltas:
        return
    table = Term._meta.db_table
    grouped = sorted(deltas.items())  # one order for every writer
    added = [(s, spellings.get(s, s)[:100], n) for s, n in grouped if n > 0]
    with connection.cursor() as cursor:
        for start in range(0, len(added), BATCH):
            rows = added[start : start + BATCH]
            cursor.execute(
                f"INSERT INTO {table} (stem, display, documents) VALUES "
                + ", ".join(["(%s, %s, %s)"] * len(rows))
                + f" ON CONFLICT (stem) DO UPDATE SET documents = {table}.documents + excluded.documents",
                [value for row in rows for value in row],
            )
        by_amount = {}
        for stem, n in grouped:
            if n < 0:
                by_amount.setdefault(-n, []).append(stem)
        for amount, stems in sorted(by_amount.items()):
            for start in range(0, len(stems), BATCH):
                chunk = stems[start : start + BATCH]
                cursor.execute(
                    f"UPDATE {table} SET documents = CASE WHEN documents > %s THEN documents - %s ELSE 0 END "
                    f"WHERE stem IN ({', '.join(['%s'] * len(chunk))})",
                    [amount, amount, *chunk],
                )
    Term.objects.filter(documents=0).delete()


# ---------- entries ----------


def reindex(entry):
    """Index `entry` (a programme or institution, only its pk is read) as it
    will be when the current transaction commits; at once outside one."""
    commits.defer(index_entries, (entry._meta.model_name, entry.pk))


def index_entries(items):
    """Index the entries [(model name, pk), …] as they are now in the
    database, once each: published ones get a document, all others lose
    theirs. A funder's name is text of its programmes, so they follow it."""
    pks = {"programme": set(), "institution": set()}
    for name, pk in items:
        pks[name].add(pk)
    if pks["institution"]:
        linked = Programme.objects.filter(institution_links__institution__in=pks["institution"])
        pks["programme"] |= set(linked.values_list("pk", flat=True))
    _lock()
    for model in (Institution, Programme):
        ordered = sorted(pks[model._meta.model_name])
        for start in range(0, len(ordered), BATCH):
            _index_batch(model, ordered[start : start + BATCH])


def _lock():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_INDEX_LOCK])


def _index_batch(model, pks):
    """Rewrite the documents of `pks` (one model) with a few bulk statements:
    the old documents go (their texts and tags cascade), new ones are
    inserted, word counts change by the difference. Replacing is cheaper
    than `bulk_update`, whose CASE expressions cost more than the rows."""
    field, on, parents = model._meta.model_name, today(), documents.region_parents()
    loaded = documents.with_text(model).filter(state=Workflow.PUBLISHED).in_bulk(pks)
    old = SearchText.objects.filter(**{f"document__{field}__in": pks}).values_list("title", "goals", "body")
    deltas, spellings = Counter(), {}
    for words in old:
        deltas.subtract(set(" ".join(words).split()))
    SearchDocument.objects.filter(**{f"{field}__in": pks}).delete()
    docs, texts, tag_rows = [], [], []
    for entry in loaded.values():
        docs.append(SearchDocument(**{field: entry}, **documents.fields(entry, on)))
        texts.append(SearchText(**documents.analysed(entry, spellings)))
        tag_rows.append(documents.tags(entry, parents))
        deltas.update(texts[-1].stems())
    SearchDocument.objects.bulk_create(docs)
    for document, text in zip(docs, texts, strict=True):
        text.document = document
    SearchText.objects.bulk_create(texts)
    DocumentTag.objects.bulk_create(
        [
            DocumentTag(document=d, group=g, code=c)
            for d, rows in zip(docs, tag_rows, strict=True)
            for g, c in rows
        ]
    )
    change_terms(deltas, spellings)


def forget_document(document):
    """A document is going away with its entry: its words count one document less."""
    text = SearchText.objects.filter(document=document).first()
    if text:
        _lock()
        change_terms(Counter(dict.fromkeys(text.stems(), -1)))


def bulk_indexing():
    """A block whose writes are indexed once, at its end, before it commits:
    a transaction (indexing always waits for the end of the transaction)."""
    return transaction.atomic()


# ---------- statuses ----------


def _stale(on):
    return Q(kind=Kind.PROGRAMME) & (Q(status_on__lt=on) | Q(status_on__gt=on) | Q(status_on__isnull=True))


def refresh_statuses(on):
    """Recompute status and next deadline of every programme document not
    computed for `on`; one look-up when all are current. Run daily by
    `manage.py refresh_search_statuses`, never by a search: searches compute
    another day's statuses without writing (`search.snapshot`)."""
    stale = SearchDocument.objects.filter(_stale(on))
    if not stale.exists():
        return 0
    current = with_status(Programme.objects.filter(pk=OuterRef("programme_id")), on)
    return stale.update(
        status_code=Subquery(current.values("status_code")[:1]),
        next_deadline=Subquery(current.values("next_deadline")[:1]),
        status_on=on,
    )


# ---------- everything ----------


def _clear():
    # Children first, so that each delete is one statement, not a collection.
    for model in (DocumentTag, SearchText, SearchDocument, Term):
        model.objects.all().delete()


def _published_entries():
    for model in (Programme, Institution):
        queryset = documents.with_text(model).filter(state=Workflow.PUBLISHED).order_by("pk")
        yield from queryset.iterator(chunk_size=BATCH)


def rebuild_index():
    """Rebuild every document, text, tag and word from the catalogue;
    returns the number of documents. One transaction: searches see the old
    index until it is done."""
    on, parents, counts, spellings = today(), documents.region_parents(), Counter(), {}
    docs, texts, tag_rows = [], [], []
    for entry in _published_entries():
        docs.append(SearchDocument(**{entry._meta.model_name: entry}, **documents.fields(entry, on)))
        texts.append(SearchText(**documents.analysed(entry, spellings)))
        tag_rows.append(documents.tags(entry, parents))
        counts.update(texts[-1].stems())
    with transaction.atomic():
        _lock()
        _clear()
        SearchDocument.objects.bulk_create(docs, batch_size=BATCH)
        for document, text in zip(docs, texts, strict=True):
            text.document = document
        SearchText.objects.bulk_create(texts, batch_size=BATCH)
        tags = [
            DocumentTag(document=d, group=g, code=c)
            for d, rows in zip(docs, tag_rows, strict=True)
            for g, c in rows
        ]
        DocumentTag.objects.bulk_create(tags, batch_size=BATCH * 4)
        terms = [Term(stem=s, display=spellings.get(s, s)[:100], documents=n) for s, n in counts.items()]
        Term.objects.bulk_create([t for t in terms if len(t.stem) <= MAX_TERM_LENGTH], batch_size=BATCH)
    return len(docs)
