"""Root URLs. Public pages are German without a prefix and every other
language under its own prefix (/en/, /ar/, …); the API, feeds and the back
office are language-neutral."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from api.sitemaps import SITEMAPS, robots_txt
from ops.health import health

# Database outages and over-long requests answer 503, everything else 500.
handler500 = "ops.failures.server_error"

urlpatterns = [
    path("health", health, name="health"),
    path("redaktion/passwort/", include("editorial.passwords")),
    path("redaktion/", admin.site.urls),
    path("api/", include("api.urls")),
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("robots.txt", robots_txt, name="robots"),
]

urlpatterns += i18n_patterns(
    path("suche/", include("public.search_urls")),
    path("benachrichtigungen/", include("alerts.urls")),
    path("merkliste/", include("shortlist.urls")),
    path("", include("feedback.urls")),
    path("", include("public.urls")),
    prefix_default_language=False,
)
