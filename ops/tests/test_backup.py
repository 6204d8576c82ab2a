"""The restore drill, on SQLite and on PostgreSQL: back up a working atlas
(entries in several workflow states, a schedule, history, accounts with
roles), change it, restore, and get every row back; restore into an empty
database too. `manage.py dumpdata` of everything is the yardstick."""

import subprocess
import sys

import pytest

from .servers import (
    ROOT,
    as_postgres,
    manage,
    migrated_sqlite,
    needs_postgres,
    postgres,
    postgres_bin,
    production_environment,
)

pytestmark = pytest.mark.django_db(transaction=False, databases=[])

DEMO = ROOT / "demo" / "catalogue.json"
SETUP = """
from datetime import timedelta
from django.utils import timezone
from catalogue.models import Programme
first, second = Programme.objects.order_by("slug")[:2]
first.state = "review"
first.save()
second.state = "draft"
second.publish_at = timezone.now() + timedelta(days=3)
second.save()
"""
DAMAGE = """
from django.contrib.auth import get_user_model
from catalogue.models import Programme
Programme.objects.order_by("slug").last().delete()
get_user_model().objects.all().delete()
"""


def everything(env):
    """Every row of every table Django knows, as JSON text."""
    return manage(
        env, "dumpdata", "--indent", "1", "--exclude", "sessions", "--exclude", "editorial.rights"
    ).stdout


def shell(env, code):
    manage(env, "shell", "-c", code)


def build_atlas(env):
    """On a migrated database."""
    manage(env, "import_catalogue", str(DEMO))
    account = {**env, "ATLAS_ACCOUNT_PASSWORD": "a-long-password-for-the-drill"}
    manage(account, "editorial_account", "editorin", "--role", "redaktion", "--email", "e@example.org")
    shell(env, SETUP)


def drill(env, fresh_env, backup_file):
    build_atlas(env)
    before = everything(env)
    assert '"state": "draft"' in before and "historical" in before and "editorin" in before
    manage(env, "backup", "-o", str(backup_file))
    shell(env, DAMAGE)
    assert everything(env) != before
    manage(env, "restore", str(backup_file))
    assert everything(env) == before
    manage(fresh_env, "restore", str(backup_file))  # a new, empty database
    assert everything(fresh_env) == before


def test_restore_drill_on_sqlite(tmp_path):
    env = production_environment(migrated_sqlite(tmp_path / "atlas.db"), tmp_path / "static")
    fresh = production_environment(f"sqlite:///{tmp_path / 'new.db'}", tmp_path / "static")
    drill(env, fresh, tmp_path / "atlas.backup")


def test_restore_drill_on_postgres(tmp_path):
    needs_postgres()
    with postgres() as cluster:
        env = production_environment(cluster.url, tmp_path / "static")
        drill(env, _fresh_postgres_database(cluster, env), tmp_path / "atlas.dump")


def _fresh_postgres_database(cluster, env):
    as_postgres([postgres_bin("createdb"), "-h", str(cluster.directory), "-U", "atlas", "fresh"])
    return {**env, "DATABASE_URL": cluster.url.replace("/atlas?", "/fresh?")}


def test_restore_refuses_a_file_of_the_other_kind_or_none(tmp_path):
    env = production_environment(migrated_sqlite(tmp_path / "atlas.db"), tmp_path / "static")
    (tmp_path / "dump").write_bytes(b"PGDMP\x01\x0e\x00")
    (tmp_path / "text").write_text("not a backup")
    for name, complaint in [
        ("dump", "a postgresql backup cannot be restored into a sqlite"),
        ("text", "not a backup"),
    ]:
        finished = subprocess.run(
            [sys.executable, "manage.py", "restore", str(tmp_path / name)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert finished.returncode == 1
        assert complaint in finished.stderr
        assert "Traceback" not in finished.stderr
