"""A table updates only the columns it has (issue 15, reproduction 6).

A CSV with `type;id;title` for an existing entry used to clear its
description, amount, deadlines, regions, links and funders: the importer
reads a missing field as "empty". Here each row naming a stored entry starts
from that entry as stored (its interchange form) and takes over the
columns the table has; a column that is there with an empty cell clears
its field, a column that is not there leaves it as it is.
"""

import copy

from . import columns as c

DEADLINE_KIND = "deadlines.kind"


def keep_absent_columns(document, present, stored):
    """Merge every entry of `document` that `stored` holds ({(kind, id):
    entry}) with its stored form; `present` are the table's column names."""
    for kind in (c.INSTITUTION, c.PROGRAMME):
        entries = document[f"{kind}s"]
        for index, entry in enumerate(entries):
            before = stored.get((kind, entry.get("id")))
            if before is not None:
                entries[index] = _merged(kind, entry, before, present)


def _merged(kind, entry, before, present):
    merged = copy.deepcopy(before)
    names = [name for name in present if name not in ("type", "id") and kind in c.BY_NAME[name].kinds]
    if _get(entry, DEADLINE_KIND) is not None and DEADLINE_KIND not in names:
        names.append(DEADLINE_KIND)  # given dates without a kind mean fixed dates (reading.py)
    for name in names:
        value = _get(entry, name)
        if value is None:
            _remove(merged, name)
        else:
            _put(merged, name, value)
    return merged


def _get(entry, path):
    for key in path.split("."):
        entry = entry.get(key) if isinstance(entry, dict) else None
    return entry


def _put(entry, path, value):
    *parents, key = path.split(".")
    for part in parents:
        entry = entry.setdefault(part, {})
    entry[key] = value


def _remove(entry, path):
    *parents, key = path.split(".")
    for part in parents:
        entry = entry.get(part)
        if not isinstance(entry, dict):
            return
    entry.pop(key, None)
