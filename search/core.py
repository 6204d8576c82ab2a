"""The search: one entry point for the Suche page and the API.

    result = search(request.GET)            # a QueryDict
    result.hits, result.total, result.facets, result.errors, …

Invalid parameters never raise: each one becomes an entry in
`result.errors` ({"field", "message", "code"}, German) and the search runs
with the valid rest. No HTML is made here except the snippets.

A query that finds nothing is retried, in this order: with typos corrected
("Meinten Sie …?"), then with any of its words instead of all of them; each
retry offers the search exactly as typed (`exact=1`). A place named in the
query becomes the region filter (`search.places`). A search that still
finds nothing says which filter to drop (`search.relax`).
"""

import math
from dataclasses import dataclass, field, replace
from functools import partial

from django.db import connection
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from catalogue.cards import sum_of_money
from catalogue.status import STATUS_ORDER, Status, today
from thesaurus import expansion

from . import facets as search_facets
from . import filters as search_filters
from . import fulltext, places, relax, results, snapshot, spelling, vocabularies
from .filters import Filters
from .forms import MULTI_VALUED, SINGLE_VALUED, SORT_CHOICES, VALUE_FILTERS, SearchForm, problem
from .models import Kind
from .params import QueryState
from .text import TextQuery

PER_PAGE = 20
PAGE_WINDOW = 2  # pages shown either side of the current one


@dataclass
class ActiveFilter:
    name: str
    value: str
    label: str
    remove_url: str


@dataclass
class SortOption:
    value: str
    label: str
    selected: bool
    url: str


@dataclass
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str = ""
    current: bool = False


@dataclass
class SearchResult:
    form: SearchForm
    errors: list
    hits: list
    total: int
    page: int
    num_pages: int
    per_page: int
    facets: list
    active_filters: list
    suggestion: str | None
    suggestion_url: str | None
    query: str
    sort: str
    sort_options: list
    state: QueryState = field(repr=False)
    partial: bool = False  # no entry had every word; these have some
    hide_expired_url: str | None = None
    place: places.Place | None = None  # a place named in the query, searched as region
    place_labels: str = ""
    place_text_url: str | None = None  # the same words searched as text
    exact_url: str | None = None  # the query as typed, without correction
    relaxations: list = field(default_factory=list)  # no results: filters to drop

    @property
    def previous_url(self):
        return self.state.page(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self):
        return self.state.page(self.page + 1) if self.page < self.num_pages else None

    @property
    def clear_filters_url(self):
        """The same query text and order without any filter."""
        return self.state.url(**dict.fromkeys((*MULTI_VALUED, *VALUE_FILTERS, "page")))

    @property
    def export_query(self):
        """The whole search without the page: exports and feeds take every match."""
        return self.state.url(page=None)

    @property
    def page_links(self):
        shown = {1, self.num_pages, *range(self.page - PAGE_WINDOW, self.page + PAGE_WINDOW + 1)}
        links, last = [], 0
        for number in sorted(n for n in shown if 1 <= n <= self.num_pages):
            if number > last + 1:
                links.append(PageLink(None))
            links.append(PageLink(number, self.state.page(number), number == self.page))
            last = number
        return links


def filters_of(form, text, options):
    """The Filters of a validated SearchForm and its parsed query text."""
    values = {name: tuple(form.value(name, [])) for name in MULTI_VALUED}
    single = {name: form.value(name) for name in VALUE_FILTERS}
    text = expansion.expand(text)  # the thesaurus: words in any language find German entries
    return Filters(**values, **single, text=text, region_options=tuple(options["region"]))


def _param(value):
    return "1" if value is True else str(value)


def state_of(form):
    """The valid parameters of a SearchForm, for building links."""
    values = {name: form.value(name, []) for name in MULTI_VALUED}
    for name in SINGLE_VALUED:
        value = form.value(name)
        values[name] = [_param(value)] if value is not None else []
    return QueryState(values)


@dataclass
class _Found:
    """The documents a search found: the filters that found them (the text
    may be corrected), their bitmap, counts and text matches."""

    filters: Filters
    documents: object
    counts: dict
    total: int
    matches: fulltext.Matches | None = None
    fixes: dict = field(default_factory=dict)


