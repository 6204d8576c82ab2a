import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from catalogue.status import today

from . import snapshot
from .core import search

# Long enough for a burst of the same searches, short enough to bound memory.
PAGE_SECONDS = 600


def _page_key(request):
    """The cache key of a rendered search page: the URL (the whole search
    state), the language, the day (statuses) and the index version (see
    search.snapshot). None when the index has no version to trust."""
    version = snapshot.token()
    if version is None:
        return None
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"search-page:{version}:{today().isoformat()}:{get_language()}:{url}"


def search_page(request):
    """GET /suche/?q=…&region=…: the whole search state is in the URL.
    The page holds nothing personal, so a rendered page is kept for every
    visitor until the index or the day changes: a repeated search costs one
    query."""
    key = _page_key(request)
    content = cache.get(key) if key else None
    if content is not None:
        return HttpResponse(content)
    response = render(request, "search/search.html", {"result": search(request.GET)})
    if key:
        cache.set(key, response.content, PAGE_SECONDS)
    return response
