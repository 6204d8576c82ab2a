"""`make serve` as an operator runs it: static files, compression, cache
headers, /health, JSON logs, and refusing to start without its secrets."""

import gzip
import re
import subprocess
import time

import brotli
import pytest

from .servers import ROOT, serve

pytestmark = pytest.mark.django_db(transaction=False, databases=[])

HEX_NAME = re.compile(r'href="(/static/public/css/site\.[0-9a-f]{12}\.css)"')


@pytest.fixture(scope="module")
def site(sqlite_env):
    env, directory = sqlite_env
    with serve({**env, "ATLAS_API_RATE_LIMIT": "5"}, directory / "serve.log") as server:
        yield server


def test_pages_link_static_files_with_hashed_names_cached_a_year(site):
    page = site.get("/")
    stylesheet = HEX_NAME.search(page.body.decode()).group(1)
    answer = site.get(stylesheet, headers={"Accept-Encoding": "br"})
    assert answer.status == 200
    assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert answer.headers["Content-Encoding"] == "br"
    assert b"font" in brotli.decompress(answer.body)
    zipped = site.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.body) == brotli.decompress(answer.body)
    assert site.get("/static/public/img/favicon.svg").status == 200


def test_html_and_json_are_compressed_the_back_office_is_not(site):
    page = site.get("/suche/?q=sprache", headers={"Accept-Encoding": "gzip"})
    assert page.headers["Content-Encoding"] == "gzip"
    assert b"</html>" in gzip.decompress(page.body)
    sitemap = site.get("/sitemap.xml", headers={"Accept-Encoding": "gzip"})
    assert sitemap.headers["Content-Encoding"] == "gzip"
    login = site.get("/redaktion/login/", headers={"Accept-Encoding": "gzip"})
    assert login.status == 200
    assert "Content-Encoding" not in login.headers


def test_health_reports_database_and_search_index(site):
    answer = site.get("/health")
    assert answer.status == 200
    assert answer.json() == {"status": "ok", "database": "ok", "search_index": "ok", "cache": "ok"}
    assert "no-store" in answer.headers["Cache-Control"]


def test_the_workers_start_with_the_entries_kept(site):
    """atlas/warmup.py runs in the master before the workers fork."""
    (line,) = [line for line in site.log_lines() if line.get("logger") == "atlas.warmup"]
    assert line["level"] == "INFO"
    assert re.fullmatch(r"kept the cards and API items of [1-9][0-9]* entries in [0-9.]+ s", line["message"])


def test_every_request_has_an_id_and_one_json_access_line(site):
    answer = site.get("/ueber/", headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64)"})
    request_id = answer.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = [line for line in site.log_lines() if line.get("request_id") == request_id]
    assert len(lines) == 1
    line = lines[0]
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")
    assert (line["method"], line["path"], line["status"]) == ("GET", "/ueber/", 200)
    assert line["user_agent"] == "browser"
    assert isinstance(line["duration_ms"], float)


def test_a_request_id_from_outside_is_not_trusted_without_a_proxy(site):
    answer = site.get("/ueber/", headers={"X-Request-ID": "chosen-by-the-client"})
    assert answer.headers["X-Request-ID"] != "chosen-by-the-client"


def test_api_rate_limit_is_shared_by_the_workers(site):
    """Two workers, the database cache: five API requests a minute in all
    (the only API requests of this module)."""
    for _attempt in range(2):  # a second go if the minute changed half-way
        minute = time.time() // 60
        answers = [site.get("/api/v1/regions") for _ in range(9)]
        if time.time() // 60 == minute:
            break
        time.sleep(61 - time.time() % 60)
    assert [a.status for a in answers] == [200] * 5 + [429] * 4
    assert [a.headers["X-RateLimit-Remaining"] for a in answers] == ["4", "3", "2", "1"] + ["0"] * 5
    assert all(a.headers["Retry-After"] == a.headers["X-RateLimit-Reset"] for a in answers[5:])


@pytest.mark.parametrize(
    "variables, complaint",
    [
        ({"SECRET_KEY": "too-short"}, "at least 50 characters"),
        ({"ALLOWED_HOSTS": ""}, "Set ALLOWED_HOSTS"),
    ],
)
def test_make_serve_refuses_to_start_without_secret_key_or_hosts(sqlite_env, variables, complaint):
    env, _directory = sqlite_env
    finished = subprocess.run(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env={**env, **variables, "HOST": "127.0.0.1:1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode != 0
    assert complaint in finished.stderr
