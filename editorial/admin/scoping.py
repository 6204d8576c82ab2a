"""What a Förderer may see and do in the admin: only their own institutions
and the programmes linked to them, no publishing, every save goes to review.

The restriction sits in `get_queryset` (lists, search, change pages, history)
and in the per-object permission checks, so a funder who guesses the URL of
another institution's programme gets 404, not the page.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from catalogue.models import Workflow

from ..roles import is_restricted, may_access

# Fields only the Redaktion sets; a funder sees them read-only.
EDITORIAL_FIELDS = ("state", "publish_at", "archive_at", "last_checked")
ALWAYS_READONLY = ("state", "created_at", "updated_at")


class ScopedEntryAdmin:
    """Mixin for the ModelAdmin of Institution and Programme."""

    scope_function = None  # roles.scope_institutions or roles.scope_programmes

    def get_queryset(self, request):
        return self.scope_function(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and is_restricted(request.user):
            raise Http404(_("Kein Eintrag mit dieser Nummer in Ihrem Bereich."))
        return obj

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and may_access(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and may_access(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_access(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(ALWAYS_READONLY)
        if is_restricted(request.user):
            fields += [name for name in EDITORIAL_FIELDS if name not in fields]
            if obj is not None:
                fields.append("slug")
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        readonly = self.get_readonly_fields(request, obj)
        fields = super().get_prepopulated_fields(request, obj)
        return {name: sources for name, sources in fields.items() if name not in readonly}

    def save_model(self, request, obj, form, change):
        if change:
            self._keep_stored_values(obj, self.get_readonly_fields(request, obj))
        else:
            obj.state = Workflow.DRAFT
        if is_restricted(request.user):
            # A funder's change is public only after the Redaktion has looked at it.
            obj.state, obj.publish_at = Workflow.REVIEW, None
            obj._change_reason = str(_("Änderung durch Förderer, wartet auf Prüfung"))
        super().save_model(request, obj, form, change)

    @staticmethod
    def _keep_stored_values(obj, readonly):
        """Read-only fields keep their stored values, also when an old version
        is restored from the history (its state must not come back)."""
        names = [n for n in readonly if n in {f.name for f in obj._meta.concrete_fields}]
        names = [n for n in names if n not in ("updated_at",)]
        stored = type(obj)._default_manager.filter(pk=obj.pk).values(*names).first()
        for name, value in (stored or {}).items():
            setattr(obj, name, value)
