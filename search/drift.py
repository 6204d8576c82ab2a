"""Whether the search index says what the catalogue says: `drift()` builds
the index afresh in memory (the same functions as `search.index`) and lists
every difference from the stored one. `manage.py check_search_index`.

Statuses are compared for the day each document holds them for
(`status_on`): a document of yesterday is not drift, searches compute
today's themselves (`search.snapshot`).
"""

from collections import Counter

from catalogue.models import Institution, Programme, Workflow

from . import documents
from .models import DocumentTag, SearchDocument, Term

COLUMNS = (
    "kind",
    "sort_title",
    "created_at",
    "status_code",
    "next_deadline",
    "amount_min_eur",
    "amount_max_eur",
)


def _stored():
    stored = {}
    for doc in SearchDocument.objects.select_related("text").order_by("pk"):
        key = ("programme", doc.programme_id) if doc.programme_id else ("institution", doc.institution_id)
        text = getattr(doc, "text", None)
        stored[key] = {
            "document": tuple(getattr(doc, c) for c in COLUMNS),
            "status_on": doc.status_on,
            "text": (text.title, text.goals, text.body) if text else None,
            "tags": set(),
            "id": doc.pk,
        }
    by_id = {value["id"]: value for value in stored.values()}
    for document_id, group, code in DocumentTag.objects.values_list("document_id", "group", "code"):
        by_id[document_id]["tags"].add((group, code))
    return stored


def drift(limit=50):
    """Up to `limit` differences between the stored index and a fresh one, as sentences."""
    stored, found, words = _stored(), [], Counter()
    parents = documents.region_parents()
    expected_keys = set()
    for model in (Programme, Institution):
        name = model._meta.model_name
        for entry in documents.with_text(model).filter(state=Workflow.PUBLISHED).iterator(chunk_size=500):
            key = (name, entry.pk)
            expected_keys.add(key)
            spellings = {}
            text = documents.analysed(entry, spellings)
            words.update(set(" ".join(text.values()).split()))
            have = stored.get(key)
            if have is None:
                found.append(f"{name} {entry.pk}: published, but not in the index")
                continue
            values = documents.fields(entry, have["status_on"])
            want = tuple(values.get(c) for c in COLUMNS)
            if have["document"] != want:
                found.append(f"{name} {entry.pk}: document {have['document']} != {want}")
            if have["text"] != (text["title"], text["goals"], text["body"]):
                found.append(f"{name} {entry.pk}: text differs")
            if have["tags"] != set(documents.tags(entry, parents)):
                found.append(
                    f"{name} {entry.pk}: tags {sorted(have['tags'])} != {documents.tags(entry, parents)}"
                )
    found += [
        f"{name} {pk}: in the index, but not published" for name, pk in sorted(set(stored) - expected_keys)
    ]
    counts = {stem: n for stem, n in words.items() if len(stem) <= 60}
    terms = dict(Term.objects.values_list("stem", "documents"))
    for stem in sorted(set(counts) | set(terms)):
        if counts.get(stem, 0) != terms.get(stem, 0):
            found.append(
                f"word {stem!r}: counted in {terms.get(stem, 0)} documents, found in {counts.get(stem, 0)}"
            )
    return found[:limit]
