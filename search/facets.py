"""Facets: for every vocabulary, how many results each value would give.

Counts are disjunctive: the counts of a group are taken with every filter
applied except the group's own, so they say how many results a value gives
when it is added to (OR) the values already chosen in that group, and the
other values of a chosen group do not drop to zero. Each count is the size
of the intersection of two bitmaps of the in-memory index
(`search.snapshot`): no query, whatever the number of results. The total
number of results is read off the type counts.

Regions count by containment, like the filter: the count of Landkreis
Northeim is the number of entries for Northeim, Niedersachsen, Bund and EU.
Each entry is counted once per place: its region tags are stored reduced to
the widest ones (a tag whose parent area is also tagged adds nothing, see
`search.models.DocumentTag`), so the counts along a place's path can be
summed.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.status import STATUS_ORDER
from catalogue.vocabularies import FILTERS

from . import filters as search_filters
from .models import OwnContribution
from .vocabularies import Option, ancestors

GROUPS = {
    "type": _("Art des Eintrags"),
    "status": _("Status"),
    **{vocabulary.param: vocabulary.label for vocabulary in FILTERS},
    "own_contribution": _("Eigenanteil"),
}
# "Förderer" is singular and plural in German; the context keeps the plural
# facet label apart from the singular "Förderer" in the catalogues.
TYPE_LABELS = {"programme": _("Förderprogramme"), "institution": pgettext_lazy("Mehrzahl", "Förderer")}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    group: str = field(repr=False)
    state: object = field(repr=False)  # search.params.QueryState

    @cached_property
    def toggle_url(self):
        """The search with this value added or taken away. Made when asked
        for: the page's checkboxes need none, the API's facets each one."""
        return self.state.toggle(self.group, self.value)


# A group with more values than this shows its chosen ones and hides the
# rest behind "show all"; regions always show EU, Bund and Land and hide the
# districts and cities.
COLLAPSE_ABOVE = 8


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list

    @property
    def selected(self):
        return [v for v in self.values if v.selected]

    @property
    def shown(self):
        """The values always in view."""
        if self.name == "region":
            return [v for v in self.values if not v.value.isdigit() or v.selected]
        if len(self.values) <= COLLAPSE_ABOVE:
            return self.values
        return self.selected

    @property
    def more(self):
        """The values behind "show all"."""
        shown = {v.value for v in self.shown}
        return [v for v in self.values if v.value not in shown]


def _base(snapshot, filters, group, matched, everything):
    """The documents a group counts over: every filter but the group's own."""
    if not filters.active(group):
        return everything
    return search_filters.documents(snapshot, filters.without(group), matched)


def count(snapshot, filters, matched=None, found=None):
    """{"type": Counter({"programme": 41, …}), "region": Counter({"03155": 12, …}), …}
    over the in-memory index; `matched` is the bitmap of the text matches,
    `found` the documents passing every filter when the caller has them."""
    everything = found if found is not None else search_filters.documents(snapshot, filters, matched)
    counts = defaultdict(Counter)
    for group in GROUPS:
        base = _base(snapshot, filters, group, matched, everything)
        if group == "type":
            values = snapshot.kinds
        elif group == "status":
            values = snapshot.status_filters
        else:
            values = snapshot.tags.get(group, {})
        for code, documents in values.items():
            n = base.intersection_cardinality(documents)
            if n:
                counts[group][code] = n
    counts["region"] = _contained(counts["region"], filters.region_options)
    return counts


def total(counts, filters):
    """The number of results: the type counts are taken without the type filter."""
    return sum(n for kind, n in counts["type"].items() if not filters.type or kind in filters.type)


def _contained(tag_counts, regions):
    """Entries per place: the sum over the place and every area around it."""
    return Counter({o.code: sum(tag_counts[a] for a in ancestors(regions, o.code)) for o in regions})


def _options(group, vocabularies):
    if group == "type":
        return [Option(code, str(label)) for code, label in TYPE_LABELS.items()]
    if group == "status":
        return [Option(s.value, str(s.label)) for s in STATUS_ORDER]
    if group == "own_contribution":
        return [Option(c.value, str(c.label)) for c in OwnContribution]
    return [Option(o.code, o.translated) for o in vocabularies[group]]


def groups(counts, vocabularies, state):
    """FacetGroups in page order; a value shows when it has results or is chosen."""
    result = []
    for name, label in GROUPS.items():
        values = [
            FacetValue(
                o.code,
                o.label,
                counts[name][o.code],
                state.selected(name, o.code),
                name,
                state,
            )
            for o in _options(name, vocabularies)
        ]
        result.append(FacetGroup(name, gettext(label), [v for v in values if v.count or v.selected]))
    return result
