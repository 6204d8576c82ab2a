"""Export institutions and programmes as a `foerderatlas/1` document.

Deterministic, so that export → import → export is byte-identical and a
backup diffs cleanly: entries sorted by id, vocabulary codes in vocabulary
order, deadline dates sorted, institution links in their stored order, keys
in the schema's order, and an optional field is left out whenever it is empty
(None, "", [] or an object with nothing in it); `false` is a value and kept.
"""

import dataclasses
import json

from django.db import connections
from django.db.models import QuerySet, prefetch_related_objects
from django.db.models.functions import Collate

from catalogue import translations
from catalogue.models import Institution, Programme

from .fields import (
    BOOLEAN,
    CODE,
    DATE,
    FORMAT,
    INSTITUTION,
    INSTITUTION_FIELDS,
    INSTITUTION_VOCABULARIES,
    NUMBER,
    PROGRAMME,
    PROGRAMME_FIELDS,
    PROGRAMME_VOCABULARIES,
    entry_properties,
)

INSTITUTION_PREFETCH = [field for field, _model in INSTITUTION_VOCABULARIES.values()]
PROGRAMME_PREFETCH = [
    "deadlines",
    "institution_links__institution",
    *(field for field, _model in PROGRAMME_VOCABULARIES.values()),
]


def number(value):
    """Decimal("35000.00") → 35000, Decimal("12.50") → 12.5."""
    return int(value) if value == value.to_integral_value() else float(value)


def _scalar(instance, field, kind):
    if kind == CODE:
        return getattr(instance, f"{field}_id")
    value = getattr(instance, field)
    if value is None or kind == BOOLEAN:
        return value
    if kind == NUMBER:
        return number(value)
    if kind == DATE:
        return value.isoformat()
    return value


def _flat(instance, fields, vocabularies, lists=None):
    """Every value of an entry by dotted JSON path; `lists` (field → codes in
    vocabulary order) stands in for the stored vocabulary lists."""
    flat = {"id": instance.slug, "sources": list(instance.sources)}
    for language, parts in translations.cleaned(instance.translations).items():
        flat |= {f"translations.{language}.{part}": text for part, text in parts.items()}
    for path, field, kind in fields:
        flat[path] = _scalar(instance, field, kind)
    for path, (field, _model) in vocabularies.items():
        # Prefetched in the vocabulary's own order (Meta.ordering = position).
        codes = [value.code for value in getattr(instance, field).all()] if lists is None else lists[field]
        flat[path] = codes
    return flat


def _is_empty(value):
    return value is None or value == "" or value == [] or value == {}


def _nest(flat, properties, prefix=""):
    """Build the nested entry from dotted paths, keys in the schema's order."""
    entry = {}
    for key, schema in properties.items():
        path = f"{prefix}{key}"
        value = _nest(flat, schema["properties"], f"{path}.") if "properties" in schema else flat.get(path)
        if not _is_empty(value):
            entry[key] = value
    return entry


def institution_entry(institution, relations=None):
    """One institution (vocabularies prefetched, or given as `relations`) as
    an interchange entry."""
    lists = None if relations is None else relations.lists
    flat = _flat(institution, INSTITUTION_FIELDS, INSTITUTION_VOCABULARIES, lists)
    return _nest(flat, entry_properties(INSTITUTION))


def _link(link):
    return {"title": link["title"], "url": link["url"]} if link.get("title") else {"url": link["url"]}


@dataclasses.dataclass
class Relations:
    """What an entry's export reads beyond its own row: vocabulary codes per
    list field (in vocabulary order), deadlines as (date, yearly) and
    institution links as (institution id, role), in their order."""

    lists: dict
    deadlines: list = dataclasses.field(default_factory=list)
    institutions: list = dataclasses.field(default_factory=list)


def stored_relations(programme):
    """A programme's Relations as stored (see PROGRAMME_PREFETCH)."""
    return Relations(
        {
            name: [value.code for value in getattr(programme, name).all()]
            for name, _m in PROGRAMME_VOCABULARIES.values()
        },
        [(d.date, d.yearly) for d in programme.deadlines.all()],
        [(link.institution.slug, link.role) for link in programme.institution_links.all()],
    )