def _count(index, filters, scored, facets=True):
    """The documents passing `filters`; with `facets`, the counts of every
    filter value too (without, `counts` stays empty and `total` is the
    number of documents)."""
    matches = expansion.match(filters.text, scored=scored, version=index.version) if filters.text else None
    matched = matches.ids if matches else None
    documents = search_filters.documents(index, filters, matched)
    if not facets:
        return _Found(filters, documents, {}, len(documents), matches)
    counts = search_facets.count(index, filters, matched, found=documents)
    return _Found(filters, documents, counts, search_facets.total(counts, filters), matches)


def attempts(filters, exact=False):
    """The filters a search tries in turn, each with the spelling fixes it
    carries: as asked; then, for a query text that finds nothing, corrected
    and with any of its words (not when `exact`: the words as typed). Lazy:
    the corrections are looked up only when the first attempt found nothing."""
    yield filters, {}
    if exact or not (filters.text and filters.text.positive):
        return
    fixes = spelling.corrections(filters.text)
    text = filters.text.corrected(fixes) if fixes else filters.text
    if fixes:
        yield replace(filters, text=text), fixes
    if len(text.required) + len(text.alternatives) > 1:
        yield replace(filters, text=text.with_any_word()), fixes


def _find(index, filters, scored, exact, facets=True):
    """What the search finds: the first attempt that finds anything, else
    the filters as asked."""
    first = None
    for attempt, fixes in attempts(filters, exact):
        found = _count(index, attempt, scored, facets)
        first = first or found
        if found.total:
            found.fixes = fixes
            return found
    return first


def _suggestion(query, text, fixes):
    """The query as the user typed it, with the corrected words replaced."""
    surfaces = {t.stem: t.surface for t in text.positive_terms()}
    for wrong, (_right, display) in fixes.items():
        query = query.replace(surfaces[wrong], display, 1)
    return query


def _sort(form, text):
    has_text = bool(text and text.positive)
    sort = form.value("sort") or ("relevance" if has_text else "deadline")
    return "deadline" if sort == "relevance" and not has_text else sort


def _sort_options(sort, text, state):
    choices = [(v, label) for v, label in SORT_CHOICES if v != "relevance" or (text and text.positive)]
    return [SortOption(v, str(label), v == sort, state.url(sort=[v], page=None)) for v, label in choices]


# The pill of each single-valued filter; the vocabulary ones come from the facets.
VALUE_PILLS = {
    "amount": _("Benötigter Betrag: %(value)s €"),
    "amount_min": _("Fördersumme ab %(value)s €"),
    "amount_max": _("Fördersumme bis %(value)s €"),
    "deadline_from": _("Frist ab %(value)s"),
    "deadline_to": _("Frist bis %(value)s"),
}


def active_filters(facet_groups, state, form):
    """The chosen filter values as removable ActiveFilters, amounts included."""
    active = [
        ActiveFilter(group.name, value.value, value.label, state.without(group.name, value.value))
        for group in facet_groups
        for value in group.selected
    ]
    for name, label in VALUE_PILLS.items():
        value = form.value(name)
        if value is not None:
            shown = date_format(value, "DATE_FORMAT") if name.startswith("deadline") else sum_of_money(value)
            text = label % {"value": shown}
            active.append(ActiveFilter(name, str(value), text, state.without(name)))
    return active


def _hide_expired_url(filters, state):
    shown = set(filters.status) or {s.value for s in STATUS_ORDER}
    if Status.EXPIRED.value not in shown:
        return None
    keep = [s.value for s in STATUS_ORDER if s.value in shown and s != Status.EXPIRED]
    return state.url(status=keep or [s.value for s in STATUS_ORDER if s != Status.EXPIRED], page=None)


def _page(asked, total, per_page, errors):
    """The page to show: the last one when the asked one does not exist."""
    last = max(1, math.ceil(total / per_page))
    if asked > last and total:
        message = _("Seite %(page)d gibt es nicht; gezeigt wird die letzte Seite (%(last)d).")
        errors.append(problem("page", message % {"page": asked, "last": last}, "page_out_of_range"))
    return min(asked, last), last


def typed_place(form, options):
    """A place named in the query text (`search.places`), taken out of the
    text; none when the search is to be run exactly as typed."""
    place = None if form.value("exact") else places.detect(form.value("q", ""), options["region"])
    if place:
        form.cleaned_data["q"] = place.rest
    return place


def _take_place(form, options):
    """A place named in the query text becomes the region filter: the form
    then reads as if the user had chosen it."""
    place = typed_place(form, options)
    if place:
        form.cleaned_data["region"] = list(dict.fromkeys([*form.value("region", []), *place.codes]))
    return place


