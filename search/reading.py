"""Where the search reads: the database the router picks for reading the
index (the replica when DATABASE_REPLICA_URL is set, see ops.routers), for
the statements written in SQL as for the ORM's, so that every public search
keeps working while the primary is away. Inside a transaction of the
primary (an import writing the index) that is the primary itself."""

from django.apps import apps
from django.db import connections, router


def database():
    """The connection the search reads the index from."""
    return connections[router.db_for_read(apps.get_model("search", "SearchDocument"))]
