"""Issue 15, reproduction 4: while a large import runs, the site keeps
answering. A real server (gunicorn, two workers, DEBUG off) on SQLite (WAL)
and PostgreSQL; an import of IMPORTED programmes runs in its own process
(the import jobs' code, all or nothing) while four readers send start page,
search, programme page and API requests in parallel, without pause, each
turn about with a feed (Atom, deadline calendar, sitemap page). Every
answer must be 200 and every feed must parse: no 500, no "database is
locked", no half-written feed. The figures are printed (pytest -s) for the
issue's note."""

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import feedparser
import icalendar
import pytest

from bench.imports import document
from ops.tests.servers import (
    ROOT,
    collected_static,
    get,
    gunicorn_command,
    manage,
    migrated_database,
    production_environment,
    serve,
)

SEEDED, IMPORTED = 300, 1200
# A reader that needed SQLite's write lock would wait this long for the
# import, then fail ("database is locked"): shorter than the import lasts,
# so that such a reader shows, however fast the import has become.
BUSY_SECONDS = 3
# One reader per pair: a page, then a feed, then the page again.
READERS = (
    ("/", "/api/v1/feeds/programmes.atom"),
    ("/suche/?q=sprache+verein", "/api/v1/feeds/deadlines.ics?q=kultur"),
    ("/foerderungen/p7/", "/sitemap-programmes.xml"),
    ("/api/v1/search?q=kultur", "/api/v1/feeds/programmes.atom?q=sprache&status=open"),
)
PATHS = tuple(path for pair in READERS for path in pair)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp(f"readers-{request.param}")
    with migrated_database(request.param, directory) as url:
        # No rate limit: the readers ask as fast as they can on purpose.
        limits = {"ATLAS_API_RATE_LIMIT": 10**6, "ATLAS_SEARCH_RATE_LIMIT": 10**6}
        env = production_environment(
            url, collected_static(), ATLAS_WORKERS=2, ATLAS_SQLITE_BUSY_SECONDS=BUSY_SECONDS, **limits
        )
        seed = document(SEEDED)
        (directory / "seed.json").write_text(json.dumps(seed))
        big = document(IMPORTED, seed=7)  # the same ids (p0…): a third update, the rest new
        big["programmes"] = big["programmes"][SEEDED // 3 :]  # p100…p299 updated, p300… new
        (directory / "big.json").write_text(json.dumps(big))
        manage(env, "import_catalogue", str(directory / "seed.json"))
        with serve(env, directory / "server.log", command=gunicorn_command()) as server:
            yield server, env, directory


def _readable(path, body):
    """Whether a feed's body parses as what it says it is, each entry once
    (pages: always)."""
    if path.startswith("/api/v1/feeds/programmes.atom"):
        feed = feedparser.parse(body)
        ids = [entry.id for entry in feed.entries]
        return feed.bozo == 0 and len(ids) == len(set(ids))
    if path.startswith("/api/v1/feeds/deadlines.ics"):
        uids = [str(event["UID"]) for event in icalendar.Calendar.from_ical(body).walk("VEVENT")]
        return len(uids) == len(set(uids))
    if path.startswith("/sitemap"):
        return body.startswith(b"<?xml") and body.rstrip().endswith(b"</urlset>")
    return True


def _sitemap(url):
    """Every programme address of the sitemap, all its pages."""
    addresses, page = "", 1
    while (answer := get(f"{url}/sitemap-programmes.xml?p={page}")).status == 200:
        addresses, page = addresses + answer.body.decode(), page + 1
    return addresses


def _reader(url, paths, stop, answers):
    turn = 0
    while not stop.is_set():
        path = paths[turn % len(paths)]
        turn += 1
        started = time.perf_counter()
        try:
            answer = get(url + path, timeout=60)
            status = answer.status if _readable(path, answer.body) else "unreadable"
        except (OSError, ValueError) as error:  # a timeout, a refused connection, a broken feed
            status = type(error).__name__
        answers.append((path, status, time.perf_counter() - started))


def test_pages_answer_while_a_large_import_runs(site):
    server, env, directory = site
    stop, answers = threading.Event(), []
    readers = [threading.Thread(target=_reader, args=(server.url, pair, stop, answers)) for pair in READERS]
    for reader in readers:
        reader.start()
    started = time.perf_counter()
    try:
        imported = subprocess.run(
            [sys.executable, "manage.py", "import_catalogue", str(directory / "big.json")],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - started
    finally:
        stop.set()
        for reader in readers:
            reader.join()

    assert imported.returncode == 0, imported.stderr[-2000:]
    assert seconds > BUSY_SECONDS  # long enough that a reader waiting for it would fail
    failures = [(path, status) for path, status, _s in answers if status != 200]
    slowest = {path: max(s for p, _st, s in answers if p == path) for path in PATHS}
    print(
        f"\n{server.url}: import of {IMPORTED} programmes {seconds:.1f} s; "
        f"{len(answers)} answers during it ({len(answers) / seconds:.1f}/s), "
        f"{len(failures)} not 200, slowest (s): {json.dumps(slowest)}"
    )
    assert failures == []
    assert {path for path, _st, _s in answers} == set(PATHS)  # every kind answered during the import
    assert "database is locked" not in Path(server.log).read_text()
    last = f"/foerderungen/p{IMPORTED - 1}/"
    assert get(server.url + last).status == 200  # and the import is public
    assert last in _sitemap(server.url)  # and in the sitemap
