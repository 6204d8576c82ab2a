"""Keeping the search index in step with the catalogue.

`reindex(entry)` writes (or removes) the SearchDocument of one programme or
institution, with its tags, and updates the word vocabulary (`Term`);
signals call it on every save (search/signals.py). `rebuild_index()`
rebuilds everything (`manage.py rebuild_search_index`). Bulk writers (the
importer, through `catalogue.services.bulk_writes`) get `bulk_indexing()`:
the signals then only note what changed, and the touched entries are
indexed once, in batches, at the end.

Statuses depend on the day: `refresh_statuses(on)` recomputes those of
every document not computed for `on`, with `catalogue.queries.with_status`;
the search calls it first, so the first search of a day pays for it.
"""

from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from django.db.models import F, OuterRef, Q, Subquery

from catalogue.models import Institution, Programme, Workflow
from catalogue.queries import with_status
from catalogue.status import today

from . import documents
from .models import DocumentTag, Kind, SearchDocument, SearchText, Term

BATCH = 500
# A bulk write touching more entries than this rebuilds the whole index (faster).
REBUILD_ABOVE = 2000
MAX_TERM_LENGTH = 60
_pending = ContextVar("search_index_pending", default=None)


def _document_of(entry):
    field = "programme" if isinstance(entry, Programme) else "institution"
    return SearchDocument.objects.filter(**{field: entry.pk}).first()


# ---------- the vocabulary of indexed words ----------


def _add_terms(stems, spellings):
    stems = {s for s in stems if len(s) <= MAX_TERM_LENGTH}
    existing = set(Term.objects.filter(stem__in=stems).values_list("stem", flat=True))
    Term.objects.filter(stem__in=existing).update(documents=F("documents") + 1)
    new = [Term(stem=s, display=spellings.get(s, s)[:100], documents=1) for s in stems - existing]
    Term.objects.bulk_create(new, ignore_conflicts=True)


def _remove_terms(stems):
    Term.objects.filter(stem__in=stems).update(documents=F("documents") - 1)
    Term.objects.filter(stem__in=stems, documents__lte=0).delete()


def forget_document(document):
    """A document is going away: its words count one document less."""
    text = SearchText.objects.filter(document=document).first()
    if text:
        _remove_terms(text.stems())


# ---------- one entry ----------


def reindex(entry):
    """Index one programme or institution as it is now in the database:
    published entries get a document, all others lose theirs."""
    pending = _pending.get()
    if pending is not None:
        pending.add((type(entry), entry.pk))
        return
    _reindex_batch(type(entry), [entry.pk])


def _write(entry_type, pk, loaded, status, on, parents):
    document = (
        SearchDocument.objects.filter(**{entry_type._meta.model_name: pk}).select_related("text").first()
    )
    if loaded is None or loaded.state != Workflow.PUBLISHED:
        if document:
            forget_document(document)
            document.delete()
        return
    text = getattr(document, "text", None) if document else None
    old = text.stems() if text else set()
    document = document or SearchDocument(**{entry_type._meta.model_name: loaded})
    for name, value in documents.fields(loaded, status, on).items():
        setattr(document, name, value)
    document.save()
    text, spellings = text or SearchText(document=document), {}
    for name, value in documents.analysed(loaded, spellings).items():
        setattr(text, name, value)
    text.save()
    document.tags.all().delete()
    DocumentTag.objects.bulk_create(
        [DocumentTag(document=document, group=g, code=c) for g, c in documents.tags(loaded, parents)]
    )
    new = text.stems()
    _remove_terms(old - new)
    _add_terms(new - old, spellings)


def _reindex_batch(model, pks):
    on, parents = today(), documents.region_parents()
    for start in range(0, len(pks), BATCH):
        chunk = pks[start : start + BATCH]
        loaded = documents.with_text(model).in_bulk(chunk)
        status = documents.statuses(chunk, on) if model is Programme else {}
        for pk in chunk:
            with transaction.atomic():
                _write(model, pk, loaded.get(pk), status.get(pk), on, parents)


def reindex_programmes_of(institution):
    """An institution's name is part of its programmes' text."""
    pks = Programme.objects.filter(institution_links__institution=institution).values_list("pk", flat=True)
    for pk in sorted(set(pks)):
        reindex(Programme(pk=pk))


@contextmanager
def bulk_indexing():
    """Defer indexing while many entries change (an import): signals only
    note the entries, which are indexed once each when the block ends.
    Registered with `catalogue.services.register_bulk_hook`."""
    if _pending.get() is not None:
        yield
        return
    pending = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    if len(pending) > REBUILD_ABOVE:
        rebuild_index()
        return
    for model in (Programme, Institution):
        _reindex_batch(model, sorted(pk for kind, pk in pending if kind is model))


# ---------- statuses ----------


def _stale(on):
    return Q(kind=Kind.PROGRAMME) & (Q(status_on__lt=on) | Q(status_on__gt=on) | Q(status_on__isnull=True))


def refresh_statuses(on):
    """Recompute status and next deadline of every programme document not
    computed for `on`; one look-up when all are current. A search calls it
    once per day and index version (`search.snapshot.current`)."""
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
    status = documents.statuses(Programme.objects.filter(state=Workflow.PUBLISHED).values("pk"), on)
    docs, texts, tag_rows = [], [], []
    for entry in _published_entries():
        values = documents.fields(entry, status.get(entry.pk) if isinstance(entry, Programme) else None, on)
        docs.append(SearchDocument(**{entry._meta.model_name: entry}, **values))
        texts.append(SearchText(**documents.analysed(entry, spellings)))
        tag_rows.append(documents.tags(entry, parents))
        counts.update(texts[-1].stems())
    with transaction.atomic():
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
