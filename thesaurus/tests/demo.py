"""The demo catalogue, imported once per test module (importing it takes
seconds) and removed again afterwards."""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.http import QueryDict

from catalogue.interchange.importer import import_document
from catalogue.models import Institution, Programme
from search.core import search
from search.index import bulk_indexing

DEMO = Path(settings.BASE_DIR) / "demo" / "catalogue.json"


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with bulk_indexing():
            report = import_document(json.loads(DEMO.read_text(encoding="utf-8")))
        assert not report.errors
        yield
        with bulk_indexing():
            Programme.objects.all().delete()
            Institution.objects.all().delete()


def found(query, **params):
    """Slugs of every entry a search for `query` finds, in order."""
    result = search(QueryDict(urlencode({"q": query, **params})), per_page=200)
    return [hit.object.slug for hit in result.hits]
