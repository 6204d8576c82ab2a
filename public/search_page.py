import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from catalogue.status import today
from ops.limits import over_limit
from search import snapshot
from search.core import search

from . import cards, search_fragments

# Long enough for a burst of the same searches, short enough to bound memory.
PAGE_SECONDS = 600


def _page_key(request, version, on):
    """The cache key of a rendered search page: the URL (the whole search
    state), the language, the day (statuses) and the index version (see
    search.snapshot). None when the index has no version to trust."""
    if version is None:
        return None
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"search-page:{version}:{on.isoformat()}:{get_language()}:{url}"


def search_page(request):
    """GET /suche/?q=…&region=…: the whole search state is in the URL.
    The page holds nothing personal, so a rendered page is kept for every
    visitor until the index or the day changes: a repeated search costs one
    query. Each visitor may search ATLAS_SEARCH_RATE_LIMIT times a minute,
    far more than a person clicks, far less than a script can ask."""
    wait = over_limit("search", request.META.get("REMOTE_ADDR", ""), settings.ATLAS_SEARCH_RATE_LIMIT)
    if wait:
        response = render(request, "public/search/too_many.html", {"seconds": wait}, status=429)
        response.headers["Retry-After"] = str(wait)
        return response
    cache = caches["local"]  # per process: a rendered page is cheap to make again
    version, on = snapshot.token(), today()
    key = _page_key(request, version, on)
    content = cache.get(key) if key else None
    if content is not None:
        return HttpResponse(content)
    result = search(request.GET, on=on, version=version)
    cards.attach(result.hits, version, on)
    context = {
        "result": result,
        "filters_html": search_fragments.filters(result),
        "results_html": search_fragments.results(result.hits, request) if result.hits else "",
    }
    response = render(request, "public/search/search.html", context)
    if key:
        cache.set(key, response.content, PAGE_SECONDS)
    return response
