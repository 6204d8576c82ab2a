"""The Redaktion's views of what visitors and funders sent: reports are
closed with a note (the reporter gets it), account requests approved into a
Förderer account or declined, suggestions link to their programme."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import AccountRequest, Report, Suggestion


class ReadOnlyInput(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False


def _entry_link(entry):
    if entry is None:
        return "–"
    url = reverse(f"admin:catalogue_{entry._meta.model_name}_change", args=[entry.pk])
    return format_html('<a href="{}">{}</a>', url, entry)


class ReportCloseForm(forms.ModelForm):
    close = forms.BooleanField(
        label=_("Meldung jetzt schließen"),
        required=False,
        help_text=_("Wer eine E-Mail-Adresse angegeben hat, erhält die Notiz per E-Mail."),
    )

    class Meta:
        model = Report
        fields = ("closing_note",)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("close") and not cleaned.get("closing_note", "").strip():
            self.add_error(
                "closing_note", _("Bitte schreiben Sie eine Notiz, was aus der Meldung geworden ist.")
            )
        return cleaned


@admin.register(Report)
class ReportAdmin(ReadOnlyInput):
    form = ReportCloseForm
    list_display = ("created_at", "kind", "entry_link", "is_open", "email")
    list_filter = (("closed_at", admin.EmptyFieldListFilter), "kind")
    search_fields = ("text", "programme__title", "institution__name")
    readonly_fields = (
        "entry_link",
        "kind",
        "text",
        "email",
        "language",
        "created_at",
        "closed_at",
        "closed_by",
    )
    fields = (*readonly_fields[:-2], "closing_note", "close", "closed_at", "closed_by")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("programme", "institution")

    @admin.display(description=_("Eintrag"))
    def entry_link(self, obj):
        return _entry_link(obj.entry)

    @admin.display(description=_("offen"), boolean=True)
    def is_open(self, obj):
        return obj.is_open

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_open:
            return (*self.readonly_fields, "closing_note")
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        if obj is not None and not obj.is_open:
            return [name for name in self.fields if name != "close"]
        return self.fields

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("close"):
            services.close_report(obj, obj.closing_note, request.user)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Suggestion)
class SuggestionAdmin(ReadOnlyInput):
    list_display = ("created_at", "programme_link", "funder_name", "email")
    search_fields = ("programme__title", "funder_name")
    readonly_fields = ("programme_link", "funder_name", "email", "language", "created_at")
    fields = readonly_fields

    @admin.display(description=_("Förderprogramm (Entwurf)"))
    def programme_link(self, obj):
        return _entry_link(obj.programme)


@admin.register(AccountRequest)
class AccountRequestAdmin(ReadOnlyInput):
    list_display = ("created_at", "name", "position", "email", "institution_link", "decision")
    list_filter = (("decided_at", admin.EmptyFieldListFilter), "approved")
    search_fields = ("name", "email", "institution__name")
    readonly_fields = (
        "institution_link",
        "name",
        "position",
        "email",
        "message",
        "language",
        "created_at",
        "decided_at",
        "approved",
        "user",
    )
    fields = readonly_fields
    actions = ["approve", "decline"]

    @admin.display(description=_("Förderer"))
    def institution_link(self, obj):
        return _entry_link(obj.institution)

    @admin.display(description=_("Entscheidung"))
    def decision(self, obj):
        if obj.decided_at is None:
            return _("offen")
        return _("freigeschaltet") if obj.approved else _("abgelehnt")

    def has_change_permission(self, request, obj=None):
        return False

    def _report(self, request, done, skipped):
        self.message_user(
            request,
            ngettext("%(count)d Anfrage entschieden.", "%(count)d Anfragen entschieden.", done)
            % {"count": done},
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d Anfrage war schon entschieden.",
                    "%(count)d Anfragen waren schon entschieden.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Freischalten: Förderer-Konto anlegen und einladen"), permissions=["approve"])
    def approve(self, request, queryset):
        done = sum(services.approve(r) for r in queryset)
        self._report(request, done, queryset.count() - done)

    @admin.action(description=_("Ablehnen"), permissions=["approve"])
    def decline(self, request, queryset):
        done = sum(services.decline(r) for r in queryset)
        self._report(request, done, queryset.count() - done)

    def has_approve_permission(self, request):
        # The Redaktion decides (its group holds every feedback permission).
        return request.user.has_perm("feedback.change_accountrequest")
