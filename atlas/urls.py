"""Root URLs. Public pages are German without a prefix and every other
language under its own prefix (/en/, /ar/, …); the API, feeds and the back
office are language-neutral."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("redaktion/", admin.site.urls),
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("suche/", include("search.urls")),
    path("", include("public.urls")),
    prefix_default_language=False,
)
