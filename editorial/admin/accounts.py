"""Funder accounts, link checks and the import log."""

from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from ..models import FunderAccount, ImportRun, LinkCheck
from ..roles import FOERDERER


@admin.register(FunderAccount)
class FunderAccountAdmin(admin.ModelAdmin):
    list_display = ("user", "institution_names")
    search_fields = ("user__username", "user__email", "institutions__name")
    filter_horizontal = ("institutions",)
    autocomplete_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related("institutions")

    @admin.display(description=_("Institutionen"))
    def institution_names(self, obj):
        return ", ".join(institution.name for institution in obj.institutions.all())

    def save_model(self, request, obj, form, change):
        # A funder account is a staff login in the group "Förderer".
        super().save_model(request, obj, form, change)
        user = obj.user
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.add(Group.objects.get(name=FOERDERER))


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnlyAdmin):
    list_display = ("url", "ok", "status_code", "error", "redirect_to", "checked_at", "failing_since")
    list_filter = ("ok", "status_code")
    search_fields = ("url", "redirect_to")


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "user",
        "filename",
        "file_format",
        "created_count",
        "updated_count",
        "unchanged_count",
    )
    readonly_fields = (
        "created_at",
        "user",
        "filename",
        "file_format",
        "created",
        "updated",
        "unchanged_count",
    )

    @admin.display(description=_("neu"))
    def created_count(self, obj):
        return len(obj.created)

    @admin.display(description=_("geändert"))
    def updated_count(self, obj):
        return len(obj.updated)
