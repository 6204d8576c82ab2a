"""The Papierkorb: deleted institutions and programmes, restorable as drafts
by the Redaktion (with every relation their last revision had)."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .. import revisions
from ..models import DeletedEntry
from ..roles import can_publish


@admin.register(DeletedEntry)
class DeletedEntryAdmin(admin.ModelAdmin):
    list_display = ("label", "kind", "created_at", "created_by")
    list_filter = ("kind",)
    search_fields = ("label",)
    actions = ["restore"]
    list_display_links = None

    def get_queryset(self, request):
        return revisions.in_trash().select_related("created_by")

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user)

    def has_module_permission(self, request):
        return can_publish(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_restore_permission(self, request):
        return can_publish(request.user)

    @admin.action(description=gettext_lazy("Als Entwurf wiederherstellen"), permissions=["restore"])
    def restore(self, request, queryset):
        restored, refused = 0, []
        for revision in queryset:
            if revisions.restore_from_trash(revision, request.user) is None:
                refused.append(revision.label)
            else:
                restored += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d Eintrag als Entwurf wiederhergestellt.",
                "%(count)d Einträge als Entwurf wiederhergestellt.",
                restored,
            )
            % {"count": restored},
        )
        if refused:
            self.message_user(
                request,
                _("Nicht wiederhergestellt, weil die Kennung inzwischen vergeben ist: %(labels)s")
                % {"labels": ", ".join(refused)},
                messages.WARNING,
            )
