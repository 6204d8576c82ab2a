import pytest

from .servers import (
    ROOT,
    collected_static,
    manage,
    migrated_sqlite,
    needs_postgres,
    postgres,
    production_environment,
)

DEMO = ROOT / "demo" / "catalogue.json"


@pytest.fixture(scope="module")
def sqlite_env(tmp_path_factory):
    """A production environment on a fresh SQLite file with the demo catalogue."""
    directory = tmp_path_factory.mktemp("serve")
    env = production_environment(migrated_sqlite(directory / "atlas.db"), directory / "static")
    manage(env, "import_catalogue", str(DEMO))
    return env, directory


@pytest.fixture(scope="module")
def postgres_env(tmp_path_factory):
    """A production environment on a throw-away PostgreSQL cluster with the
    demo catalogue, static files collected; yields (env, cluster, directory)."""
    needs_postgres()
    directory = tmp_path_factory.mktemp("serve-pg")
    with postgres() as cluster:
        env = production_environment(cluster.url, collected_static())
        manage(env, "import_catalogue", str(DEMO))
        yield env, cluster, directory
