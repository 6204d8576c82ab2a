"""Open data under /api/v1/. Anything else under /api/ answers with a JSON 404
in the one error shape, never with an HTML page. `api.openapi_paths`
describes each of these URLs; a test holds the two to the same set."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from . import check, exports, feeds, listing, views

app_name = "api"

urlpatterns = [
    path("v1/", views.docs, name="docs"),
    path("v1", RedirectView.as_view(pattern_name="api:docs", permanent=True)),
    path("v1/openapi.json", views.openapi_document, name="openapi"),
    path("v1/search", listing.search_view, name="search"),
    path("v1/search.csv", exports.search_csv, name="search_csv"),
    path("v1/search.xlsx", exports.search_xlsx, name="search_xlsx"),
    path("v1/search.interchange.json", exports.search_interchange, name="search_interchange"),
    path("v1/check", check.check_view, name="check"),
    path("v1/check.csv", check.check_csv, name="check_csv"),
    path("v1/programmes", listing.programmes, name="programmes"),
    path("v1/programmes/<slug:slug>", views.programme_detail, name="programme"),
    path("v1/programmes/<slug:slug>/deadlines.ics", feeds.programme_deadlines, name="programme_deadlines"),
    path("v1/institutions", listing.institutions, name="institutions"),
    path("v1/institutions/<slug:slug>", views.institution_detail, name="institution"),
    path("v1/vocabularies", views.vocabularies, name="vocabularies"),
    path("v1/regions", views.regions, name="regions"),
    path("v1/feeds/programmes.atom", feeds.programmes_atom, name="programmes_atom"),
    path("v1/feeds/deadlines.ics", feeds.deadlines, name="deadlines_ics"),
    re_path(r"^(?P<path>[\s\S]*)$", views.unknown),  # any character, newlines too
]
