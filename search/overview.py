"""The catalogue at a glance, for the start page: how many programmes (and
how many open), how many funders, programmes per Integrationsbereich, and
the first programmes in two orders — all from the in-memory index
(`search.snapshot`), so a start page costs the same whatever the size of
the catalogue (issue 14: every page costs what it shows)."""

from dataclasses import dataclass

from catalogue.status import Status

from . import snapshot
from .models import Kind


@dataclass
class Glance:
    figures: dict  # {"programmes": 41, "open": 27, "institutions": 13}
    areas: dict  # {Integrationsbereich code: programmes}; codes without any missing
    closing_soon: list  # programme ids, soonest deadline first
    newest: list  # programme ids, added last first (expired ones after the others)


def glance(on, limit):
    """Published entries only; "open" as the search's status filter "open"
    (closing soon included); lists of at most `limit` in the search's orders."""
    index = snapshot.current(on)
    programmes = index.kind([Kind.PROGRAMME.value])

    def first(documents, sort):
        return [index.rows[d].entry for d in index.ranked(documents, sort, 0, limit)]

    return Glance(
        figures={
            "programmes": len(programmes),
            "open": programmes.intersection_cardinality(index.status([Status.OPEN.value])),
            "institutions": len(index.kind([Kind.INSTITUTION.value])),
        },
        areas={
            code: programmes.intersection_cardinality(ids)
            for code, ids in index.tags.get("integration_area", {}).items()
        },
        closing_soon=first(programmes & index.status([Status.CLOSING_SOON.value]), "deadline"),
        newest=first(programmes, "newest"),
    )
