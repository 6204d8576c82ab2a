from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Suche"

    def ready(self):
        # Keeps the search index in step with the catalogue; bulk writes
        # (imports) index once at the end instead of on every save.
        from catalogue.services import register_bulk_hook

        from . import signals  # noqa: F401
        from .index import bulk_indexing

        register_bulk_hook(bulk_indexing)
