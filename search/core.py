"""The search: one entry point for the Suche page and the API.

    result = search(request.GET)            # a QueryDict
    result.hits, result.total, result.facets, result.errors, …

Invalid parameters never raise: each one becomes an entry in
`result.errors` ({"field", "message", "code"}, German) and the search runs
with the valid rest. No HTML is made here except the snippets.

A query that finds nothing is retried, in this order: with typos corrected
("Meinten Sie …?"), then with any of its words instead of all of them.
"""

import math
from dataclasses import dataclass, field, replace

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from catalogue.status import STATUS_ORDER, Status, today

from . import facets as search_facets
from . import filters as search_filters
from . import fulltext, results, snapshot, spelling, vocabularies
from .filters import Filters
from .forms import MULTI_VALUED, SORT_CHOICES, SearchForm, problem
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

    @property
    def previous_url(self):
        return self.state.page(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self):
        return self.state.page(self.page + 1) if self.page < self.num_pages else None

    @property
    def clear_filters_url(self):
        """The same query text and order without any filter."""
        return self.state.url(**dict.fromkeys((*MULTI_VALUED, "amount_min", "amount_max", "page")))

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
    return Filters(
        **values,
        amount_min=form.value("amount_min"),
        amount_max=form.value("amount_max"),
        text=text,
        region_options=tuple(options["region"]),
    )


def state_of(form):
    """The valid parameters of a SearchForm, for building links."""
    values = {name: form.value(name, []) for name in MULTI_VALUED}
    for name in ("q", "amount_min", "amount_max", "sort", "page"):
        value = form.value(name)
        values[name] = [value] if value is not None else []
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


def _count(index, filters, scored):
    matches = fulltext.match(filters.text, scored=scored) if filters.text else None
    matched = matches.ids if matches else None
    documents = search_filters.documents(index, filters, matched)
    counts = search_facets.count(index, filters, matched, found=documents)
    return _Found(filters, documents, counts, search_facets.total(counts, filters), matches)


def attempts(filters):
    """The filters a search tries in turn, each with the spelling fixes it
    carries: as asked; then, for a query text that finds nothing, corrected
    and with any of its words. Lazy: the corrections are looked up only
    when the first attempt found nothing."""
    yield filters, {}
    if not (filters.text and filters.text.positive):
        return
    fixes = spelling.corrections(filters.text)
    text = filters.text.corrected(fixes) if fixes else filters.text
    if fixes:
        yield replace(filters, text=text), fixes
    if len(text.required) + len(text.alternatives) > 1:
        yield replace(filters, text=text.with_any_word()), fixes


def _find(index, filters, scored):
    """What the search finds: the first attempt that finds anything, else
    the filters as asked."""
    first = None
    for attempt, fixes in attempts(filters):
        found = _count(index, attempt, scored)
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


def _euro(value):
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def active_filters(facet_groups, state, form):
    """The chosen filter values as removable ActiveFilters, amounts included."""
    active = [
        ActiveFilter(group.name, value.value, value.label, state.without(group.name, value.value))
        for group in facet_groups
        for value in group.selected
    ]
    amounts = {
        "amount_min": _("Fördersumme ab %(amount)s €"),
        "amount_max": _("Fördersumme bis %(amount)s €"),
    }
    for name, label in amounts.items():
        if form.value(name) is not None:
            text = label % {"amount": _euro(form.value(name))}
            active.append(ActiveFilter(name, str(form.value(name)), text, state.without(name)))
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


def search(params, *, on=None, per_page=PER_PAGE):
    """Search the published catalogue with the parameters of a QueryDict."""
    on = on or today()
    options = vocabularies.load()
    form = SearchForm(params, vocabularies=options)
    form.is_valid()
    errors = form.all_problems()
    query = form.value("q", "")
    text = TextQuery.parse(query) or None
    sort = _sort(form, text)
    index = snapshot.current(on)
    found = _find(index, filters_of(form, text, options), scored=sort == "relevance")
    filters, total = found.filters, found.total
    page, num_pages = _page(form.value("page", 1), total, per_page, errors)
    rows = results.page_rows(index, found.documents, sort, found.matches, page, per_page)
    state = state_of(form)
    facet_groups = search_facets.groups(found.counts, options, state)
    suggestion = _suggestion(query, text, found.fixes) if found.fixes else None
    return SearchResult(
        form=form,
        errors=errors,
        hits=results.hits(rows, on, filters.text),
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
        partial=bool(filters.text and filters.text.any_word),
        hide_expired_url=_hide_expired_url(filters, state),
    )
