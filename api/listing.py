"""Search-backed lists: /search, /programmes, /institutions, and the full
result sets behind exports and feeds.

All of them call `search.core.search()` with the request's own parameters
(the site's names: q, type, region, …) — one search core, two renderings —
so /api/v1/programmes?region=03155&status=open lists exactly the
programmes, in exactly the order, of /suche/?type=programme&region=03155&status=open.
"""

from django import forms
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution, Programme
from catalogue.queries import published
from catalogue.status import today
from search import kept, snapshot
from search.core import search
from search.forms import NOTICES

from . import rows
from .http import (
    LANGUAGE_PARAMETER,
    catalogue_last_modified,
    error,
    error_response,
    json_response,
    set_last_modified,
)
from .serializers import INSTITUTION, INSTITUTION_LOOKUPS, PROGRAMME, PROGRAMME_LOOKUPS, item, programme_item

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
# Exports and feeds hold every match up to this many (documented in the API).
EXPORT_CAP = 10_000
# Files and feeds name the codes of their warnings here (JSON has "warnings").
WARNINGS_HEADER = "X-Search-Warnings"


class PageSizeForm(forms.Form):
    """The one parameter the API has beyond the search page's."""

    per_page = forms.IntegerField(
        label=_("Treffer je Seite"),
        help_text=_("1 bis 100, Vorgabe 20"),
        min_value=1,
        max_value=MAX_PER_PAGE,
        required=False,
    )


def _field(name):
    return None if name in (None, "__all__") else name


def form_errors(form):
    """A Django form's errors in the API's error shape."""
    return [
        error(_field(field), message, problem.code or "invalid")
        for field, problems in form.errors.as_data().items()
        for problem in problems
        for message in problem.messages
    ]


def search_params(request, **overrides):
    """The request's query as the search core reads it, without the API's
    own parameters, with `overrides` (e.g. type=programme) applied."""
    params = request.GET.copy()
    for name in (*PageSizeForm.base_fields, "delimiter", LANGUAGE_PARAMETER):
        params.pop(name, None)
    for name, value in overrides.items():
        params.setlist(name, [value])
    return params


def split_problems(problems):
    """(errors, warnings) in the API's shape: a notice (`search.forms.NOTICES`)
    is returned beside the data, any other problem refuses the request."""
    shaped = [(e["code"], error(_field(e["field"]), e["message"], e["code"])) for e in problems]
    errors = [e for code, e in shaped if code not in NOTICES]
    return errors, [e for code, e in shaped if code in NOTICES]


def with_warnings(response, warnings):
    """A file or feed has no room for warnings: their codes go in a header."""
    if warnings:
        response.headers[WARNINGS_HEADER] = ", ".join(dict.fromkeys(w["code"] for w in warnings))
    return response


def run_search(request, *, per_page, version=None, **overrides):
    """(SearchResult, warnings, None), or (None, [], 400 response) for
    invalid parameters; `version` as for `search.core.search`. Programmes
    are not read with the hits: `items()` reads them as plain rows."""
    params = search_params(request, **overrides)
    result = search(params, per_page=per_page, version=version, read_programmes=False)
    errors, warnings = split_problems(result.errors)
    if errors:
        return None, [], error_response(errors, status=400)
    return result, warnings, None


def hydrate(objects):
    """Prefetch on the hits' own objects everything an API item needs (a
    fixed number of queries); the search order stays."""
    programmes = [o for o in objects if isinstance(o, Programme)]
    institutions = [o for o in objects if isinstance(o, Institution)]
    prefetch_related_objects(programmes, *PROGRAMME_LOOKUPS)
    prefetch_related_objects(institutions, *INSTITUTION_LOOKUPS)
    return objects


def _items_in_place(entries, request, known=None):
    """API items of `entries` in their order, None for a programme
    unpublished since the search read it."""
    pks = [e.pk for e in entries if isinstance(e, Programme)]
    read = {row.id: row for row in rows.programme_rows(pks, known)} if pks else {}
    hydrate([e for e in entries if isinstance(e, Institution)])
    return [
        (programme_item(read[entry.pk], request) if entry.pk in read else None)
        if isinstance(entry, Programme)
        else item(entry, request)
        for entry in entries
    ]


