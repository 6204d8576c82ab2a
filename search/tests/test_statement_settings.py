"""Settings for one statement (`search.fulltext.fetch`): in force for that
statement, gone after it, whether or not the caller has a transaction open.
A setting that stayed (enable_seqscan = off) made PostgreSQL cost every
later statement of the transaction at 10^10 and compile each with JIT."""

import pytest
from django.db import DatabaseError, connection, transaction

from search.fulltext import POSTGRES_MATCH_SETTINGS, fetch

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="settings are PostgreSQL's")

SEQSCAN = "SELECT current_setting('enable_seqscan')"


def seqscan():
    with connection.cursor() as cursor:
        cursor.execute(SEQSCAN)
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_setting_holds_for_its_statement_only():
    assert fetch(SEQSCAN, [], settings=POSTGRES_MATCH_SETTINGS) == [("off",)]
    assert seqscan() == "on"


@pytest.mark.django_db(transaction=True)
def test_the_callers_transaction_keeps_its_own_settings():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '5MB'")
        assert fetch(SEQSCAN, [], settings=POSTGRES_MATCH_SETTINGS) == [("off",)]
        assert seqscan() == "on"
        with connection.cursor() as cursor:
            cursor.execute("SHOW work_mem")
            assert cursor.fetchone()[0] == "5MB"


@pytest.mark.django_db(transaction=True)
def test_a_failing_statement_leaves_the_callers_transaction_usable():
    with transaction.atomic():
        with pytest.raises(DatabaseError):
            fetch("SELECT 1 / 0", [], settings=POSTGRES_MATCH_SETTINGS)
        assert seqscan() == "on"


@pytest.mark.django_db
def test_an_extensions_setting_is_set_before_the_extension_is_loaded():
    threshold = "SELECT current_setting('pg_trgm.similarity_threshold')"
    assert fetch(threshold, [], settings={"pg_trgm.similarity_threshold": "0.39"}) == [("0.39",)]
