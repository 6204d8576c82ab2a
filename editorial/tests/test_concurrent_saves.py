"""Reproduction 3 of issue 15: two saves of the same entry at the same moment,
as real parallel requests against a real server (gunicorn, two workers,
DEBUG off), on SQLite and on PostgreSQL. Exactly one save wins, the other is
refused with the differing fields and keeps its input; never a 500, never a
silently lost change. Also reproduction 1 end to end: a funder's save leaves
the public page answering 200 with the published text."""

import http.cookiejar
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from bs4 import BeautifulSoup

from ops.tests.servers import (
    ROOT,
    collected_static,
    gunicorn_command,
    migrated_database,
    production_environment,
    serve,
)

from .factories import PASSWORD
from .helpers import form_data

TRIALS = 8

SETUP = f"""
from django.contrib.auth.models import Group, User
from catalogue.models import Institution, Programme, ProgrammeInstitution
from editorial.models import FunderAccount
institution = Institution.objects.create(slug="stiftung-a", name="Stiftung A", state="published")
programme = Programme.objects.create(slug="programm-a", title="Ausgangstitel", state="published")
ProgrammeInstitution.objects.create(programme=programme, institution=institution, role="mittelgeber")
for name in ("anna", "ben"):
    user = User.objects.create_user(name, f"{{name}}@example.org", {PASSWORD!r}, is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
funder = User.objects.create_user("foerderin", "f@example.org", {PASSWORD!r}, is_staff=True)
funder.groups.add(Group.objects.get(name="Förderer"))
FunderAccount.objects.create(user=funder).institutions.add(institution)
print(programme.pk)
"""


class Page:
    def __init__(self, status, body):
        self.status_code, self.content = status, body


class _LoopbackPolicy(http.cookiejar.DefaultCookiePolicy):
    # The server marks its cookies Secure (DEBUG off); the test talks plain
    # http to 127.0.0.1, as nginx would behind TLS.
    def return_ok_secure(self, cookie, request):
        return True


class Browser:
    """One signed-in person: cookies, CSRF token, no redirects followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, url):
        self.url, self.jar = url, http.cookiejar.CookieJar(_LoopbackPolicy())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect
        )

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        headers = {"Referer": self.url + path}
        try:
            with self.opener.open(
                urllib.request.Request(self.url + path, body, headers), timeout=30
            ) as answer:
                return Page(answer.status, answer.read())
        except urllib.error.HTTPError as answer:
            return Page(answer.code, answer.read())

    def login(self, username):
        form = form_data(self.request("/redaktion/login/"), "login-form")
        answer = self.request("/redaktion/login/", form | {"username": username, "password": PASSWORD})
        assert answer.status_code == 302, answer.content[:500]
        return self


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp(f"saves-{request.param}")
    with migrated_database(request.param, directory) as url:
        env = production_environment(url, collected_static(), ATLAS_WORKERS=2)
        shell = [sys.executable, "manage.py", "shell", "-c", SETUP]
        programme = subprocess.run(shell, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        with serve(env, directory / "server.log", command=gunicorn_command()) as server:
            yield server, int(programme.stdout.strip().splitlines()[-1])


def _parallel(*calls):
    """Run the calls at the same instant (a barrier), return their results."""
    barrier, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _title(browser, change):
    page = BeautifulSoup(browser.request(change).content, "html.parser")
    return page.select_one("input[name=title]")["value"]


def test_two_simultaneous_saves_one_wins_the_other_is_told(site):
    server, programme = site
    anna, ben = Browser(server.url).login("anna"), Browser(server.url).login("ben")
    change = f"/redaktion/catalogue/programme/{programme}/change/"
    outcomes = []
    for trial in range(TRIALS):
        forms = [form_data(person.request(change), "programme_form") for person in (anna, ben)]
        titles = [f"Anna {trial}", f"Ben {trial}"]
        answers = _parallel(
            *(
                lambda person=person, form=form, title=title: person.request(change, form | {"title": title})
                for person, form, title in zip((anna, ben), forms, titles, strict=True)
            )
        )
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [200, 302], [a.content[:300] for a in answers]
        loser = next(answer for answer in answers if answer.status_code == 200)
        page = BeautifulSoup(loser.content, "html.parser")
        errors = " ".join(page.select_one("ul.errorlist.nonfield").get_text().split())
        winner = titles[[a.status_code for a in answers].index(302)]
        assert "wurde inzwischen von" in errors
        assert "unterscheiden sich von der gespeicherten Fassung in: Titel." in errors
        assert page.select_one("input[name=title]")["value"] in titles
        assert _title(anna, change) == winner
        outcomes.append(winner)
    assert len(outcomes) == TRIALS


def test_funder_save_keeps_public_page_answering_with_published_text(site):
    server, programme = site
    funder = Browser(server.url).login("foerderin")
    change = f"/redaktion/catalogue/programme/{programme}/change/"
    before = server.get("/foerderungen/programm-a/")
    form = form_data(funder.request(change), "programme_form")

    answer = funder.request(change, form | {"description": "Neuer Text der Förderin"})

    after = server.get("/foerderungen/programm-a/")
    assert answer.status_code == 302
    assert (before.status, after.status) == (200, 200)
    assert "Neuer Text der Förderin" not in after.body.decode()
