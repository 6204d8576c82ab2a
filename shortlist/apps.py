from django.apps import AppConfig


class ShortlistConfig(AppConfig):
    name = "shortlist"
    verbose_name = "Merkliste"
