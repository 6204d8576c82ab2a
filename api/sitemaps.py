"""sitemap.xml (published programmes and institutions, static pages) and
robots.txt. Host and scheme come from the request (no sites framework).

/sitemap.xml is a sitemap index naming one sitemap per section and page
(/sitemap-programmes.xml?p=2), each of at most PAGE_SIZE addresses: every
request costs the same whatever the size of the catalogue (issue 14 item 6).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse

from catalogue.models import Institution, Programme
from catalogue.queries import published

STATIC_PAGES = [
    "public:start",
    "search:search",
    "public:map",
    "public:about",
    "public:imprint",
    "public:privacy",
    "public:accessibility",
]


# Addresses per sitemap page (the protocol allows 50,000; fewer keep a page cheap).
PAGE_SIZE = 250


class EntrySitemap(Sitemap):
    """Published entries of `model`, by slug; the index's lastmod from one aggregate."""

    model = None
    limit = PAGE_SIZE

    def items(self):
        return published(self.model.objects.all()).only("slug", "updated_at").order_by("slug")

    def lastmod(self, entry):
        return entry.updated_at

    def get_latest_lastmod(self):
        # Django's default reads every item; the index needs only the newest.
        return published(self.model.objects.all()).aggregate(latest=Max("updated_at"))["latest"]


class ProgrammeSitemap(EntrySitemap):
    model = Programme
    changefreq = "weekly"
    priority = 0.8


class InstitutionSitemap(EntrySitemap):
    model = Institution
    changefreq = "monthly"
    priority = 0.6


class StaticSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return STATIC_PAGES

    def location(self, name):
        return reverse(name)


SITEMAPS = {"pages": StaticSitemap, "programmes": ProgrammeSitemap, "institutions": InstitutionSitemap}


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /redaktion/",
        "Disallow: /api/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
