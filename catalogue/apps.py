from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    verbose_name = "Katalog"
    name = "catalogue"