def items(entries, request, known=None):
    """API items of `entries` in their order: programmes read as plain rows
    (`api.rows`: no model instances, no prefetching), funders hydrated.
    `known` is `rows.lookups()` when the caller asks for many chunks."""
    return [found for found in _items_in_place(entries, request, known) if found is not None]


def kept_items(hits, request, version, known=None):
    """`items()` of the entries of `hits` (a list page, an export), each kept
    per entry (`search.kept`): distinct searches list the same entries again
    and again. Items hold absolute URLs, so the site's address is part of
    the key; `known` as for `items()`."""
    made = kept.per_entry(
        f"item:{request.build_absolute_uri('/')}",
        hits,
        lambda hit: kept.hit_key(hit, version),
        lambda missing: _items_in_place([hit.object for hit in missing], request, known),
        version=version,
        on=today(),
    )
    return [found for found in made if found is not None]


def facets(result, request, *, forced_type=False):
    """The search's facet groups with absolute toggle links to this endpoint;
    without the type group where the endpoint fixes the type."""
    base = request.build_absolute_uri(request.path)
    return [
        {
            "name": group.name,
            "label": str(group.label),
            "values": [
                {
                    "value": v.value,
                    "label": str(v.label),
                    "count": v.count,
                    "selected": v.selected,
                    "toggle_url": base + v.toggle_url,
                }
                for v in group.values
            ],
        }
        for group in result.facets
        if not (forced_type and group.name == "type")
    ]


def _page_url(request, page):
    if page is None:
        return None
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def pagination(request, result, per_page):
    has_next = result.page < result.num_pages
    return {
        "page": result.page,
        "per_page": per_page,
        "total": result.total,
        "num_pages": result.num_pages,
        "next": _page_url(request, result.page + 1 if has_next else None),
        "previous": _page_url(request, result.page - 1 if result.page > 1 else None),
    }


def last_change():
    """Last-Modified of any list: the latest change of a public entry."""
    latest = [
        published(model.objects.all()).order_by("-updated_at").values_list("updated_at", flat=True).first()
        for model in (Programme, Institution)
    ]
    return catalogue_last_modified(*latest)


def list_response(request, **overrides):
    size = PageSizeForm(request.GET)
    if not size.is_valid():
        return error_response(form_errors(size), status=400)
    per_page = size.cleaned_data["per_page"] or DEFAULT_PER_PAGE
    version = snapshot.token()
    result, warnings, failure = run_search(request, per_page=per_page, version=version, **overrides)
    if failure:
        return failure
    payload = {
        "data": kept_items(result.hits, request, version),
        "facets": facets(result, request, forced_type="type" in overrides),
        "pagination": pagination(request, result, per_page),
        "warnings": warnings,
    }
    return set_last_modified(json_response(payload), last_change())


def matching(request, *, hydrated=True, version=None, **overrides):
    """Every match of the request's search (up to EXPORT_CAP): its entries
    hydrated, or its hits when the caller reads them itself, in chunks;
    (entries or hits, truncated, warnings, None) or (None, False, [], 400
    response). `version` as for `search.core.search`."""
    result, warnings, failure = run_search(
        request, per_page=EXPORT_CAP, version=version, page="1", **overrides
    )
    if failure:
        return None, False, [], failure
    if not hydrated:
        return result.hits, result.total > EXPORT_CAP, warnings, None
    entries = _read_programmes([hit.object for hit in result.hits])
    return hydrate(entries), result.total > EXPORT_CAP, warnings, None


def _read_programmes(entries):
    """The entries with each programme read as a model instance (published
    ones only), for files written from instances rather than rows."""
    pks = [e.pk for e in entries if isinstance(e, Programme)]
    read = published(Programme.objects.filter(pk__in=pks)).in_bulk()
    return [
        read[e.pk] if isinstance(e, Programme) else e
        for e in entries
        if not isinstance(e, Programme) or e.pk in read
    ]


def search_view(request):
    return list_response(request)


def programmes(request):
    return list_response(request, type=PROGRAMME)


def institutions(request):
    return list_response(request, type=INSTITUTION)
