"""The Redaktion reviews a funder's revision in a real browser: the public page
keeps the published text, the review page shows the differences (axe: no
violations, works without JavaScript and by keyboard), publishing exactly
that revision makes the new text public (issue 15, "Done when")."""

import subprocess
import sys

import pytest

from .conftest import ROOT, server_environment
from .support import assert_no_axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "Lange-Passphrase-2026!"
NEW_TEXT = "Neu vom Förderer: Anträge jetzt auch digital."

SETUP = f"""
from django.contrib.auth.models import Group, User
from catalogue.models import Programme
from editorial import revisions
from editorial.models import Revision
from catalogue import snapshots
programme = Programme.objects.get(slug={{slug!r}})
if not User.objects.filter(username="browser-pruefung").exists():
    user = User.objects.create_user("browser-pruefung", "r@example.org", {PASSWORD!r}, is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
snapshot = snapshots.take(programme)
snapshot["fields"]["amount_text"] = {NEW_TEXT!r}
revision = revisions.record(programme, Revision.State.REVIEW, None, "Änderung durch Förderer", snapshot)
print(programme.pk, revision.pk)
"""


def _pending_revision(site):
    slug = site.facts["programme"]
    command = [sys.executable, "manage.py", "shell", "-c", SETUP.replace("{slug!r}", repr(slug))]
    env = server_environment(site.database)
    out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    programme, revision = out.split()[-2:]
    return programme, revision


def test_redaktion_publishes_reviewed_revision_by_keyboard_without_javascript(site, new_page):
    programme, revision = _pending_revision(site)
    public = f"/foerderungen/{site.facts['programme']}/"
    page = new_page(java_script_enabled=False)

    page.goto(public)
    assert NEW_TEXT not in page.content()

    page.goto("/redaktion/login/")
    page.fill("#id_username", "browser-pruefung")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/redaktion/")
    page.goto(f"/redaktion/catalogue/programme/{programme}/fassungen/{revision}/")

    assert page.locator(".history-diff tbody th", has_text="Fördersumme").count() == 1
    assert NEW_TEXT in page.locator(".history-diff").inner_text()

    page.get_by_role("button", name="Diese Fassung veröffentlichen").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "ist veröffentlicht" in page.locator(".messagelist").inner_text()

    page.goto(public)
    assert NEW_TEXT in page.content()


def test_review_page_has_no_axe_violations(site, new_page):
    programme, revision = _pending_revision(site)
    page = new_page()
    page.goto("/redaktion/login/")
    page.fill("#id_username", "browser-pruefung")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/redaktion/")

    # The change form itself is Django's (its date widgets lack labels), left to
    # the editing-widgets work of issue 15 item 6.
    for path in (f"fassungen/{revision}/", "fassungen/"):
        page.goto(f"/redaktion/catalogue/programme/{programme}/{path}")
        assert_no_axe_violations(page)