def _place_labels(place, options):
    labels = {o.code: o.translated for o in options["region"]}
    return ", ".join(labels[code] for code in place.codes) if place else ""


def search(params, *, on=None, per_page=PER_PAGE, version=None, read_programmes=True):
    """Search the published catalogue with the parameters of a QueryDict;
    `version` is the index version the caller has just read, if any;
    `read_programmes` as for `search.results.hits`."""
    on = on or today()
    options = vocabularies.load()
    form = SearchForm(params, vocabularies=options)
    form.is_valid()
    errors = form.all_problems()
    as_typed = state_of(form)
    place = _take_place(form, options)
    query = form.value("q", "")
    text = TextQuery.parse(query) or None
    sort = _sort(form, text)
    index = snapshot.current(on, version)
    found = _find(index, filters_of(form, text, options), sort == "relevance", bool(form.value("exact")))
    filters, total = found.filters, found.total
    page, num_pages = _page(form.value("page", 1), total, per_page, errors)
    after = index.amounts.unknown if filters.amount is not None else None
    rows = results.page_rows(index, found.documents, sort, found.matches, page, per_page, after)
    state = state_of(form)
    facet_groups = search_facets.groups(found.counts, options, state)
    suggestion = _suggestion(query, text, found.fixes) if found.fixes else None
    partial = bool(filters.text and filters.text.any_word)
    matched = found.matches.ids if found.matches else None
    return SearchResult(
        form=form,
        errors=errors,
        hits=results.hits(rows, on, filters.text, read_programmes),
        total=total,
        page=page,
        num_pages=num_pages,
        per_page=per_page,
        facets=facet_groups,
        active_filters=active_filters(facet_groups, state, form),
        suggestion=suggestion,
        suggestion_url=state.url(q=[suggestion], page=None) if suggestion else None,
        query=query,
        sort=sort,
        sort_options=_sort_options(sort, text, state),
        state=state,
        partial=partial,
        hide_expired_url=_hide_expired_url(filters, state),
        place=place,
        place_labels=_place_labels(place, options),
        place_text_url=as_typed.url(exact=["1"], page=None) if place else None,
        exact_url=as_typed.url(exact=["1"], page=None) if suggestion or partial else None,
        relaxations=relax.relaxations(index, filters, matched, state) if not total else [],
    )


# ---------- every match at once (e-mail alerts) ----------

# Parameters that order or page a result but never change which entries it holds.
_PRESENTATION = ("sort", "page")


def canonical_query(params):
    """The query string of a search with only its valid parameters, in a
    fixed order, without sort and page: two URLs asking for the same
    entries give the same string (e-mail alerts group by it), e.g.
    "q=Sport&region=03241". Unknown parameters and values are dropped."""
    form = SearchForm(params, vocabularies=vocabularies.load())
    form.is_valid()
    return state_of(form).url(**dict.fromkeys(_PRESENTATION))[1:]


def matching_programme_ids(params, *, on=None, options=None):
    """Ids of every published programme the search `params` finds, in no
    order: the same filters, text and fallbacks as `search()`, without
    ranking, pages or entries read. A caller running many searches passes
    `options` (`search.vocabularies.load()`) once."""
    return set(matching_programmes(params, on=on, options=options)[0])


def matching_programmes(params, *, on=None, options=None):
    """(the published programmes the search `params` finds, as a set of ids
    read from the in-memory index (`snapshot.Programmes`), the problems
    `search()` would report in its `errors`): for feeds, which refuse what a
    search refuses. On PostgreSQL the words are tested only for the
    programmes a feed asks about, while that is cheaper than reading every
    match (`snapshot.ProgrammesWithText`)."""
    on = on or today()
    options = options or vocabularies.load()
    form = SearchForm(params, vocabularies=options)
    form.is_valid()
    problems = form.all_problems()
    _take_place(form, options)
    text = TextQuery.parse(form.value("q", "")) or None
    index = snapshot.current(on)
    filters = filters_of(form, text, options)
    programmes = index.kind([Kind.PROGRAMME])
    exact = bool(form.value("exact"))

    def resolve():
        return _find(index, filters, scored=False, exact=exact, facets=False).documents & programmes

    if not filters.text or connection.vendor != "postgresql":
        return snapshot.Programmes(index, resolve()), problems
    candidates = search_filters.documents(index, replace(filters, text=None)) & programmes
    test = partial(fulltext.matching_among, filters.text)
    return snapshot.ProgrammesWithText(index, candidates, test, resolve), problems
