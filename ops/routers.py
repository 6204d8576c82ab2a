"""Reads from a PostgreSQL read replica (DATABASE_REPLICA_URL), writes to the
primary; on SQLite, the shared cache in a file of its own (`CacheRouter`).

What a visitor reads may lag the primary by the replica's delay (usually
well under a second); that is fine for a catalogue. Whatever must see its
own writes at once stays on the primary: the back office (an editor saves
and reloads), sessions, the shared cache (limits count there), the login
lockout, and everything inside a transaction. `ops.middleware` marks the
requests of the back office (see `primary_only`).
"""

from contextvars import ContextVar

from django.db import connections

# Tables read on the primary only: written on nearly every request, or read
# right after being written.
PRIMARY_APPS = {
    "django_cache",
    "sessions",
    "axes",
    "auth",
    "admin",
    "editorial",
    "simple_history",
    "contenttypes",
}
pinned = ContextVar("pinned_to_primary", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        # Inside a transaction of the primary (an import, the search index
        # written before its commit) reads must see that transaction's writes.
        if pinned.get() or model._meta.app_label in PRIMARY_APPS or connections["default"].in_atomic_block:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies

    def allow_migrate(self, db, app_label, **hints):
        return db == "default"


class PrimaryOnlyMiddleware:
    """Pins the back office and every non-GET request to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        primary = request.method not in ("GET", "HEAD") or request.path.startswith("/redaktion/")
        token = pinned.set(primary)
        try:
            return self.get_response(request)
        finally:
            pinned.reset(token)


class CacheRouter:
    """The database cache's table (app label django_cache) in DATABASES["cache"],
    a SQLite file beside the catalogue's (settings): counting a limit never
    waits for the catalogue's write lock, e.g. during an import."""

    def db_for_read(self, model, **hints):
        return "cache" if model._meta.app_label == "django_cache" else None

    db_for_write = db_for_read

    def allow_migrate(self, db, app_label, **hints):
        if app_label == "django_cache":
            return db == "cache"
        return db != "cache"
