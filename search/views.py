from django.shortcuts import render

from .core import search


def search_page(request):
    """GET /suche/?q=…&region=…: the whole search state is in the URL."""
    return render(request, "search/search.html", {"result": search(request.GET)})
