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
  "open" admits "closing soon" too (`catalogue.status.statuses_admitted`).
- amount_min/amount_max: a programme matches when its range
  [amount_min_eur, amount_max_eur] overlaps the asked range; a missing bound
  is open (a programme without any amount matches every range).
- amount (the euros needed): a programme matches when its range admits the
  sum, a missing bound being open; those stating no amount at all match
  too and are ordered after the others (`search.results`), marked as such.
- deadline_from/deadline_to: the next deadline lies in that window (both
  ends included), or the programme is open without a deadline (rolling,
  "laufend": one may apply on any day of the window). Programmes whose
  deadline is unknown, upcoming ones without a date and expired ones drop out.
- own_contribution: "none" (no own money) or "in_kind" (volunteer work
  counts), tags of the documents (`search.documents.own_contribution_codes`).
- status, applicant_type, own contribution, amounts and deadlines describe
  programmes only: when one of them is set, institutions drop out.
- text: the documents matching the query text, as the full-text engine
  found them (`search.fulltext.match_scores`).
"""

from dataclasses import field, make_dataclass, replace

from catalogue.vocabularies import FILTERS, INSTITUTION

from .models import Kind
from .vocabularies import ancestors

# Filters by tags of the documents: the flat vocabularies, and own contribution.
TAG_GROUPS = (*(v.param for v in FILTERS if not v.hierarchical), "own_contribution")
# Filters of what only programmes have; when one is set, institutions drop out.
PROGRAMME_ONLY = (
    "status",
    *(v.param for v in FILTERS if INSTITUTION not in v.entries),
    "own_contribution",
    "amount",
    "amount_range",
    "deadline",
)
# Filters made of more than one parameter: filter name → its fields.
COMPOUND = {
    "amount_range": ("amount_min", "amount_max"),
    "deadline": ("deadline_from", "deadline_to"),
}


class _Rules:
    """How filters combine; the fields come from the declarations (below)."""

    NAMES = ("type", "status", "region", *TAG_GROUPS, "amount", "amount_range", "deadline", "text")

    def without(self, name):
        """The same filters with one of them lifted (for its facet counts)."""
        if name in COMPOUND:
            return replace(self, **dict.fromkeys(COMPOUND[name]))
        if name in ("amount", "text"):
            return replace(self, **{name: None})
        return replace(self, **{name: ()})

    def active(self, name):
        if name in COMPOUND:
            return any(getattr(self, part) is not None for part in COMPOUND[name])
        return bool(getattr(self, name)) if name != "amount" else self.amount is not None

    def any(self):
        """Whether anything at all is asked for."""
        return any(self.active(name) for name in self.NAMES)

    def reach(self):
        """Every region code whose offers reach one of the chosen places."""
        return sorted({code for place in self.region for code in ancestors(self.region_options, place)})


# What the search asks for, e.g. Filters(region=("03155",), status=("open",)):
# one tuple of codes per vocabulary filter (catalogue.vocabularies).
Filters = make_dataclass(
    "Filters",
    [
        ("type", tuple, field(default=())),
        ("status", tuple, field(default=())),
        *((vocabulary.param, tuple, field(default=())) for vocabulary in FILTERS),
        ("own_contribution", tuple, field(default=())),
        ("amount", object, field(default=None)),  # Decimal: the euros needed
        ("amount_min", object, field(default=None)),
        ("amount_max", object, field(default=None)),
        ("deadline_from", object, field(default=None)),  # date
        ("deadline_to", object, field(default=None)),
        ("text", object, field(default=None)),  # a search.text.TextQuery, or None
        ("region_options", tuple, field(default=(), compare=False)),
    ],
    bases=(_Rules,),
    frozen=True,
)
Filters.__module__ = __name__  # Python 3.12 says so itself (module=)


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
    if filters.active("amount_range"):
        result = result & snapshot.amounts.reaching(filters.amount_min, filters.amount_max)
    if filters.amount is not None:
        result = result & snapshot.amounts.reaching(filters.amount, filters.amount)
    if filters.active("deadline"):
        result = result & snapshot.deadlines_between(filters.deadline_from, filters.deadline_to)
    for group in TAG_GROUPS:
        if getattr(filters, group):
            result = result & snapshot.tagged(group, getattr(filters, group))
    if filters.region:
        result = result & snapshot.tagged("region", filters.reach())
    return result
