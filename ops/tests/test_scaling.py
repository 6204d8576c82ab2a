"""Beyond one machine: the shared cache on Redis (Debian's redis-server on a
loopback port), and public reads from a PostgreSQL streaming replica
(DATABASE_REPLICA_URL) while writes and the back office stay on the primary."""

import shutil
import subprocess
import time

import pytest

from .conftest import DEMO
from .servers import (
    collected_static,
    free_port,
    gunicorn_command,
    manage,
    needs_postgres,
    postgres,
    production_environment,
    replica_of,
    serve,
)

pytestmark = pytest.mark.django_db(transaction=False, databases=[])


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed: scripts/install-system-deps.sh")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_api_limit_and_export_slots_live_in_redis_when_redis_url_is_set(sqlite_env, redis_url, tmp_path):
    env, directory = sqlite_env
    settings = {"REDIS_URL": redis_url, "ATLAS_API_RATE_LIMIT": "4", "ATLAS_STATIC_ROOT": collected_static()}
    with serve({**env, **settings}, tmp_path / "redis.log", command=gunicorn_command()) as server:
        minute = time.time() // 60
        statuses = [server.get("/api/v1/regions").status for _ in range(6)]
        keys = subprocess.run(
            ["redis-cli", "-u", redis_url, "--scan", "--pattern", "*limit:api:*"],
            capture_output=True,
            text=True,
        ).stdout.split()
    assert keys  # the counter is in Redis, not in a worker
    if time.time() // 60 == minute:
        assert statuses == [200] * 4 + [429] * 2


def test_public_pages_read_from_the_replica_writes_go_to_the_primary(tmp_path):
    needs_postgres()
    with postgres() as primary:
        env = production_environment(primary.url, collected_static())
        manage(env, "import_catalogue", str(DEMO))
        with replica_of(primary) as replica:
            env = {**env, "DATABASE_REPLICA_URL": replica.url}
            with serve(env, tmp_path / "replica.log", command=gunicorn_command()) as server:
                assert server.get("/health").json() == {
                    "status": "ok",
                    "database": "ok",
                    "replica": "ok",
                    "search_index": "ok",
                    "cache": "ok",
                }
                programme = "/foerderungen/richtlinie-teilhabe-und-zusammenhalt/"
                assert server.get(programme).status == 200
                primary.stop()
                try:
                    from_replica = server.get(programme)
                    funder = server.get("/foerderer/niedersaechsisches-sozialministerium/")
                    # Full text and its ranking are SQL of their own (search.reading).
                    text_search = server.get("/suche/?q=Teilhabe+Zusammenhalt")
                    api_search = server.get("/api/v1/search?q=Teilhabe&sort=relevance")
                    health = server.get("/health")
                finally:
                    primary.start()
    assert from_replica.status == 200  # read from the replica while the primary is down
    assert b"Teilhabe" in from_replica.body
    assert funder.status == 200
    assert text_search.status == 200
    assert "Richtlinie Teilhabe und Zusammenhalt" in text_search.body.decode()
    assert api_search.status == 200
    assert api_search.json()["pagination"]["total"] > 0
    assert health.status == 503
    assert health.json()["database"] == "unavailable"
    assert health.json()["replica"] == "ok"
