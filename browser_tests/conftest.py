"""Browser tests: Debian's chromium, driven by Playwright, against a live
server that holds the demo catalogue.

The server is a separate `manage.py runserver` process on 127.0.0.1 with a
free port, its own throw-away SQLite database (migrated, demo catalogue
imported once) and DEBUG off, so the pages are the ones visitors get (real
404 page, no debug toolbar). Why not pytest-django's `live_server`: it forces
`transactional_db`, which empties the database after every test (the demo
catalogue would be imported again for each of the ~100 page checks, and the
seeded vocabularies would be gone for the transactional tests that run
after), and it shares one SQLite connection between test and server threads.

One server and one browser serve the whole session (the suite must stay
under a few minutes on two cores); every test gets a fresh browser context,
so cookies, viewport and "JavaScript off" never leak between tests.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DEMO_CATALOGUE = ROOT / "demo" / "catalogue.json"
ARTIFACTS = ROOT / "test-artifacts"
# The day the whole suite lives on (see the root conftest.py).
TODAY = "2026-11-25"
CHROMIUM = "/usr/bin/chromium"
# Headless and quiet: no first-run pages, no update checks or other requests
# leaving the machine while the suite runs.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
LANGUAGES = ["de", "en", "ar", "tr", "uk", "ru", "fa"]


@dataclass
class Site:
    url: str
    facts: dict = field(default_factory=dict)
    database: Path | None = None  # the server's SQLite file, for tests that read what it stored

    def path(self, path, language="de"):
        """ "/suche/" in a language: "/suche/" (German) or "/en/suche/"."""
        return path if language == "de" else f"/{language}{path}"


def demo_facts():
    """What the journeys need to know about the demo catalogue, e.g.
    {"programme": "richtlinie-…", "institution": "miso-netzwerk-hannover-e-v", …}."""
    data = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    programme = data["programmes"][0]
    institution = next(i for i in data["institutions"] if i["id"] == "miso-netzwerk-hannover-e-v")
    areas = Counter(area for p in data["programmes"] for area in p["integration_areas"])
    return {
        "area": areas.most_common(1)[0][0],
        "programme": programme["id"],
        "programme_title": programme["title"],
        "institution": institution["id"],
        "institution_name": institution["name"],
        "programmes": len(data["programmes"]),
        # The programme with the most text: the one most likely to print long.
        "longest_programme": max(
            data["programmes"], key=lambda p: len(p.get("description", "")) + len(p.get("goals", ""))
        )["id"],
    }


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment(database):
    env = dict(os.environ)
    env.update(
        {
            "ATLAS_DEBUG": "0",
            "SECRET_KEY": "browser-tests-only-not-secret-" + "x" * 30,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "ATLAS_STATIC_ROOT": str(database.parent / "static"),
            "DATABASE_URL": f"sqlite:///{database}",
            "ATLAS_TODAY": TODAY,
            "PYTHONWARNINGS": "ignore",
            # Every browser test sends from 127.0.0.1; the per-client limit of
            # the feedback forms is tested in feedback/tests, not here.
            "ATLAS_FEEDBACK_RATE_LIMIT": "1000",
        }
    )
    return env


def manage(env, log, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=log, stderr=log
    )


def wait_until_up(url, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test server exited early; see {ARTIFACTS / 'server.log'}")
        try:
            with urllib.request.urlopen(url + "/ueber/", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"The test server did not answer within {seconds} s")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The running server: `site.url`, `site.facts`, `site.path(…)`."""
    database = tmp_path_factory.mktemp("site") / "atlas.db"
    env = server_environment(database)
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    with open(ARTIFACTS / "server.log", "w") as log:
        manage(env, log, "migrate", "-v0")
        manage(env, log, "collectstatic", "--noinput", "-v0")
        manage(env, log, "import_catalogue", str(DEMO_CATALOGUE))
        log.flush()
        # --nostatic: WhiteNoise serves the collected, hashed files, as in production.
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nostatic"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_up(url, process)
            yield Site(url=url, facts=demo_facts(), database=database)
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser(site):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, site):
    """Open pages in fresh contexts: new_page(java_script_enabled=False, …)."""
    contexts = []

    def open_page(**options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "de-DE")
        context = browser.new_context(base_url=site.url, **options)
        context.set_default_timeout(5_000)
        contexts.append(context)
        page = context.new_page()
        # axe is JavaScript: evaluated in such a page it would wait forever.
        page.without_javascript = options.get("java_script_enabled") is False
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="module")
def shared_page(browser, site):
    """One page for a whole module of read-only checks (one context instead
    of one per parametrised test keeps the suite fast)."""
    context = browser.new_context(base_url=site.url, viewport=DESKTOP, locale="de-DE")
    context.set_default_timeout(5_000)
    yield context.new_page()
    context.close()
