from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
