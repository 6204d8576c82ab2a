"""Bulk imports outside the request (issue 15): the page starts a job and
polls it, a worker applies it, one job at a time, a killed worker's job is
shown as failed and nothing of it is stored."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from catalogue.models import Programme
from editorial import jobs
from editorial.models import ImportJob, ImportRun
from ops.tests.servers import ROOT, production_environment
from search.tests.test_writes import _database_url, _document, manage

from .helpers import parse
from .test_import import GOOD_CSV, URL

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def job_dir(settings, tmp_path):
    settings.ATLAS_IMPORT_JOB_DIR = str(tmp_path / "jobs")
    return tmp_path / "jobs"


def start(client, content=GOOD_CSV, name="daten.csv"):
    file = SimpleUploadedFile(name, content.encode())
    return client.post(URL, {"file": file, "apply": "1"})


def state_text(response):
    return " ".join(parse(response).select_one(".import-job-state").get_text().split())


def refresh_meta(response):
    return parse(response).select_one('meta[http-equiv="refresh"]')


def test_apply_starts_a_job_whose_page_reloads_until_the_worker_is_done(editor_client, editor):
    response = start(editor_client)

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/redaktion/import/auftrag/{job.pk}/"
    assert Programme.objects.count() == 0  # nothing written in the request
    waiting = editor_client.get(response["Location"])
    assert state_text(waiting).startswith("Wartet")
    assert refresh_meta(waiting)["content"] == "3"
    assert parse(waiting).select_one(f"a[href='/redaktion/import/auftrag/{job.pk}/']")  # reload link

    call_command("run_import_jobs", "--once")

    done = editor_client.get(response["Location"])
    assert state_text(done) == "Fertig."
    assert refresh_meta(done) is None
    assert " ".join(parse(done).select_one("#outcome-heading").get_text().split()) == "Import ausgeführt"
    job.refresh_from_db()
    assert (job.state, job.active, job.user) == ("done", None, editor)
    assert Programme.objects.count() == 2 and ImportRun.objects.get().user == editor


def test_a_running_job_shows_its_progress(editor_client):
    start(editor_client)
    job = jobs.claim_next()
    jobs._Progress(job)("write", 120, 1500)

    page = parse(editor_client.get(f"/redaktion/import/auftrag/{job.pk}/"))

    assert page.select_one("progress")["value"] == "120" and page.select_one("progress")["max"] == "1500"
    assert "120 von 1500" in page.get_text()


def test_a_second_job_is_refused_while_one_waits(editor_client):
    start(editor_client)

    response = start(editor_client, GOOD_CSV.replace("mikrofonds", "anderer-fonds"))

    assert response.status_code == 200
    alert = " ".join(parse(response).select_one("[role=alert]").get_text().split())
    assert alert.startswith("Es läuft bereits ein Import („daten.csv“).")
    assert ImportJob.objects.count() == 1


def test_invalid_file_is_answered_at_once_without_a_job(editor_client):
    response = start(editor_client, GOOD_CSV.replace(";ni;5000", ";atlantis;5000"))

    assert response.status_code == 200 and ImportJob.objects.count() == 0
    assert parse(response).select(".import-errors tbody tr")


def test_a_job_whose_worker_died_is_shown_failed_and_frees_the_queue(editor_client):
    start(editor_client)
    job = jobs.claim_next()
    dead = subprocess.Popen(["true"])  # a process id that no longer runs
    dead.wait()
    ImportJob.objects.filter(pk=job.pk).update(worker=f"{job.worker.rpartition(':')[0]}:{dead.pid}")

    page = editor_client.get(f"/redaktion/import/auftrag/{job.pk}/")

    assert state_text(page).startswith("Fehlgeschlagen. Der Importprozess wurde beendet")
    assert refresh_meta(page) is None
    assert start(editor_client).status_code == 302  # the next job may start


# A worker stopped dead (SIGKILL) after its catalogue writes, as the index is written.
_KILLED_WORKER = """
import sys, time, django
django.setup()
from django.core.management import call_command
from search import index

def stop_here(items):
    open(sys.argv[1], "w").write(str(len(items)))
    time.sleep(600)

index.index_entries = stop_here
call_command("run_import_jobs", "--once")
"""

_START_JOB = """
import sys
from editorial import bulk, jobs
prepared = bulk.prepare("gross.json", open(sys.argv[1], "rb").read())
print(jobs.start(prepared, user=None, as_draft=False).pk)
"""

_JOB_STATE = """
from editorial import jobs
from editorial.models import ImportJob
job = jobs.refresh(ImportJob.objects.get())
print(job.state, job.active)
"""


def python(env, script, *args):
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_worker_imports_nothing_and_its_job_is_failed(tmp_path):
    env = production_environment(
        _database_url(tmp_path),
        tmp_path / "static",
        ATLAS_IMPORT_WORKER="external",
        ATLAS_IMPORT_JOB_DIR=tmp_path / "jobs",
    )
    (tmp_path / "first.json").write_text(json.dumps(_document(30, "Sprachkurs")))
    (tmp_path / "second.json").write_text(json.dumps(_document(60, "Quartiersarbeit")))
    manage(env, "import_catalogue", str(tmp_path / "first.json"))
    before = manage(env, "export_catalogue").stdout
    python(env, _START_JOB, str(tmp_path / "second.json"))
    marker = tmp_path / "reached"

    worker = subprocess.Popen([sys.executable, "-c", _KILLED_WORKER, str(marker)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and worker.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the worker never reached its index writes"
        assert python(env, _JOB_STATE) == "running True"  # alive and working
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()

    assert python(env, _JOB_STATE) == "failed None"
    assert manage(env, "export_catalogue").stdout == before
    manage(env, "check_search_index")
