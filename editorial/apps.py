from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Redaktion")

    def ready(self):
        # Keeps the role groups complete when later migrations add permissions.
        from django.db.models.signals import post_migrate

        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="editorial_sync_roles")
