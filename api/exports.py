"""Every match of a search as a file: CSV (Excel-friendly), XLSX, and JSON in
the interchange format, which `manage.py import_catalogue` reads back.

Same parameters as /api/v1/search (and the search page); `page` is
ignored because an export holds all matches, up to `EXPORT_CAP`.
"""

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from catalogue.interchange.exporter import dumps, export_document
from catalogue.models import Institution, Programme
from catalogue.queries import published
from catalogue.status import today

from .http import api_view, error_response, set_last_modified
from .listing import form_errors, last_change, matching
from .serializers import item
from .tables import to_csv, to_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DelimiterForm(forms.Form):
    delimiter = forms.ChoiceField(
        label=_("Trennzeichen"),
        help_text=_("comma (Vorgabe) oder semicolon: Semikolon und Dezimalkomma für Excel auf Deutsch"),
        choices=[("comma", _("Komma")), ("semicolon", _("Semikolon"))],
        required=False,
    )


def _file_response(content, content_type, extension, truncated):
    response = HttpResponse(content, content_type=content_type)
    filename = f"foerderatlas-{today().isoformat()}.{extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Export-Truncated"] = "true" if truncated else "false"
    return set_last_modified(response, last_change())


@api_view
def search_csv(request):
    delimiter = DelimiterForm(request.GET)
    if not delimiter.is_valid():
        return error_response(form_errors(delimiter), status=400)
    entries, truncated, failure = matching(request)
    if failure:
        return failure
    semicolon = delimiter.cleaned_data["delimiter"] == "semicolon"
    content = to_csv(_items(entries, request), semicolon=semicolon)
    return _file_response(content, "text/csv; charset=utf-8", "csv", truncated)


@api_view
def search_xlsx(request):
    entries, truncated, failure = matching(request)
    if failure:
        return failure
    return _file_response(to_xlsx(_items(entries, request)), XLSX_TYPE, "xlsx", truncated)


@api_view
def search_interchange(request):
    """Matches plus the published funders they link to, so the file imports
    on an atlas that does not know those funders yet."""
    entries, truncated, failure = matching(request)
    if failure:
        return failure
    programmes = [e for e in entries if isinstance(e, Programme)]
    institution_pks = {e.pk for e in entries if isinstance(e, Institution)}
    institution_pks |= {link.institution.pk for p in programmes for link in p.institution_links.all()}
    institutions = published(Institution.objects.filter(pk__in=institution_pks)).order_by("slug")
    document = export_document(institutions, programmes)
    content = dumps(document).encode("utf-8")
    return _file_response(content, "application/json; charset=utf-8", "json", truncated)


def _items(entries, request):
    return [item(entry, request) for entry in entries]
