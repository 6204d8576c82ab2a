"""The small parts of ops/ on their own: client address behind proxies,
user-agent classes, limits, the replica router."""

import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError

from catalogue.models import Programme
from ops import failures, limits, routers
from ops.limits import Slots, over_limit
from ops.logs import JsonFormatter, new_request_id, user_agent_class
from ops.middleware import client_address


@pytest.mark.parametrize(
    "meta, expected",
    [
        ({"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "203.0.113.9"),  # untrusted peer
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 198.51.100.2"}, "198.51.100.2"),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.2, 10.0.0.5"}, "198.51.100.2"),
        ({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "127.0.0.1"),
        ({"REMOTE_ADDR": "127.0.0.1"}, "127.0.0.1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, meta, expected):
    settings.ATLAS_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.5"]
    assert client_address(meta) == expected


@pytest.mark.parametrize(
    "agent, kind",
    [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0", "browser"),
        ("Mozilla/5.0 (compatible; Googlebot/2.1)", "bot"),
        ("curl/8.5.0", "script"),
        ("python-requests/2.32", "script"),
        ("", "none"),
        (None, "none"),
    ],
)
def test_user_agent_class(agent, kind):
    assert user_agent_class(agent) == kind


def test_request_id_from_outside_only_when_it_looks_like_one():
    assert new_request_id("0123456789abcdef") == "0123456789abcdef"
    assert len(new_request_id("<script>")) == 32
    assert len(new_request_id("x" * 200)) == 32


def test_json_formatter_writes_one_line_with_the_fields():
    record = logging.LogRecord("atlas.request", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.status = 200
    line = JsonFormatter().format(record)
    assert "\n" not in line
    data = json.loads(line)
    assert data["level"] == "INFO" and data["status"] == 200 and data["message"] == "GET / 200"


def test_over_limit_counts_per_client_and_name():
    assert [over_limit("t", "a", 2) for _ in range(3)][:2] == [0, 0]
    assert over_limit("t", "a", 2) > 0
    assert over_limit("t", "b", 2) == 0
    assert over_limit("other", "a", 2) == 0
    assert over_limit("t", "a", 0) == 0  # 0 = no limit


def test_slots_hold_at_most_their_size():
    slots = Slots("test", 2, 60)
    first, second = slots.acquire(), slots.acquire()
    assert first and second and slots.acquire() is None
    slots.release(first)
    assert slots.acquire() == first


def _cache_away(*args, **kwargs):
    raise OperationalError("connection to server failed")


def test_limits_let_requests_through_while_the_shared_cache_is_away(monkeypatch, caplog):
    """The database cache lives on the primary: while it is down and a
    replica serves the public pages, limits count nothing and say so once."""
    monkeypatch.setattr(failures, "_incident", {"open": None})
    monkeypatch.setattr(limits.cache, "add", _cache_away)
    with caplog.at_level(logging.ERROR, logger="atlas.failures"):
        assert [over_limit("t", "a", 1) for _ in range(3)] == [0, 0, 0]
        slot = Slots("test", 1, 60).acquire()
    assert slot == limits.UNCOUNTED
    Slots("test", 1, 60).release(slot)  # nothing to give back
    assert [r.message for r in caplog.records] == ["database_unavailable: connection to server failed"]


def test_limits_do_not_hide_bugs(monkeypatch):
    monkeypatch.setattr(limits.cache, "add", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        over_limit("t", "a", 1)


def test_replica_router_sends_public_reads_to_the_replica_and_the_rest_to_the_primary():
    router = routers.ReplicaRouter()
    assert router.db_for_read(Programme) == "replica"
    assert router.db_for_read(Session) == "default"
    assert router.db_for_write(Programme) == "default"
    token = routers.pinned.set(True)  # a POST or the back office
    try:
        assert router.db_for_read(Programme) == "default"
    finally:
        routers.pinned.reset(token)
    assert router.allow_migrate("replica", "catalogue") is False


@pytest.mark.django_db
def test_search_page_has_a_generous_rate_limit_per_visitor(client, settings):
    settings.ATLAS_SEARCH_RATE_LIMIT = 2
    assert [client.get("/suche/?q=a").status_code for _ in range(2)] == [200, 200]
    limited = client.get("/en/suche/?q=b")
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) > 0
    assert "Too many searches" in limited.content.decode()
    assert client.get("/suche/", REMOTE_ADDR="192.0.2.1").status_code == 200


def test_sqlite_statement_is_interrupted_when_the_request_is_over_time(settings):
    """ops.budget on a plain SQLite connection: a runaway statement ends with
    an error ops.failures answers as "over time" (503), not a killed worker."""
    import sqlite3
    import time as clock

    from ops import budget, failures

    settings.ATLAS_REQUEST_SECONDS = 1
    connection = sqlite3.connect(":memory:")
    connection.set_progress_handler(budget._over_time, budget.CHECK_EVERY)
    token = budget.deadline.set(clock.monotonic() - 1)
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            connection.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
            ).fetchone()
    finally:
        budget.deadline.reset(token)
        connection.close()
    assert failures._kind(raised.value) == "over_time"


def test_a_worker_freezes_what_it_keeps_after_its_first_requests(monkeypatch):
    import gc
    import itertools

    from ops import memory

    monkeypatch.setattr(memory, "_served", itertools.count(1))
    frozen = []
    monkeypatch.setattr(gc, "collect", lambda: None)
    served = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(len(served)))

    for _ in range(1200):
        served.append(1)
        memory.freeze_after_warm_up()

    assert frozen == [1, 10, 100, 1000]
