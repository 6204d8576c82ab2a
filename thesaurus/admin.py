"""The thesaurus in the Redaktion: edit concepts (with history), export the
whole thesaurus as a file, import one (probe run first, all or nothing)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from . import data
from .models import Concept


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Thesaurus-Datei (UTF-8, eine Zeile je Begriff)"))
    replace = forms.BooleanField(
        label=gettext_lazy("Begriffe löschen, die die Datei nicht nennt"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > data.MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist zu groß (höchstens 2 MB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError(_("Die Datei ist nicht in UTF-8 geschrieben.")) from error


@admin.register(Concept)
class ConceptAdmin(SimpleHistoryAdmin):
    list_display = ("preferred", "code", "filter", "en", "uk", "ar")
    search_fields = ("code", "de", "en", "ar", "tr", "uk", "ru", "fa")
    list_filter = ("filter",)
    actions = ["export_selected"]
    change_list_template = "thesaurus/change_list.html"
    fieldsets = (
        (None, {"fields": ("code", "filter")}),
        (gettext_lazy("Begriffe"), {"fields": data.COLUMNS[2:]}),
    )

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    def get_urls(self):
        extra = [
            path("import/", self.admin_site.admin_view(self.import_view), name="thesaurus_concept_import"),
            path("export/", self.admin_site.admin_view(self.export_view), name="thesaurus_concept_export"),
        ]
        return extra + super().get_urls()

    @admin.action(description=gettext_lazy("Ausgewählte Begriffe als Datei exportieren"))
    def export_selected(self, request, queryset):
        return _file(queryset)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return _file(Concept.objects.all())

    def import_view(self, request):
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        errors, counts = [], None
        if request.method == "POST" and form.is_valid():
            parsed = data.parse(form.cleaned_data["file"])
            errors = parsed.errors
            if not errors and "apply" in request.POST:
                created, updated, deleted = data.save(
                    parsed.rows, Concept, replace=form.cleaned_data["replace"]
                )
                self.message_user(
                    request,
                    _("Thesaurus importiert: %(created)d neu, %(updated)d geändert, %(deleted)d gelöscht.")
                    % {"created": created, "updated": updated, "deleted": deleted},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:thesaurus_concept_changelist"))
            counts = len(parsed.rows)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Thesaurus importieren"),
            "form": form,
            "errors": errors,
            "checked": counts,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "thesaurus/import.html", context)


def _file(queryset):
    response = HttpResponse(data.dump(queryset.order_by("code")), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="thesaurus.txt"'
    return response
