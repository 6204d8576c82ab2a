"""Password reset by e-mail for the Redaktion and funder accounts: Django's
own auth views and templates (in the admin's look), mail through Django's
mail framework. The link in the mail points at ATLAS_BASE_URL, never at the
Host header a request claims."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from .sites import AtlasAdminSite

# The admin's registration templates extend admin/base_site.html, which
# reads the site's header and title from the context.
SITE_CONTEXT = {"site_header": AtlasAdminSite.site_header, "site_title": AtlasAdminSite.site_title}


class PasswordResetView(auth_views.PasswordResetView):
    extra_context = SITE_CONTEXT
    template_name = "editorial/password_reset_form.html"

    @property
    def extra_email_context(self):
        base = urlsplit(settings.ATLAS_BASE_URL)
        return {"protocol": base.scheme, "domain": base.netloc, "site_name": AtlasAdminSite.site_title}


urlpatterns = [
    path("", PasswordResetView.as_view(), name="admin_password_reset"),
    path(
        "gesendet/",
        auth_views.PasswordResetDoneView.as_view(
            extra_context=SITE_CONTEXT, template_name="editorial/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "neu/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            extra_context=SITE_CONTEXT, template_name="editorial/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "fertig/",
        auth_views.PasswordResetCompleteView.as_view(
            extra_context=SITE_CONTEXT, template_name="editorial/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
