from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Redaktion")

    def ready(self):
        # Keeps the role groups complete when later migrations add permissions.
        from django.db.models.signals import post_migrate, pre_delete, pre_save

        from catalogue.models import Institution, Programme
        from catalogue.services import entries_imported

        from .locking import raise_version
        from .revisions import entry_deleting, record_imported
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="editorial_sync_roles")
        entries_imported.connect(record_imported, dispatch_uid="editorial_revisions_imported")
        for model in (Institution, Programme):
            name = model._meta.model_name
            pre_save.connect(raise_version, sender=model, dispatch_uid=f"editorial_version_{name}")
            pre_delete.connect(entry_deleting, sender=model, dispatch_uid=f"editorial_trash_{name}")
