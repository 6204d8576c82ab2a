from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_table(using, **kwargs):
    """`migrate` also creates the shared cache's table (CACHES["default"]),
    so every way of setting up a database gets it; nothing to forget. On
    SQLite the table has a file of its own (DATABASES["cache"])."""
    from django.conf import settings
    from django.core.management import call_command

    database = "cache" if "cache" in settings.DATABASES else using
    call_command("createcachetable", database=database, verbosity=0)


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = "Betrieb"

    def ready(self):
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created

        from catalogue.services import entries_imported

        from . import budget, failures, memory, planner

        post_migrate.connect(create_cache_table, sender=self)
        post_migrate.connect(planner.after_migrate, sender=self)
        entries_imported.connect(planner.after_import, dispatch_uid="ops_planner_imported")
        connection_created.connect(budget.on_connection)
        connection_created.connect(failures.close_incident)
        request_finished.connect(memory.freeze_after_warm_up)
