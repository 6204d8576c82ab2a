from django.urls import path
from django.views.generic import TemplateView

from . import glossary, views

app_name = "public"

urlpatterns = [
    path("", views.start, name="start"),
    path("foerderungen/<slug:slug>/", views.programme_detail, name="programme"),
    path("foerderer/<slug:slug>/", views.institution_detail, name="institution"),
    path("ueber/", views.page, {"name": "about"}, name="about"),
    path("impressum/", views.page, {"name": "imprint"}, name="imprint"),
    path("datenschutz/", views.page, {"name": "privacy"}, name="privacy"),
    path("barrierefreiheit/", views.page, {"name": "accessibility"}, name="accessibility"),
    path("foerdercheck/", views.foerdercheck, name="foerdercheck"),
    path("karte/", views.district_map, name="map"),
    path(
        "glossar/",
        TemplateView.as_view(template_name="public/glossary.html", extra_context={"terms": glossary.TERMS}),
        name="glossary",
    ),
    path("ratgeber/", TemplateView.as_view(template_name="public/guide.html"), name="guide"),
]
