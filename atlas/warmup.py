"""What a server makes before its first request: the result cards and API
items of the catalogue's entries (`search.kept`), in the site's language.

gunicorn loads the application once and then forks its workers
(deploy/gunicorn.conf.py, `preload_app`); what the master keeps here every
worker starts with, instead of each making every card again while visitors
wait. Entries in the order of the search page without a query (what
visitors see first), until ATLAS_WARM_SECONDS have passed or two thirds of
the `entries` cache are full (a card and an item each); 0 seconds turns it
off.
"""

import logging
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

from api.listing import kept_items
from catalogue.status import today
from public import cards
from search import snapshot
from search.core import search

logger = logging.getLogger(__name__)

BATCH = 200


def _api_request():
    """A request as the API sees one at the site's public address; None
    when that address is not one the site answers (ALLOWED_HOSTS)."""
    address = urlsplit(settings.ATLAS_BASE_URL)
    request = RequestFactory().get(
        "/api/v1/search", HTTP_HOST=address.netloc, secure=address.scheme == "https"
    )
    try:
        request.get_host()
    except DisallowedHost:
        return None
    return request


def _pages(on, version, limit):
    """The hits of the search without a query, BATCH at a time, `limit` in all."""
    number, left = 1, limit
    while left > 0:
        result = search(QueryDict(f"page={number}"), on=on, per_page=BATCH, version=version)
        yield result.hits[:left]
        left -= BATCH
        if number >= result.num_pages:
            return
        number += 1


def warm(seconds=None, limit=None):
    """Keep the cards and API items of up to `limit` entries, for at most
    `seconds`; the number of entries kept. Nothing without an index version
    to trust."""
    seconds = settings.ATLAS_WARM_SECONDS if seconds is None else seconds
    limit = settings.CACHES["entries"]["OPTIONS"]["MAX_ENTRIES"] // 3 if limit is None else limit
    started, warmed = time.monotonic(), 0
    version = snapshot.token() if seconds else None
    if version is None:
        return 0
    on, request = today(), _api_request()
    with translation.override(settings.LANGUAGE_CODE):
        for hits in _pages(on, version, limit):
            cards.attach(hits, version, on)
            if request:
                kept_items(hits, request, version)
            warmed += len(hits)
            if time.monotonic() - started > seconds:
                break
    logger.info("kept the cards and API items of %d entries in %.1f s", warmed, time.monotonic() - started)
    return warmed
