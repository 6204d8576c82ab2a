"""Backups that restore: the whole database in one file, everything in it
(entries, workflow states and schedules, history, accounts and roles, login
records, subscriptions, the search index).

- SQLite: SQLite's online backup API, page by page while the atlas serves;
  the file is itself a SQLite database.
- PostgreSQL: `pg_dump` in its custom format (compressed), restored with
  `pg_restore --clean --single-transaction`: all or nothing.

A restore replaces the database's content with the file's; a file of the
other database kind is refused with a clear message before anything changes.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
# Pages copied per step: small steps let writers in between.
SQLITE_PAGES_PER_STEP = 1024


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def _vendor(alias):
    return connections[alias].vendor


def _pg_environment(alias):
    """libpq variables for pg_dump/pg_restore from the Django settings (the
    password in the environment, not on the command line)."""
    settings = connections[alias].settings_dict
    env = dict(os.environ)
    values = {
        "PGHOST": settings.get("HOST") or settings.get("OPTIONS", {}).get("host", ""),
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
        "PGDATABASE": settings["NAME"],
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def _program(name):
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not candidates:
        raise BackupError(f"{name} is not installed (Debian: postgresql-client).")
    return str(candidates[-1])


def _run(args, env):
    finished = subprocess.run(args, env=env, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupError(finished.stderr.strip() or f"{args[0]} failed")


def backup(output, alias="default"):
    """Write the whole database `alias` to the file `output`."""
    output = Path(output)
    if _vendor(alias) == "sqlite":
        connection = connections[alias]
        connection.ensure_connection()
        target = sqlite3.connect(output)
        try:
            connection.connection.backup(target, pages=SQLITE_PAGES_PER_STEP)
        finally:
            target.close()
    else:
        _run(
            [_program("pg_dump"), "--format=custom", "--no-owner", f"--file={output}"], _pg_environment(alias)
        )


def file_kind(path):
    with open(path, "rb") as file:
        head = file.read(16)
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    return None


def _check_sqlite_file(path):
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(f"{path}: the SQLite file is damaged (integrity_check).")
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        source.close()
    if "catalogue_programme" not in tables:
        raise BackupError(f"{path}: not a backup of the Förderatlas (no catalogue tables).")


def restore(path, alias="default"):
    """Replace the content of database `alias` with the backup `path`."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file.")
    kind, vendor = file_kind(path), _vendor(alias)
    expected = "sqlite" if vendor == "sqlite" else "postgresql"
    if kind is None:
        raise BackupError(f"{path}: not a backup made by `manage.py backup`.")
    if kind != expected:
        raise BackupError(f"{path}: a {kind} backup cannot be restored into a {expected} database.")
    connection = connections[alias]
    if vendor == "sqlite":
        _check_sqlite_file(path)
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection, pages=SQLITE_PAGES_PER_STEP)
        finally:
            source.close()
    else:
        connection.close()  # pg_restore --clean drops what this connection may hold
        args = [_program("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        env = _pg_environment(alias)
        _run([*args, f"--dbname={env['PGDATABASE']}", str(path)], env)
