"""sitemap.xml (published programmes and institutions, static pages) and
robots.txt. Host and scheme come from the request (no sites framework)."""

from django.contrib.sitemaps import Sitemap
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


class ProgrammeSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return published(Programme.objects.all()).only("slug", "updated_at").order_by("slug")

    def lastmod(self, programme):
        return programme.updated_at


class InstitutionSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return published(Institution.objects.all()).only("slug", "updated_at").order_by("slug")

    def lastmod(self, institution):
        return institution.updated_at


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
