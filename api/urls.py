"""Open data under /api/v1/. Anything else under /api/ answers with a JSON 404
in the one error shape, never with an HTML page."""

from django.urls import path, re_path
from django.views.generic import RedirectView

from . import views

app_name = "api"

urlpatterns = [
    path("v1/", views.docs, name="docs"),
    path("v1", RedirectView.as_view(pattern_name="api:docs", permanent=True)),
    path("v1/openapi.json", views.openapi_document, name="openapi"),
    path("v1/programmes/<slug:slug>", views.programme_detail, name="programme"),
    path("v1/institutions/<slug:slug>", views.institution_detail, name="institution"),
    path("v1/vocabularies", views.vocabularies, name="vocabularies"),
    path("v1/regions", views.regions, name="regions"),
    re_path(r"^(?P<path>.*)$", views.unknown),
]
