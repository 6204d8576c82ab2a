"""A GET never writes (issue 14): the database is byte for byte the same
after 50 varied GETs — searches, API, detail pages, feeds, map,
Fördercheck — also when the day changes between them and the first search
of the new day has statuses to compute."""

from datetime import date, timedelta
from hashlib import sha256

import pytest
from django.db import connection

from api.tests.helpers import body
from catalogue.models import Deadline, Programme
from catalogue.queries import published, with_status
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from public.tests.factories import rich_institution, rich_programme
from search import snapshot
from search.models import SearchDocument

PATHS = [
    "/",
    "/suche/",
    "/suche/?q=Nachbarschaft",
    "/suche/?q=Nachbarschft",  # a typo: the spelling fallback
    "/suche/?status=open&sort=deadline",
    "/suche/?status=closing_soon",
    "/suche/?region=03241&type=programme",
    "/suche/?integration_area=sprachfoerderung&sort=amount",
    "/suche/?amount=10000&own_contribution=in_kind",
    "/suche/?deadline_from=2026-12-01&deadline_to=2027-01-31",
    "/suche/?q=%22gutes+Miteinander%22&page=1",
    "/suche/?q=-Sport&sort=newest",
    "/foerderungen/nachbarschaft-verbindet/",
    "/foerderungen/sprachcafe/",
    "/foerderer/stiftung-miteinander/",
    "/foerderungen/gibt-es-nicht/",
    "/karte/",
    "/karte/?integration_area=sprachfoerderung",
    "/foerdercheck/",
    "/foerdercheck/?region=03241&applicant_type=verein&amount=20000",
    "/ratgeber/",
    "/api/v1/search?q=Nachbarschaft",
    "/api/v1/search?status=open",
    "/api/v1/search.csv?q=Sprache",
    "/api/v1/search.xlsx",
    "/api/v1/search.interchange.json",
    "/api/v1/check?region=03241&applicant_type=verein",
    "/api/v1/programmes",
    "/api/v1/programmes/nachbarschaft-verbindet",
    "/api/v1/programmes/nachbarschaft-verbindet/deadlines.ics",
    "/api/v1/institutions",
    "/api/v1/institutions/stiftung-miteinander",
    "/api/v1/vocabularies",
    "/api/v1/regions",
    "/api/v1/feeds/programmes.atom",
    "/api/v1/feeds/deadlines.ics",
    "/api/v1/openapi.json",
    "/sitemap.xml",
    "/sitemap-programmes.xml",
    "/en/suche/?q=Nachbarschaft",
    "/ar/suche/?status=open",
]
assert len(PATHS) * 2 >= 50  # twice each: on the pinned day and on the next


def answer(client, path):
    response = client.get(path)
    body(response)  # an export holds its slot until it is read and closed
    response.close()
    return response.status_code


def catalogue():
    institution = rich_institution()
    rich_programme(institution)
    ProgrammeFactory(slug="sprachcafe", title="Sprachcafé", regions=["03241"], deadline_kind="rolling")
    soon = ProgrammeFactory(slug="bald", title="Bald zu Ende", deadline_kind="dates")
    Deadline.objects.create(programme=soon, date=date(2026, 11, 25))  # the last day: expired on the next
    InstitutionFactory(slug="klosterkammer", name="Klosterkammer")


def fingerprint():
    """SQLite: the database's bytes and its count of changed rows.
    PostgreSQL: a hash of every table's rows and every sequence's value."""
    if connection.vendor == "sqlite":
        raw = connection.connection
        return sha256(raw.serialize()).hexdigest(), raw.total_changes
    digest = sha256()
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        for (table,) in cursor.fetchall():
            cursor.execute(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
            )
            digest.update(f"{table}={cursor.fetchone()[0]};".encode())
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        digest.update(repr(sorted(cursor.fetchall())).encode())
    return digest.hexdigest(), None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_varied_gets_leave_the_database_byte_identical(client, settings, pinned_today):
    catalogue()
    before = fingerprint()
    statuses = []

    for day in (pinned_today, pinned_today + timedelta(days=1)):
        settings.ATLAS_TODAY = day  # the first request of a new day
        codes = [answer(client, path) for path in PATHS]
        assert [(p, c) for p, c in zip(PATHS, codes, strict=True) if c >= 500] == []
        expired = client.get("/api/v1/search?status=expired&type=programme").json()["data"]
        statuses.append([item["id"] for item in expired])

    assert fingerprint() == before
    assert set(SearchDocument.objects.filter(kind="programme").values_list("status_on", flat=True)) == {
        pinned_today
    }
    assert statuses == [[], ["bald"]]  # the new day's statuses, computed without writing


@pytest.mark.django_db
def test_another_days_statuses_are_computed_for_programmes_only():
    catalogue()
    day = date(2027, 3, 1)

    rows = {
        (kind, entry): (code, deadline)
        for _id, kind, entry, code, deadline, *_rest in snapshot._documents(day)
    }

    programmes = with_status(published(Programme.objects.all()), day).values_list(
        "pk", "status_code", "next_deadline"
    )
    assert {pk: (c, d) for (kind, pk), (c, d) in rows.items() if kind == "programme"} == {
        pk: (c, d) for pk, c, d in programmes
    }
    assert {v for (kind, _pk), v in rows.items() if kind == "institution"} == {(None, None)}
