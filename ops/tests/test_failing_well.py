"""The database goes away under a running server (gunicorn with the
repository's config, PostgreSQL stopped): friendly 503 pages in the visitor's
language with Retry-After, the API's JSON error shape (feeds and sitemap
pages answer 503 too), /health degraded, one log line per incident and
worker instead of a traceback per request; when the database is back,
everything answers again."""

import time

import pytest

from .servers import gunicorn_command, serve

pytestmark = pytest.mark.django_db(transaction=False, databases=[])


def _wait_healthy(server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.get("/health").status == 200:
            return
        time.sleep(0.5)
    raise AssertionError("the atlas did not recover")


def _lines_once_recovered(server, seconds=20):
    """The worker that saw the outage logs its recovery on its next request;
    which worker accepts a request is up to the kernel, so ask a few times."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lines = server.log_lines()
        if any(line.get("incident") == "recovered" for line in lines):
            return lines
        server.get("/")
        time.sleep(0.1)
    return server.log_lines()


def test_database_outage_gives_503_in_the_visitors_language_and_one_log_line(postgres_env):
    env, cluster, directory = postgres_env
    with serve(env, directory / "outage.log", command=gunicorn_command()) as server:
        assert server.get("/").status == 200
        cluster.stop()
        try:
            german = server.get("/")
            english = server.get("/en/suche/?q=sprache")
            api = server.get("/api/v1/search?q=sprache", headers={"Accept-Language": "en"})
            health = server.get("/health")
            feeds = [
                "/api/v1/feeds/programmes.atom?q=sprache",
                "/api/v1/feeds/deadlines.ics",
                "/sitemap-programmes.xml",
            ]
            others = [
                server.get(path).status
                for path in ["/suche/", "/foerderer/x/", "/api/v1/regions", *feeds] * 5
            ]
            about = server.get("/ueber/")  # needs no database
        finally:
            cluster.start()
        _wait_healthy(server)
        assert server.get("/").status == 200
        lines = _lines_once_recovered(server)

    assert german.status == 503
    assert german.headers["Retry-After"] == "30"
    page = german.body.decode()
    assert '<html lang="de"' in page
    assert "Vorübergehend nicht erreichbar" in page
    assert german.headers["X-Request-ID"] in page
    assert english.status == 503
    assert '<html lang="en"' in english.body.decode()
    assert "Temporarily unavailable" in english.body.decode()
    assert api.status == 503
    assert api.headers["Content-Type"].startswith("application/json")
    assert api.headers["Retry-After"] == "30"
    [problem] = api.json()["errors"]
    assert problem["code"] == "unavailable"
    assert problem["field"] is None
    assert "unavailable" in problem["message"].lower() or "not reachable" in problem["message"].lower()
    assert health.status == 503
    assert health.json()["status"] == "degraded"
    assert health.json()["database"] == "unavailable"
    assert set(others) == {503}
    assert about.status == 200

    incidents = [line for line in lines if line.get("incident") == "database_unavailable"]
    assert 1 <= len(incidents) <= 2  # one per worker that saw the outage
    assert all(line["level"] == "ERROR" for line in incidents)
    assert not [line for line in lines if "exception" in line]  # no traceback at all
    assert [line for line in lines if line.get("incident") == "recovered"]
