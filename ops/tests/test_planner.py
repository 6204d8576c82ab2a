"""SQLite's planner statistics follow the catalogue (ops.planner): an
import that commits refreshes them, a dry run leaves them alone."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection

from catalogue.models import Programme
from ops import planner

from .conftest import DEMO

pytestmark = [
    # The refresh waits for the import's commit; the vocabularies are restored after each.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum keeps its statistics"),
]


def counted_programmes():
    """The number of programmes the statistics hold (None without any)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'catalogue_programme' AND stat != ''")
        row = cursor.fetchone()
    return int(row[0].split()[0]) if row else None


def forget_statistics():
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1")


def test_an_import_refreshes_the_statistics_once_it_commits():
    forget_statistics()
    call_command("import_catalogue", str(DEMO), stdout=StringIO(), stderr=StringIO())
    assert Programme.objects.count() > 0
    assert counted_programmes() == Programme.objects.count()


def test_a_dry_run_leaves_them_as_they_were():
    forget_statistics()
    call_command("import_catalogue", str(DEMO), "--dry-run", stdout=StringIO(), stderr=StringIO())
    assert counted_programmes() is None


def test_migrate_refreshes_them():
    forget_statistics()
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1")
        assert cursor.fetchone()[0] > 0


def test_a_refresh_that_fails_leaves_the_import_saved_and_reported(monkeypatch):
    """Another writer holds the database longer than the busy timeout."""

    def locked(using="default"):
        raise OperationalError("database is locked")

    monkeypatch.setattr(planner, "refresh_statistics", locked)
    out = StringIO()
    call_command("import_catalogue", str(DEMO), stdout=out, stderr=StringIO())
    assert Programme.objects.count() > 0
    assert out.getvalue()
