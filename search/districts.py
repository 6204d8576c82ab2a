"""Offers per district, for the map: how many programmes apply in each of
the 45 districts of Niedersachsen under the filters of a search.

    found = district_counts(request.GET)
    found.districts  # [District("03155", "Landkreis Northeim", offers=153, own=12, open=80, url="?…"), …]

Each count is what the search gives for the same parameters with
`type=programme` and `region=<district>`: containment (offers for the
district, Niedersachsen, Bund and EU), the same typo fallback, the same
result total (a test holds the two to each other). They come from the
in-memory index in one pass: the documents passing every filter but the
region are found once (per fallback attempt, only when a district needs
it); the offers of the areas around the districts (ni, de, eu) are counted
once, and each district adds the size of one intersection, its own offers
— the containment the region facet counts.

- offers: everything that applies in the district;
- own: offers for this district itself (no wider area among their regions);
- open: those of the offers open for applications now (open, closing soon).
"""

from dataclasses import dataclass

from catalogue.regions import land
from catalogue.status import Status, statuses_admitted, today

from . import filters as search_filters
from . import fulltext, snapshot, vocabularies
from .core import active_filters, attempts, filters_of, state_of, typed_place
from .facets import count as facet_counts
from .facets import groups as facet_groups
from .forms import SearchForm
from .models import Kind
from .text import TextQuery

# The parameters the map lifts: it counts programmes in every district.
LIFTED = ("type", "region", "page")
# Open for applications, as the start page's "davon offen für Anträge" counts.
OPEN_NOW = statuses_admitted(Status.OPEN)


@dataclass
class District:
    code: str
    label: str
    offers: int
    own: int
    open: int
    url: str  # the search for this district under the same filters, "?…"


@dataclass
class DistrictCounts:
    form: SearchForm
    errors: list
    districts: list
    facets: list  # the search's facet groups (counts over every region)
    active_filters: list  # search.core.ActiveFilter, as the search shows them
    state: object  # search.params.QueryState of the map's parameters

    @property
    def most(self):
        return max((d.offers for d in self.districts), default=0)

    @property
    def fewest(self):
        return min((d.offers for d in self.districts), default=0)


def map_params(params):
    """The search parameters as the map counts them: programmes, no region, no page."""
    params = params.copy()
    for name in LIFTED:
        params.pop(name, None)
    params.setlist("type", [Kind.PROGRAMME.value])
    return params


def _documents(index, filters):
    """The documents passing `filters` (the region lifted) and the text
    matches, as bitmaps (None without query text)."""
    matches = fulltext.match(filters.text, scored=False) if filters.text else None
    matched = matches.ids if matches else None
    return search_filters.documents(index, filters, matched), matched


class _Reach:
    """The documents of every attempt of the search (see search.core.attempts),
    found only when a district needs them: a district gets the counts of the
    first attempt that finds anything there, as its own search would."""

    def __init__(self, index, filters, exact):
        self.index = index
        self.tried = attempts(filters, exact)
        self.found = []  # [(filters, documents, matched), …] in the order tried
        self.wide = {}  # {(attempt, wider areas): (offers, open now)}
        self.open_now = index.status(OPEN_NOW)

    def attempt(self, position):
        while len(self.found) <= position:
            tried = next(self.tried, None)
            if tried is None:
                return None
            self.found.append((tried[0], *_documents(self.index, tried[0])))
        return self.found[position]

    def documents(self, position):
        attempt = self.attempt(position)
        return attempt[1] if attempt else None

    def facet_counts(self):
        """The facet counts of the attempt the search without a region shows."""
        position = 0
        while not self.documents(position) and self.attempt(position + 1):
            position += 1
        if not self.documents(position):
            position = 0
        filters, documents, matched = self.attempt(position)
        return facet_counts(self.index, filters, matched, found=documents)

    def district(self, code, wider):
        """(offers, own, open) in the district `code`, whose offers are its
        own and those of the areas `wider` around it, in the first attempt
        that finds any there."""
        position, first = 0, None
        while self.documents(position) is not None:
            counts = self._counts(position, code, wider)
            if counts[0]:
                return counts
            first = first or counts
            position += 1
        return first

    def _counts(self, position, code, wider):
        # The region tags are stored reduced to the widest areas (see
        # search.facets), so an offer is the district's own or a wider
        # area's, never both: the two parts add up. The wider part is the
        # same for every district of a Land, counted once.
        documents = self.documents(position)
        if (position, wider) not in self.wide:
            found = documents & self.index.tagged("region", wider)
            self.wide[position, wider] = (len(found), found.intersection_cardinality(self.open_now))
        wide, wide_open = self.wide[position, wider]
        own = documents & self.index.tagged("region", [code])
        return wide + len(own), len(own), wide_open + own.intersection_cardinality(self.open_now)


def _district(code, label, reach, state):
    wider = tuple(vocabularies.ancestors(state.regions, code)[1:])
    offers, own, open_now = reach.district(code, wider)
    return District(code, label, offers, own, open_now, url=state.query.url(region=[code], page=None))


@dataclass
class _State:
    query: object
    regions: list


def district_counts(params, *, on=None):
    """The offers per district under the search parameters of a QueryDict."""
    on = on or today()
    options = vocabularies.load()
    form = SearchForm(map_params(params), vocabularies=options)
    form.is_valid()
    # A place typed into the text is what the map shows, not a word to find:
    # it leaves the text (the region itself is lifted, as every region is).
    typed_place(form, options)
    text = TextQuery.parse(form.value("q", "")) or None
    index = snapshot.current(on)
    filters = filters_of(form, text, options)
    state = _State(state_of(form), options["region"])
    reach = _Reach(index, filters, exact=bool(form.value("exact")))
    districts = [
        _district(o.code, o.translated, reach, state) for o in options["region"] if o.parent == land()
    ]
    groups = facet_groups(reach.facet_counts(), options, state.query)
    return DistrictCounts(
        form=form,
        errors=form.all_problems(),
        districts=districts,
        facets=groups,
        active_filters=active_filters(groups, state.query, form),
        state=state.query,
    )
