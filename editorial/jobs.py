"""Bulk imports applied outside the request (issue 15).

The import page checks an upload in the request (dry runs are fast) and, to
apply it, stores an `ImportJob` and answers at once; a worker process
(`manage.py run_import_jobs`) applies it with the same code as before
(`editorial.bulk.run`: all or nothing) and stores the outcome. The job's
page polls it and shows progress, then the outcome.

- One job at a time: `ImportJob.active` is unique, so starting a second job
  while one waits or runs is refused (`Busy`, naming the running one), on
  every database and without a race.
- Progress goes to a small JSON file per job (ATLAS_IMPORT_JOB_DIR), not to
  the database: on SQLite the import's transaction holds the write lock
  until it commits. A thread of the worker touches the file every few
  seconds while the import runs.
- A worker that dies (killed, out of memory) leaves its job "running", but
  its transaction never committed: nothing was imported. `refresh(job)`
  notices (the process is gone, or the progress file has not been touched
  for STALE_SECONDS) and marks the job failed.
- Who starts the worker: ATLAS_IMPORT_WORKER = "subprocess" (default) lets
  the page start `manage.py run_import_jobs --once` detached; "external"
  leaves it to a service or timer running `manage.py run_import_jobs` (README).
"""

import json
import logging
import os
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import bulk
from .models import ImportJob

logger = logging.getLogger(__name__)
State = ImportJob.State
HEARTBEAT_SECONDS = 5
STALE_SECONDS = 60


class Busy(Exception):
    """Another import job waits or runs; `job` is that one."""

    def __init__(self, job):
        super().__init__(str(job))
        self.job = job


def start(prepared, *, user, as_draft):
    """Store a job for a read upload and have a worker take it; Busy if one is active."""
    for job in ImportJob.objects.filter(active=True):
        refresh(job)  # a dead job must not block the next one
    try:
        with transaction.atomic():
            job = ImportJob.objects.create(
                user=user if user is not None and user.is_authenticated else None,
                filename=prepared.filename[:300],
                upload=prepared.to_session(),
                as_draft=as_draft,
            )
    except IntegrityError:
        raise Busy(ImportJob.objects.filter(active=True).first()) from None
    if settings.ATLAS_IMPORT_WORKER == "subprocess":
        transaction.on_commit(_start_worker)
    return job


def _start_worker():
    """`run_import_jobs --once`, detached: the shell exits at once, so the
    worker is nobody's child here (never a zombie of a web worker)."""
    manage = str(Path(settings.BASE_DIR) / "manage.py")
    command = '"$0" "$@" </dev/null >/dev/null 2>&1 &'
    subprocess.run(["sh", "-c", command, sys.executable, manage, "run_import_jobs", "--once"], check=True)


# ---------- the worker's side ----------


def claim_next():
    """The oldest queued job, now marked as running in this process; or None."""
    job = ImportJob.objects.filter(state=State.QUEUED).order_by("created_at").first()
    if job is None:
        return None
    claimed = ImportJob.objects.filter(pk=job.pk, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now(), worker=f"{socket.gethostname()}:{os.getpid()}"
    )
    return ImportJob.objects.get(pk=job.pk) if claimed else None


def run(job):
    """Apply a claimed job and store its outcome (or its failure)."""
    prepared = bulk.Prepared.from_session(job.upload)
    try:
        with _heartbeat(job):
            outcome = bulk.run(
                prepared, apply=True, user=job.user, as_draft=job.as_draft, progress=_Progress(job)
            )
    except Exception:
        logger.exception("import job %s failed", job.pk)
        _finish(job, State.FAILED, failure=_("Der Import ist mit einem internen Fehler abgebrochen."))
        raise
    _finish(job, State.DONE, result=outcome.to_json())
    return job


def _finish(job, state, *, result=None, failure=""):
    ImportJob.objects.filter(pk=job.pk).update(
        state=state, active=None, finished_at=timezone.now(), result=result, failure=failure
    )
    _progress_file(job).unlink(missing_ok=True)


class _Progress:
    """`progress(step, done, total)` for the importer: into the job's file."""

    def __init__(self, job):
        self.path = _progress_file(job)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def __call__(self, step, done, total):
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"step": step, "done": done, "total": total}))
        temporary.replace(self.path)  # readers never see half a file


@contextmanager
def _heartbeat(job):
    """Touch the progress file every few seconds while the import runs, so a
    page can tell a slow step from a dead worker."""
    path, stop = _Progress(job).path, threading.Event()
    path.touch()

    def beat():
        while not stop.wait(HEARTBEAT_SECONDS):
            path.touch(exist_ok=True)

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


# ---------- the page's side ----------


def _progress_file(job):
    return Path(settings.ATLAS_IMPORT_JOB_DIR) / f"job-{job.pk}.json"


def progress(job):
    """{step, done, total} of a running job, or None."""
    try:
        return json.loads(_progress_file(job).read_text())
    except (OSError, ValueError):
        return None


def refresh(job):
    """The job as stored, a running job whose worker is gone marked failed."""
    job.refresh_from_db()
    if job.state == State.RUNNING and not _worker_alive(job):
        _finish(
            job,
            State.FAILED,
            failure=_(
                "Der Importprozess wurde beendet, bevor der Import fertig war. Es wurde nichts "
                "übernommen; bitte starten Sie den Import erneut."
            ),
        )
        job.refresh_from_db()
    return job


def _worker_alive(job):
    host, _sep, pid = job.worker.rpartition(":")
    if host == socket.gethostname() and pid.isdigit() and not _process_running(int(pid)):
        return False
    try:
        touched = _progress_file(job).stat().st_mtime
    except OSError:
        return job.started_at is None or (timezone.now() - job.started_at).total_seconds() < STALE_SECONDS
    return timezone.now().timestamp() - touched < STALE_SECONDS


def _process_running(pid):
    """Whether `pid` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return state != "Z"
