"""The filters of a search, as a queryset of search documents.

`documents(filters)` returns the documents of the published entries that
pass every filter; `filters.without(group)` lifts one filter for the
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
- text: the documents matching the query text, from the relation `m` that
  `search.fulltext.match_cte` puts in front of the statement.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.db.models.expressions import RawSQL

from .models import DocumentTag, Kind, SearchDocument
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


def _tagged(group, codes):
    # IN (subquery), not a correlated EXISTS: the tagged documents are looked
    # up once, then each document is checked against that set.
    return Q(id__in=DocumentTag.objects.filter(group=group, code__in=codes).values("document_id"))


def _amounts(queryset, low, high):
    if low is not None:
        queryset = queryset.filter(Q(amount_max_eur__isnull=True) | Q(amount_max_eur__gte=low))
    if high is not None:
        queryset = queryset.filter(Q(amount_min_eur__isnull=True) | Q(amount_min_eur__lte=high))
    return queryset


def documents(filters):
    """Search documents passing `filters`."""
    queryset = SearchDocument.objects.order_by()
    if filters.text:
        queryset = queryset.filter(id__in=RawSQL("SELECT doc_id FROM m", []))
    if filters.type:
        queryset = queryset.filter(kind__in=filters.type)
    if any(filters.active(name) for name in PROGRAMME_ONLY):
        queryset = queryset.filter(kind=Kind.PROGRAMME)
    if filters.status:
        queryset = queryset.filter(status_code__in=filters.status)
    queryset = _amounts(queryset, filters.amount_min, filters.amount_max)
    for group in TAG_GROUPS:
        if getattr(filters, group):
            queryset = queryset.filter(_tagged(group, getattr(filters, group)))
    if filters.region:
        queryset = queryset.filter(_tagged("region", filters.reach()))
    return queryset
