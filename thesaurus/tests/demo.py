"""The demo catalogue, imported once per test module (importing it takes
seconds) and removed again afterwards."""

import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, models
from django.db.models import Max, ProtectedError
from django.http import QueryDict

from catalogue.interchange.importer import import_document
from catalogue.models import Institution, Programme
from search.core import search
from search.index import bulk_indexing

DEMO = Path(settings.BASE_DIR) / "demo" / "catalogue.json"


def _last_ids():
    """The highest id of every table with integer ids, to find what a test module added."""
    last = {}
    for model in apps.get_models():
        tabled = model._meta.managed and not model._meta.proxy
        if tabled and isinstance(model._meta.pk, (models.AutoField, models.BigAutoField)):
            last[model] = model._default_manager.aggregate(last=Max("pk"))["last"] or 0
    return last


def _delete_added(before):
    """Delete every row added since `before` (entries first, then what
    the import left besides them: history, revisions, index rows)."""
    with bulk_indexing():
        Programme.objects.all().delete()
        Institution.objects.all().delete()
    for _round in range(3):
        for model, last in before.items():
            try:
                model._default_manager.filter(pk__gt=last).delete()
            except (ProtectedError, IntegrityError):
                continue


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        before = _last_ids()
        with bulk_indexing():
            report = import_document(json.loads(DEMO.read_text(encoding="utf-8")))
        assert not report.errors
        yield
        _delete_added(before)


def found(query, **params):
    """Slugs of every entry a search for `query` finds, in order."""
    result = search(QueryDict(urlencode({"q": query, **params})), per_page=200)
    return [hit.object.slug for hit in result.hits]
