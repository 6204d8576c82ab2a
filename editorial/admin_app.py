"""django.contrib.admin with the Redaktion's own site (worklist, import,
previews) as `admin.site`, so that every app registers into it. Listed in
INSTALLED_APPS instead of "django.contrib.admin"; a module of its own because
an apps module with two AppConfig classes needs a default."""

from django.contrib.admin.apps import AdminConfig


class AtlasAdminConfig(AdminConfig):
    default_site = "editorial.sites.AtlasAdminSite"
