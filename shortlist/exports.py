"""The Merkliste as the pages show it and as files: CSV, XLSX and
iCalendar, written by the same code as the open-data exports (`api`), so
a list's spreadsheet has the columns of a search's."""

from dataclasses import dataclass

from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.utils.translation import gettext as _

from api.exports import XLSX_TYPE
from api.ical import calendar_response
from api.listing import hydrate
from api.serializers import item
from api.tables import to_csv, to_xlsx
from catalogue.status import deadlines_of, next_deadline, status_on, today


@dataclass
class Shown:
    """A programme with its status and next deadline of today."""

    programme: object
    status: object
    next_deadline: object


def with_status(programmes):
    on = today()
    prefetch_related_objects(programmes, "deadlines", "institution_links__institution")
    shown = []
    for programme in programmes:
        deadlines = deadlines_of(programme)
        shown.append(Shown(programme, status_on(deadlines, on), next_deadline(deadlines, on)))
    return shown


def for_compare(programmes):
    prefetch_related_objects(programmes, "regions", "applicant_types")
    return with_status(programmes)


def _items(programmes, institutions, request):
    return [item(entry, request) for entry in hydrate([*programmes, *institutions])]


def _file(content, content_type, extension):
    response = HttpResponse(content, content_type=content_type)
    name = f"merkliste-{today().isoformat()}.{extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def csv_file(programmes, institutions, request):
    semicolon = request.GET.get("delimiter") == "semicolon"
    content = to_csv(_items(programmes, institutions, request), semicolon=semicolon)
    return _file(content, "text/csv; charset=utf-8", "csv")


def xlsx_file(programmes, institutions, request):
    return _file(to_xlsx(_items(programmes, institutions, request)), XLSX_TYPE, "xlsx")


def calendar_file(programmes, institutions, request):
    prefetch_related_objects(programmes, "deadlines")
    return calendar_response(
        programmes, request, name=_("Fristen meiner Merkliste"), filename="merkliste.ics"
    )


EXPORTS = {"csv": csv_file, "xlsx": xlsx_file, "ics": calendar_file}
