"""Open data under /api/v1/: the operations django-ninja generates from
`api.operations`, each wrapped in `api.http.api_view` with the query
parameters it declares. Anything else under /api/ answers with a JSON 404
in the one error shape, never with an HTML page."""

from functools import partial, wraps

from django.urls import URLPattern, include, path, re_path
from django.views.generic import RedirectView

from . import parameters, views
from .http import api_view
from .operations import QUERIES, api

app_name = "api"


def _as_get(view):
    """django-ninja dispatches by method and declares GET only; HEAD is GET
    without the body (RFC 9110 § 9.3.2), which the server leaves out."""

    @wraps(view)
    def dispatched(request, *args, **kwargs):
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        try:
            return view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"

    return dispatched


def _operations():
    for pattern in api.urls[0]:
        if pattern.name not in QUERIES:
            continue  # django-ninja's own root view: /api/v1/ is the documentation
        declared = partial(parameters.declared_for, QUERIES[pattern.name])
        view = api_view(_as_get(pattern.callback), parameters=declared)
        yield URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)


urlpatterns = [
    path("v1", RedirectView.as_view(pattern_name="api:docs", permanent=True)),
    path("v1/", include(list(_operations()))),
    re_path(r"^(?P<path>[\s\S]*)$", api_view(views.unknown)),  # any character, newlines too
]
