"""Shared fixtures: a pinned "today", German, an empty cache, cheap password
hashing; and how the suite shares out its tests between pytest-xdist workers.

Every test runs on 2026-11-25 unless it pins another day, so deadline
arithmetic never depends on the day the suite runs.
"""

import os
from datetime import date

import pytest
from django.core.cache import caches
from django.utils import translation

TODAY = date(2026, 11, 25)


@pytest.fixture(autouse=True)
def pinned_today(settings):
    settings.ATLAS_TODAY = TODAY
    return TODAY


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 costs a fifth of a second per user created or logged in with a
    password; no test is about the hasher. Servers a test starts in a process
    of its own keep the production hashers."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True, scope="session")
def own_import_job_files(tmp_path_factory):
    """Import jobs write their progress to job-<id>.json; every test process
    numbers its jobs from 1, so with one shared directory two workers
    replaced each other's files (a flaky FileNotFoundError in CI). Each
    test process gets a directory of its own."""
    from django.conf import settings

    settings.ATLAS_IMPORT_JOB_DIR = str(tmp_path_factory.mktemp("import-jobs"))


@pytest.fixture(autouse=True)
def german_by_default():
    """Every test starts in German, the source language. A request to /en/…
    leaves English active in the test's thread (LocaleMiddleware does not
    reset it), which would leak into the next test's gettext calls."""
    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Rendered search pages are kept by index version; a rolled-back test
    returns to an earlier version, so nothing cached may outlive a test."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.hookimpl(tryfirst=True)  # before pytest-django's: its stable sort keeps transactional tests last
def pytest_collection_modifyitems(items):
    """Under `pytest -n N --dist loadgroup` (make test), the tests that share
    a module-scoped fixture (a server, a PostgreSQL cluster: tens of seconds
    to set up) run on one worker, so each is built once; every other test
    goes wherever a worker is free. The modules that start real processes
    (ops.tests.servers) go first, so that the many short tests fill the gaps
    beside them instead of one worker finishing a long one alone at the end.
    Without xdist the marks change nothing and the order stays as written."""
    for item in items:
        shared = _module_fixture_instance(item)
        if shared is not None:
            item.add_marker(pytest.mark.xdist_group(shared))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        items.sort(key=lambda item: not _starts_processes(item.module))


def _starts_processes(module):
    return any(
        getattr(value, "__module__", None) == "ops.tests.servers" for value in vars(module or object).values()
    )


def _module_fixture_instance(item):
    """ "module::fixture:param" of the first module-scoped fixture `item` uses,
    or None. No brackets: xdist reads a group only after the last "]"."""
    fixtures = getattr(item, "_fixtureinfo", None)
    if fixtures is None:
        return None
    params = getattr(getattr(item, "callspec", None), "params", {})
    for name in fixtures.names_closure:
        definitions = fixtures.name2fixturedefs.get(name) or ()
        if definitions and definitions[-1].scope == "module":
            return f"{item.module.__name__}::{name}:{params.get(name, '')}"
    return None


def pytest_configure(config):
    config.pluginmanager.register(FlushingTestsLast(), "flushing-tests-last")
    config.pluginmanager.register(GroupsKept(), "groups-kept")


class GroupsKept:
    """Fails the tests whose group pytest-xdist will not apply. loadgroup marks
    a test by adding "@group" to its node id and reads it back only after
    the last "]"; pytest 9.2 silently loses the addition, and a group name
    with brackets is silently ignored. Either way every worker built every
    shared server and cluster again, and nothing said so."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        grouped = getattr(item.config.option, "loadgroup", False) and item.get_closest_marker("xdist_group")
        if grouped and item.nodeid.rfind("@") < item.nodeid.rfind("]"):  # xdist's own reading
            pytest.fail(
                "pytest-xdist ignored this test's group: check the versions of pytest and "
                "pytest-xdist in requirements-dev.txt",
                pytrace=False,
            )


class FlushingTestsLast:
    """After pytest-django's order: the transactional tests that flush the
    database without serialized rollback go to the very end. Their flush
    sends post_migrate, which creates the editorial groups anew with new ids
    (editorial.roles); a serialized-rollback test after one of them would
    restore the groups' old rows next to the new ones and fail on the unique
    name. Django's own runner has the same rule of thumb; under xdist the
    workers' shares made such an order likely."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        items.sort(key=_flushes_without_restore)


def _flushes_without_restore(item):
    marker = item.get_closest_marker("django_db")
    transaction = bool(marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    fixtures = getattr(item, "fixturenames", ())
    transaction = transaction or "transactional_db" in fixtures or "live_server" in fixtures
    serialized = bool(marker and marker.kwargs.get("serialized_rollback")) or (
        "django_db_serialized_rollback" in fixtures
    )
    return transaction and not serialized