def programme_entry(programme, relations=None):
    """One programme (see PROGRAMME_PREFETCH, or its `relations` given, as an
    importer knows them before writing) as an interchange entry."""
    relations = stored_relations(programme) if relations is None else relations
    flat = _flat(programme, PROGRAMME_FIELDS, PROGRAMME_VOCABULARIES, relations.lists)
    flat["deadlines.dates"] = sorted(day.isoformat() for day, _yearly in relations.deadlines if day)
    flat["deadlines.yearly"] = sorted(yearly for _day, yearly in relations.deadlines if yearly)
    flat["institutions"] = [{"id": slug, "role": role} for slug, role in relations.institutions]
    flat["links"] = [_link(link) for link in programme.links]
    return _nest(flat, entry_properties(PROGRAMME))


def _prefetched(entries, lookups):
    """Entries (a QuerySet or any iterable of instances) with `lookups`
    prefetched, sorted by id in Python so every database sorts alike."""
    if isinstance(entries, QuerySet):
        entries = list(_chunked(entries, lookups))
    else:
        entries = list(entries)
        for start in range(0, len(entries), CHUNK):  # skips what is already prefetched
            prefetch_related_objects(entries[start : start + CHUNK], *lookups)
    return sorted(entries, key=lambda entry: entry.slug)


def export_document(institutions, programmes):
    """The `foerderatlas/1` document of the given entries; see the module docstring."""
    return {
        "format": FORMAT,
        "institutions": [institution_entry(i) for i in _prefetched(institutions, INSTITUTION_PREFETCH)],
        "programmes": [programme_entry(p) for p in _prefetched(programmes, PROGRAMME_PREFETCH)],
    }


# Entries fetched (and their relations prefetched) per query: SQLite refuses
# an IN list of tens of thousands ("Expression tree is too large"), and a
# chunk keeps memory flat however large the catalogue.
CHUNK = 500


def _chunked(queryset, lookups):
    """Every entry of `queryset` in id order (byte order on every database,
    as Python sorts), CHUNK at a time, prefetched."""
    byte_order = "C" if connections[queryset.db].vendor == "postgresql" else "BINARY"
    ordered = queryset.order_by(Collate("slug", byte_order))
    return ordered.prefetch_related(*lookups).iterator(chunk_size=CHUNK)


def _indented(entry):
    return "\n".join("  " + line for line in json.dumps(entry, ensure_ascii=False, indent=1).splitlines())


def _stream_list(name, entries, build, last):
    yield f' "{name}": ['
    first = True
    for entry in entries:
        yield ("\n" if first else ",\n") + _indented(build(entry))
        first = False
    yield "]" if first else "\n ]"
    yield "\n" if last else ",\n"


def stream_document(institutions, programmes):
    """The file form of `export_document` for two QuerySets, piece by piece:
    the same text as `dumps(export_document(...))`, in constant memory."""
    yield f'{{\n "format": {json.dumps(FORMAT)},\n'
    yield from _stream_list(
        "institutions", _chunked(institutions, INSTITUTION_PREFETCH), institution_entry, last=False
    )
    yield from _stream_list(
        "programmes", _chunked(programmes, PROGRAMME_PREFETCH), programme_entry, last=True
    )
    yield "}\n"


def export_entry(kind, slug):
    """The interchange entry of one stored institution or programme, or None."""
    model, lookups, build = {
        INSTITUTION: (Institution, INSTITUTION_PREFETCH, institution_entry),
        PROGRAMME: (Programme, PROGRAMME_PREFETCH, programme_entry),
    }[kind]
    instance = model.objects.filter(slug=slug).prefetch_related(*lookups).first()
    return None if instance is None else build(instance)


def dumps(document):
    """The file form of a document: UTF-8 text, one-space indent, final newline."""
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"
