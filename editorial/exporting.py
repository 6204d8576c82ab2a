"""Export the current admin selection as interchange JSON, CSV or XLSX."""

from django.contrib import admin
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from catalogue.interchange.exporter import dumps, export_document
from catalogue.models import Institution, Programme
from catalogue.status import today

from .tabular.writing import write_csv, write_xlsx

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def document_of(queryset):
    """The interchange document of a selection of institutions or programmes."""
    none_of = {Institution: Programme, Programme: Institution}
    entries = {queryset.model: queryset, none_of[queryset.model]: none_of[queryset.model].objects.none()}
    return export_document(entries[Institution], entries[Programme])


def file_response(content, file_format, stem):
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{stem}-{today().isoformat()}.{file_format}"'
    return response


def _export(queryset, file_format):
    # Only the primary keys of the selection: the admin's annotations are not needed.
    selection = queryset.model.objects.filter(pk__in=queryset.values("pk"))
    document = document_of(selection)
    content = {
        "json": lambda: dumps(document).encode("utf-8"),
        "csv": lambda: write_csv(document),
        "xlsx": lambda: write_xlsx(document),
    }[file_format]()
    return file_response(content, file_format, f"foerderatlas-{queryset.model._meta.model_name}")


@admin.action(description=_("Auswahl als JSON exportieren (Austauschformat)"), permissions=["view"])
def export_json(modeladmin, request, queryset):
    return _export(queryset, "json")


@admin.action(description=_("Auswahl als CSV exportieren"), permissions=["view"])
def export_csv(modeladmin, request, queryset):
    return _export(queryset, "csv")


@admin.action(description=_("Auswahl als XLSX exportieren"), permissions=["view"])
def export_xlsx(modeladmin, request, queryset):
    return _export(queryset, "xlsx")


EXPORT_ACTIONS = [export_json, export_csv, export_xlsx]
