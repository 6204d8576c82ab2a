"""Real servers for the operations tests: `make serve` (or gunicorn with the
repository's config), throw-away PostgreSQL clusters (a primary and a
streaming replica), Redis and nginx, each on loopback or a Unix socket in a
temporary directory, each stopped by the test that started it; and the
migrated databases and collected static files they start from, made once
per test process and removed when it exits."""

import atexit
import functools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from glob import glob
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "operations-tests-only-" + "x" * 40


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database_url, static_root, **extra):
    """What an operator sets; the suite's own variables (PYTEST_VERSION →
    in-memory cache) do not leak into the server."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTEST_VERSION", "ATLAS_CACHE", "DATABASE_URL")}
    env.update(
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        ATLAS_STATIC_ROOT=str(static_root),
        ATLAS_DEBUG="0",
        ATLAS_TODAY="2026-11-25",
        PYTHONWARNINGS="ignore",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


def get(url, headers=None, timeout=10):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Response(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as answer:
        return Response(answer.code, answer.headers, answer.read())


def wait_for(url, process=None, seconds=60, log=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited early: {Path(log).read_text()[-3000:] if log else ''}")
        try:
            return get(url, timeout=2)
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


class Server:
    def __init__(self, process, url, log):
        self.process, self.url, self.log = process, url, log

    def get(self, path, **options):
        return get(self.url + path, **options)

    def log_lines(self):
        """Every JSON line of the log so far (other lines are left out)."""
        lines = []
        for text in Path(self.log).read_text().splitlines():
            try:
                lines.append(json.loads(text))
            except ValueError:
                continue
        return lines


@contextmanager
def serve(env, log, command=None):
    """`make serve` (or `command`) in its own process group, stopped at the end."""
    port = free_port()
    env = {**env, "HOST": f"127.0.0.1:{port}"}
    command = command or ["make", "--no-print-directory", "serve"]
    with open(log, "w") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_for(url + "/health", process, log=log)
        yield Server(process, url, log)
    finally:
        stop(process)


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def gunicorn_command():
    return [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]


# --- PostgreSQL -------------------------------------------------------------


def postgres_bin(name):
    found = sorted(glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else None


def as_postgres(args, check=True):
    if os.getuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=check, capture_output=True, text=True)


class Cluster:
    """A PostgreSQL cluster listening only on a Unix socket in `directory`."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.data = self.directory / "data"

    @property
    def url(self):
        return f"postgres://atlas@/atlas?host={self.directory}"

    def start(self):
        options = f"-k {self.directory} -c listen_addresses='' -c fsync=off -c wal_level=replica"
        as_postgres(
            [
                postgres_bin("pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.directory / "log"),
                "-w",
                "-o",
                options,
            ]
            + ["start"]
        )

    def stop(self):
        as_postgres([postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])

    def remove(self):
        pg_ctl = [postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
        as_postgres(pg_ctl, check=False)
        shutil.rmtree(self.directory, ignore_errors=True)


def _cluster_directory(name):
    """Under /tmp, not pytest's tmp_path: the postgres user must reach it."""
    directory = Path(tempfile.mkdtemp(prefix=f"atlas-{name}-"))
    directory.chmod(0o755)
    if os.getuid() == 0:
        shutil.chown(directory, "postgres")
    return directory


def needs_postgres():
    if postgres_bin("initdb") is None:
        pytest.skip("PostgreSQL is not installed: scripts/install-system-deps.sh")


def _create(cluster):
    """initdb, start, and database `atlas` owned by role `atlas`."""
    as_postgres(
        [postgres_bin("initdb"), "-D", str(cluster.data), "-U", "atlas", "--auth=trust", "-E", "UTF8"]
        + ["--locale=C.UTF-8"]
    )
    cluster.start()
    as_postgres([postgres_bin("createdb"), "-h", str(cluster.directory), "-U", "atlas", "atlas"])


@contextmanager
def postgres():
    """A primary with database `atlas` owned by role `atlas`, as `manage.py
    migrate` leaves it: a copy of this process's template."""
    cluster = Cluster(_cluster_directory("primary"))
    try:
        as_postgres(["cp", "-a", str(_migrated_postgres_template()), str(cluster.data)])
        cluster.start()
        yield cluster
    finally:
        cluster.remove()


@contextmanager
def replica_of(primary):
    """A hot standby streaming from `primary` (pg_basebackup -R)."""
    replica = Cluster(_cluster_directory("replica"))
    try:
        as_postgres(
            [
                postgres_bin("pg_basebackup"),
                "-h",
                str(primary.directory),
                "-U",
                "atlas",
                "-D",
                str(replica.data),
            ]
            # --checkpoint=fast: the default waits for a spread checkpoint,
            # minutes on an idle primary
            + ["-R", "-X", "stream", "--checkpoint=fast"]
        )
        replica.start()
        yield replica
    finally:
        replica.remove()


# --- Migrated databases and collected static files --------------------------
# `migrate` on an empty database takes 5–7 s and `collectstatic` 3 s, and the
# tests that start real processes need them about twenty times. Each test
# process runs each for real once and copies the result; `make serve` still
# runs both on every start (test_serve.py).


def _scratch(name):
    directory = Path(tempfile.mkdtemp(prefix=f"atlas-{name}-"))
    atexit.register(shutil.rmtree, directory, True)
    return directory


@functools.cache
def _migrated_sqlite_template():
    path = _scratch("sqlite-template") / "atlas.db"
    manage(production_environment(f"sqlite:///{path}", path.parent / "static"), "migrate", "-v0")
    return path


@functools.cache
def _migrated_postgres_template():
    """The data directory of a stopped cluster whose database is migrated."""
    cluster = Cluster(_cluster_directory("template"))
    atexit.register(cluster.remove)
    _create(cluster)
    try:
        manage(production_environment(cluster.url, _scratch("static")), "migrate", "-v0")
    finally:
        cluster.stop()
    return cluster.data


def migrated_sqlite(path):
    """The URL of a new SQLite database at `path`, migrated: the catalogue
    file and the shared cache's file beside it (atlas.db, atlas-cache.db)."""
    template = _migrated_sqlite_template()
    for original in template.parent.glob(f"{template.stem}*"):  # a closed WAL database has no -wal file
        shutil.copyfile(original, path.with_name(path.stem + original.name.removeprefix(template.stem)))
    return f"sqlite:///{path}"


@contextmanager
def migrated_database(kind, directory):
    """The URL of a new migrated database, "sqlite" (in `directory`) or
    "postgresql" (a cluster of its own, removed afterwards)."""
    if kind == "sqlite":
        yield migrated_sqlite(directory / "atlas.db")
        return
    needs_postgres()
    with postgres() as cluster:
        yield cluster.url


@functools.cache
def collected_static():
    """A static root as `collectstatic` fills it, for the servers this test
    process starts (they only read it)."""
    directory = _scratch("static")
    manage(
        production_environment(f"sqlite:///{directory}/unused.db", directory),
        "collectstatic",
        "--noinput",
        "-v0",
    )
    return directory
