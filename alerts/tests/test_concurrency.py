"""A double-clicked sign-up form and two tabs confirming at once, as real
parallel requests against a live server: no duplicate, no error.

On SQLite the server is a separate `manage.py runserver` process on its own
database file (pytest-django's live server would share one SQLite
connection between threads, so nothing would run in parallel), and the test
database is not touched; on PostgreSQL it is pytest-django's threaded live
server (a transactional test that puts the seeded data back afterwards).
"""

import http.cookiejar
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from browser_tests.conftest import ROOT, free_port, server_environment, wait_until_up
from ops.tests.servers import collected_static, migrated_sqlite

from .conftest import links

PARALLEL = 6


@pytest.fixture
def server(request, mailbox, tmp_path):
    """The base URL of a server whose mails go to `mailbox`."""
    if connection.vendor == "postgresql":
        # The seeded vocabularies come back after the test, for the tests after it.
        request.getfixturevalue("django_db_serialized_rollback")
        live = request.getfixturevalue("live_server")
        from django.conf import settings

        settings.ATLAS_BASE_URL = live.url
        yield live.url
        return
    migrated_sqlite(tmp_path / "atlas.db")
    env = server_environment(tmp_path / "atlas.db")
    env["ATLAS_STATIC_ROOT"] = str(collected_static())
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env.update(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mailbox.port),
        ATLAS_BASE_URL=url,
    )
    with open(tmp_path / "server.log", "w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--nostatic"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_up(url, process)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener():
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect), jar


def status_of(open_url, url, data=None, headers=None):
    try:
        request = urllib.request.Request(url, data=data, headers=headers or {})
        with open_url.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def all_at_once(call):
    """Run `call` in PARALLEL threads released together; their results."""
    barrier, results = threading.Barrier(PARALLEL), [None] * PARALLEL

    def worker(index):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def test_double_submit_and_parallel_confirmation(server, mailbox):
    browser, jar = opener()
    status_of(browser, f"{server}/benachrichtigungen/?q=Sport")  # the form sets the CSRF cookie
    token = next(c.value for c in jar if c.name == "csrftoken")
    form = {"csrfmiddlewaretoken": token, "email": "doppelt@example.org", "consent": "on", "q": "Sport"}
    data = urllib.parse.urlencode(form).encode()

    # The cookie is Secure (DEBUG off), the server plain HTTP: sent by hand as a browser would over TLS.
    cookie = {"Cookie": f"csrftoken={token}"}
    codes = all_at_once(lambda: status_of(browser, f"{server}/benachrichtigungen/", data, cookie))
    assert codes == [302] * PARALLEL
    mails = mailbox.to("doppelt@example.org")
    assert 1 <= len(mails) <= 3  # the same pending alert; the per-address limit caps the mails
    confirm_urls = {u for m in mails for u in links_any(m) if "/bestaetigen/" in u}
    assert len(confirm_urls) == 1  # one alert, one token
    (confirm_url,) = confirm_urls

    codes = all_at_once(lambda: status_of(opener()[0], confirm_url, b""))
    assert codes == [302] * PARALLEL
    manage_url = confirm_url.replace("/bestaetigen/", "/verwalten/")
    assert status_of(opener()[0], manage_url) == 200


def links_any(message):
    return [word for word in links(message) if word.startswith("http")]
