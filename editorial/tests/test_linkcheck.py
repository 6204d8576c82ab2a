"""`manage.py check_links` against a local HTTP server started in the test
(there is no internet here): 200, 301, 404, 500, a server that hangs, and
one that refuses HEAD."""

import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from editorial import linkcheck
from editorial.models import LinkCheck

from .factories import LinkCheckFactory

TIMEOUT = 0.5


class FakeSite:
    """What the local server saw: user agents, methods, most requests at once."""

    def __init__(self):
        self.release = threading.Event()
        self.lock = threading.Lock()
        self.user_agents, self.requests = set(), []
        self.in_flight = self.most_in_flight = 0


def make_handler(site):
    class Handler(BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.answer(send_body=False)

        def do_GET(self):
            self.answer(send_body=True)

        def answer(self, send_body):
            with site.lock:
                site.user_agents.add(self.headers["User-Agent"])
                site.requests.append((self.command, self.path))
                site.in_flight += 1
                site.most_in_flight = max(site.most_in_flight, site.in_flight)
            # Done before the answer goes out: once the client has it, it may
            # send its next request before this thread would get to count down.
            try:
                status, headers = self.decide()
            finally:
                with site.lock:
                    site.in_flight -= 1
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if send_body:
                self.wfile.write(b"ok")

        def decide(self):
            path = self.path.split("?")[0]
            if path == "/langsam":
                site.release.wait(5)  # hangs until the test is over
            if path == "/gemaechlich":
                time.sleep(0.2)
            return {
                "/alt": (301, {"Location": "/neu"}),
                "/fehlt": (404, {}),
                "/kaputt": (500, {}),
                "/nur-get": (405 if self.command == "HEAD" else 200, {}),
            }.get(path, (200, {}))

        def log_message(self, *args):
            pass  # keep the test output clean

    return Handler


@pytest.fixture
def site():
    fake = FakeSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield fake
    fake.release.set()
    server.shutdown()
    server.server_close()
    thread.join(5)


def outcome(result):
    return (result.status_code, result.ok, result.error, result.redirect_to, result.method)


def test_check_records_status_redirect_and_timeout(site):
    paths = ["/ok", "/alt", "/fehlt", "/kaputt", "/langsam", "/nur-get"]

    results = linkcheck.check_all([site.base + p for p in paths], workers=4, timeout=TIMEOUT)

    assert [outcome(r) for r in results] == [
        (200, True, "", "", "HEAD"),
        (301, True, "", f"{site.base}/neu", "HEAD"),
        (404, False, "", "", "GET"),
        (500, False, "", "", "GET"),
        (None, False, "Zeitüberschreitung", "", "HEAD"),
        (200, True, "", "", "GET"),
    ]


def test_check_tries_get_after_refused_head(site):
    linkcheck.check_url(site.base + "/nur-get", timeout=TIMEOUT)

    assert site.requests == [("HEAD", "/nur-get"), ("GET", "/nur-get")]


def test_check_sends_polite_user_agent(site, settings):
    settings.ATLAS_OPERATOR = settings.ATLAS_OPERATOR | {"email": "redaktion@atlas.example"}

    linkcheck.check_url(site.base + "/ok", timeout=TIMEOUT)

    assert site.user_agents == {"Foerderatlas-Linkpruefung/1.0 (+redaktion@atlas.example)"}


def test_check_keeps_to_worker_limit(site):
    urls = [f"{site.base}/gemaechlich?{n}" for n in range(6)]

    linkcheck.check_all(urls, workers=2, timeout=2)

    assert site.most_in_flight == 2


def test_check_of_unreachable_server_names_reason():
    result = linkcheck.check_url("http://127.0.0.1:9/", timeout=TIMEOUT)

    assert (result.ok, result.error.startswith("Nicht erreichbar:")) == (False, True)


def test_check_refuses_other_schemes():
    assert linkcheck.check_url("ftp://example.org/datei").error == "Keine http- oder https-Adresse"


@pytest.mark.django_db
def test_check_links_command_records_result_per_url(site):
    ProgrammeFactory(
        links=[{"title": "Richtlinie", "url": site.base + "/ok"}, {"url": site.base + "/fehlt"}],
        sources=[site.base + "/alt"],
    )
    InstitutionFactory(website=site.base + "/kaputt", sources=[site.base + "/langsam"])
    ProgrammeFactory(state="archived", links=[{"url": site.base + "/archiv"}])
    LinkCheckFactory(url="https://nicht-mehr-verwendet.example/")
    out = StringIO()

    call_command("check_links", "--timeout", str(TIMEOUT), "--workers", "3", stdout=out)

    stored = {
        c.url.removeprefix(site.base): (c.status_code, c.ok, c.error, c.redirect_to)
        for c in LinkCheck.objects.all()
    }
    assert stored == {
        "/alt": (301, True, "", f"{site.base}/neu"),
        "/fehlt": (404, False, "", ""),
        "/kaputt": (500, False, "", ""),
        "/langsam": (None, False, "Zeitüberschreitung", ""),
        "/ok": (200, True, "", ""),
    }
    assert out.getvalue().splitlines()[-1] == "5 Adressen geprüft, 3 fehlerhaft, 1 alte Ergebnisse entfernt."


@pytest.mark.django_db
def test_check_links_keeps_first_failure_time(site):
    url = site.base + "/fehlt"
    first = LinkCheckFactory(url=url, status_code=404, failing_since=datetime(2026, 11, 1, tzinfo=UTC))

    call_command("check_links", url, "--timeout", str(TIMEOUT), stdout=StringIO())

    check = LinkCheck.objects.get(url=url)
    assert (check.failing_since, check.checked_at > first.checked_at) == (first.failing_since, True)


@pytest.mark.django_db
def test_check_links_refuses_bad_options():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("check_links", "--workers", "0", stdout=StringIO())
