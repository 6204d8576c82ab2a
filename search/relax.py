"""A search that finds nothing says which filter to drop, and how many
results each drop would give: "Ohne „Eigenanteil“: 4 Treffer".

Each count is one more bitmap intersection over the in-memory index
(`search.filters.documents` with one filter lifted), so asking costs
microseconds and no query.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import filters as search_filters
from .facets import GROUPS

# Filter name (search.filters.Filters.NAMES) → the URL parameters it is made of.
PARAMETERS = {
    **{name: (name,) for name in GROUPS},
    "amount": ("amount",),
    "amount_range": ("amount_min", "amount_max"),
    "deadline": ("deadline_from", "deadline_to"),
    "text": ("q",),
}
LABELS = {
    **GROUPS,
    "amount": _("Benötigter Betrag"),
    "amount_range": _("Fördersumme von … bis …"),
    "deadline": _("Nächste Frist"),
    "text": _("Suchbegriff"),
}


@dataclass
class Relaxation:
    name: str
    label: str
    count: int
    url: str


def relaxations(index, filters, matched, state):
    """For a search without results: every active filter whose removal
    would give results, with that number and the link, most results first."""
    found = []
    for name in filters.NAMES:
        if not filters.active(name):
            continue
        relaxed = filters.without(name)
        count = len(search_filters.documents(index, relaxed, matched if relaxed.text else None))
        if count:
            url = state.url(**dict.fromkeys(PARAMETERS[name]), page=None)
            found.append(Relaxation(name, str(LABELS[name]), count, url))
    return sorted(found, key=lambda r: -r.count)
