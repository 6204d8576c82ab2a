"""The admin site of the Redaktion under /redaktion/: Django's admin with a
German header, the worklist, bulk import and previews of unpublished entries."""

from django.conf import settings
from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _


class AtlasAdminSite(admin.AdminSite):
    site_header = _("Förderatlas – Redaktion")
    site_title = _("Förderatlas Redaktion")
    index_title = _("Übersicht")
    index_template = "editorial/index.html"
    login_template = "editorial/login.html"

    def login(self, request, extra_context=None):
        # The login page says how the lockout works before anyone runs into it.
        lockout = {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }
        return super().login(request, {**lockout, **(extra_context or {})})

    def get_urls(self):
        from . import importing, views

        wrap = self.admin_view
        extra = [
            path("worklist/", wrap(views.worklist), name="editorial_worklist"),
            path("import/", wrap(importing.import_view), name="editorial_import"),
            path("import/auftrag/<int:pk>/", wrap(importing.job_view), name="editorial_import_job"),
            path(
                "import/vorlage.<str:file_format>", wrap(importing.template_view), name="editorial_template"
            ),
            path(
                "vorschau/foerderungen/<int:pk>/",
                wrap(views.preview_programme),
                name="editorial_preview_programme",
            ),
            path(
                "vorschau/foerderer/<int:pk>/",
                wrap(views.preview_institution),
                name="editorial_preview_institution",
            ),
        ]
        return extra + super().get_urls()
