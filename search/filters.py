"""The filters of a search, as a set of search documents.

`documents(snapshot, filters, matched)` returns the ids of the documents
(of published entries) that pass every filter, as a bitmap of the
in-memory index (`search.snapshot`); `filters.without(group)` lifts one filter for the
disjunctive facet counts. Within a filter the chosen values are
alternatives (OR); different filters all apply (AND).

- region: containment. A chosen place is reached by offers for that place
  and for every area around it (03155 → 03155, ni, de, eu), the rule of
  `catalogue.queries.for_region`, here for several places at once.
- status: the status of the day (`catalogue.queries.with_status`, cached in
  the documents by `search.index.refresh_statuses`).
- amount_min/amount_max: a programme matches when its range
  [amount_min_eur, amount_max_eur] overlaps the asked range; a missing bound
  is open (a programme without any amount matches every range).
- status, applicant_type and amounts describe programmes only: when one of
  them is set, institutions drop out of the result.
- text: the documents matching the query text, as the full-text engine
  found them (`search.fulltext.match_scores`).
"""

from dataclasses import dataclass, field, replace

from .models import Kind
from .vocabularies import ancestors

TAG_GROUPS = ("integration_area", "target_group", "applicant_type", "funding_kind")
PROGRAMME_ONLY = ("status", "applicant_type", "amount")


@dataclass(frozen=True)
class Filters:
    """What the search asks for, e.g. Filters(region=("03155",), status=("open",))."""

    type: tuple = ()
    status: tuple = ()
    region: tuple = ()
    integration_area: tuple = ()
    target_group: tuple = ()
    applicant_type: tuple = ()
    funding_kind: tuple = ()
    amount_min: object = None
    amount_max: object = None
    text: object = None  # a search.text.TextQuery, or None
    region_options: tuple = field(default=(), compare=False)

    def without(self, name):
        """The same filters with one of them lifted (for its facet counts)."""
        if name == "amount":
            return replace(self, amount_min=None, amount_max=None)
        return replace(self, **{name: ()})

    def active(self, name):
        if name == "amount":
            return self.amount_min is not None or self.amount_max is not None
        return bool(getattr(self, name))

    def any(self):
        """Whether anything at all is asked for."""
        names = ("type", "status", "region", *TAG_GROUPS, "amount", "text")
        return any(self.active(name) for name in names)

    def reach(self):
        """Every region code whose offers reach one of the chosen places."""
        return sorted({code for place in self.region for code in ancestors(self.region_options, place)})


def documents(snapshot, filters, matched=None):
    """Ids of the search documents passing `filters`, as a bitmap of the
    `snapshot`; `matched` is the bitmap of the documents matching the text."""
    result = snapshot.everything
    if filters.text:
        result = result & matched
    if filters.type:
        result = result & snapshot.kind(filters.type)
    if any(filters.active(name) for name in PROGRAMME_ONLY):
        result = result & snapshot.kind([Kind.PROGRAMME])
    if filters.status:
        result = result & snapshot.status(filters.status)
    if filters.active("amount"):
        result = result & snapshot.amounts.reaching(filters.amount_min, filters.amount_max)
    for group in TAG_GROUPS:
        if getattr(filters, group):
            result = result & snapshot.tagged(group, getattr(filters, group))
    if filters.region:
        result = result & snapshot.tagged("region", filters.reach())
    return result
