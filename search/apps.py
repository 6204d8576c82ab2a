from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Suche"

    def ready(self):
        # Keeps the search index in step with the catalogue: each write notes
        # its entry, indexed once before the transaction commits (ADR 0006).
        from . import signals  # noqa: F401
