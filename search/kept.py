"""What pages make of one entry — a result card, an API item, a list of
similar programmes — kept per process as long as it stays right.

Distinct searches show the same entries again and again (a catalogue has a
few thousand, a page shows 20), and what a page makes of an entry does not
depend on the query. A programme's document is written anew, with a new
revision, whenever anything its card or item shows changes: its own
fields, deadlines, funders (their names are its text), vocabulary values
(search.signals). So a copy made from one revision, on one day (statuses,
"in 3 Tagen"), in one language stays right, and a write makes only the
entries it changed new. A funder's card and item list its programmes,
which change without it: those are kept per index version, as is anything
that follows from the whole index. A value renamed in the vocabulary admin
changes no entry: kept copies show the new label after SECONDS at the
latest. Without an index version to trust (a flushed test database)
nothing is kept.
"""

from django.core.cache import caches
from django.utils.translation import get_language

from .models import Kind, SearchDocument

SECONDS = 3600


def hit_key(hit, version):
    """The name of what a page makes of the entry of `hit` (search.results.Hit)."""
    if hit.type == Kind.PROGRAMME:
        return _programme_name(hit.revision)
    return f"{hit.type}:{hit.object.pk}:{version}"


def _programme_name(revision):
    return f"programme:{revision}"


def document_revision(document_id, revision):
    """What a hit carries as its revision (search.results.Hit): the document
    id with its random revision, which alone could repeat between documents
    written before migration 0007."""
    return f"{document_id}.{revision}"


def programme_key(slug):
    """`hit_key`'s name for the published programme `slug`, read from its
    document; None for a programme without one (not published)."""
    row = SearchDocument.objects.filter(programme__slug=slug).values_list("id", "revision").first()
    return _programme_name(document_revision(*row)) if row else None


def per_entry(kind, items, key, make, *, version, on):
    """The value of every item of `items`, in order: the kept ones from the
    `entries` cache, the others from `make(missing items)` (their values, in
    the same order; None for one that has nothing to show, which is not
    kept), which are then kept. `key(item)` names the item's entry within
    `kind` as long as the value stays right: `hit_key`, or a key with
    `version` in it."""
    cache = caches["entries"]
    prefix = f"{kind}:{on.isoformat()}:{get_language()}:"
    keys = [prefix + key(item) if version else None for item in items]
    found = cache.get_many([k for k in keys if k]) if version else {}
    missing = [place for place, k in enumerate(keys) if k not in found]
    values = [found.get(k) for k in keys]
    fresh = {}
    made = make([items[place] for place in missing]) if missing else []
    for place, value in zip(missing, made, strict=True):
        values[place] = value
        if keys[place] and value is not None:
            fresh[keys[place]] = value
    if fresh:
        cache.set_many(fresh, SECONDS)
    return values
