from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    verbose_name = "Katalog"
    name = "catalogue"

    def ready(self):
        # Work noted for a transaction runs just before it commits (commits.py).
        from . import commits

        commits.install()
