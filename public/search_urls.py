"""The Suche page's URL, /suche/. Its view lives in public like every page;
the namespace stays `search` because `search:search` is a contract that
alerts' mails, the sitemap, saved links and many templates reverse."""

from django.urls import path

from . import search_page

app_name = "search"

urlpatterns = [
    path("", search_page.search_page, name="search"),
]
