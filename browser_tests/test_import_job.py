"""A bulk import in a real browser without JavaScript (issue 15): the file is
checked in the request, applied by a worker outside it, and the job's page
reloads itself (meta refresh) until it shows the outcome; axe finds nothing."""

import subprocess
import sys

import pytest

from .conftest import ROOT, server_environment
from .support import assert_no_axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "Lange-Passphrase-2026!"
CSV = (
    "type;id;name;title;institutions;regions\ninstitution;browser-stiftung;Browser-Stiftung;;;ni\n"
    + "".join(
        f"programme;browser-programm-{n};;Browser-Programm {n};browser-stiftung:mittelgeber;ni\n"
        for n in range(20)
    )
)
SETUP = f"""
from django.contrib.auth.models import Group, User
if not User.objects.filter(username="browser-import").exists():
    user = User.objects.create_user("browser-import", "i@example.org", {PASSWORD!r}, is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
"""


def _manage(site, *args):
    env = server_environment(site.database)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def test_import_runs_as_a_job_whose_page_reloads_without_javascript(site, new_page, tmp_path):
    _manage(site, "shell", "-c", SETUP)
    upload = tmp_path / "programme.csv"
    upload.write_text(CSV)
    page = new_page(java_script_enabled=False)
    _log_in(page)

    page.goto("/redaktion/import/")
    page.set_input_files("#id_file", str(upload))
    page.get_by_role("button", name="Importieren").click()
    page.wait_for_url("**/redaktion/import/auftrag/*/")
    assert "Wartet" in page.locator(".import-job-state").inner_text()
    # (axe runs on the finished page, in a second page with JavaScript: a waiting
    # page reloads under it every 3 s.)

    _manage(site, "run_import_jobs", "--once")
    page.wait_for_selector("#outcome-heading", timeout=15_000)  # the page reloaded by itself

    assert page.locator(".import-job-state").inner_text().strip() == "Fertig."
    assert "Import ausgeführt" in page.locator("#outcome-heading").inner_text()

    checker = new_page()  # axe runs as JavaScript in the page
    _log_in(checker)
    checker.goto(page.url)
    assert_no_axe_violations(checker, "finished import job")


def _log_in(page):
    page.goto("/redaktion/login/")
    page.fill("#id_username", "browser-import")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/redaktion/")
