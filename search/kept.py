"""What pages make of one entry — a result card, an API item, a list of
similar programmes — kept per process until the index changes.

Distinct searches show the same entries again and again (a catalogue has a
few thousand, a page shows 20), and what a page makes of an entry does not
depend on the query. Every change of an entry, of a funder it names or of
the vocabulary values it has gives the index a new version
(`search.snapshot`), so a copy made under one index version, day (statuses,
"in 3 Tagen") and language stays right until one of them changes. A value
renamed in the vocabulary admin changes no entry: kept copies show the new
label after SECONDS at the latest. Without a version to trust (a flushed
test database) nothing is kept.
"""

from django.core.cache import caches
from django.utils.translation import get_language

SECONDS = 3600


def per_entry(kind, items, key, make, *, version, on):
    """The value of every item of `items`, in order: the kept ones from the
    `entries` cache, the others from `make(missing items)` (their values, in
    the same order; None for one that has nothing to show, which is not
    kept), which are then kept. `key(item)` names the item's entry within
    `kind`, e.g. "programme:42"."""
    cache = caches["entries"]
    prefix = f"{kind}:{version}:{on.isoformat()}:{get_language()}:"
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
