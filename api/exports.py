"""Every match of a search as a file: CSV (Excel-friendly), XLSX, and JSON in
the interchange format, which `manage.py import_catalogue` reads back.

Same parameters as /api/v1/search (and the search page); `page` is
ignored because an export holds all matches, up to `EXPORT_CAP`.

Exports are the costliest requests: at most ATLAS_EXPORT_CONCURRENCY are made
at once across all workers (a slot in the shared cache; the next one gets a
503 with Retry-After), and CSV streams row by row, hydrating CHUNK entries at
a time (programmes as plain `values()` rows, `api.rows`), so memory stays
flat whatever the size.
"""

import hashlib
from functools import wraps

from django import forms
from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from catalogue.interchange.exporter import dumps, export_document
from catalogue.models import Institution, Programme
from catalogue.queries import published
from catalogue.status import today
from ops.limits import Slots
from search import snapshot

from . import rows
from .http import error, error_response, set_last_modified, unchanged_copy
from .listing import form_errors, kept_items, last_change, matching, with_warnings
from .serializers import item
from .tables import csv_lines, to_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHUNK = 500
BUSY_RETRY_SECONDS = 15
# A slot outlives a worker killed mid-export by at most this long.
SLOT_SECONDS = 120


def _slots():
    return Slots("export", settings.ATLAS_EXPORT_CONCURRENCY, SLOT_SECONDS)


def _busy():
    message = gettext("Gerade entstehen schon mehrere Exporte. Bitte versuchen Sie es gleich noch einmal.")
    response = error_response([error(None, message, "busy")], status=503)
    response.headers["Retry-After"] = str(BUSY_RETRY_SECONDS)
    return response


def one_of_few(view):
    """Runs the export view in a slot; a streamed file gives its slot back
    when the last byte is sent (or the client goes away)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        slots = _slots()
        slot = slots.acquire()
        if slot is None:
            return _busy()
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            slots.release(slot)
            raise
        if response.streaming:
            response.streaming_content = _Releasing(response.streaming_content, slots, slot)
        else:
            slots.release(slot)
        return response

    return wrapped


class _Releasing:
    """A streamed body that gives its slot back when it is sent in full or
    closed (Django closes it when the client goes away)."""

    def __init__(self, chunks, slots, slot):
        self.chunks, self.slots, self.slot = chunks, slots, slot

    def __iter__(self):
        try:
            yield from self.chunks
        finally:
            self.close()

    def close(self):
        if self.slot is not None:
            self.slots.release(self.slot)
            self.slot = None


def state_etag(request):
    """The ETag of a streamed export: the file follows from the URL, the
    language, the index version (every write changes it) and the day."""
    state = f"{request.get_full_path()}|{translation.get_language()}|{snapshot.token()}|{today().isoformat()}"
    return '"' + hashlib.sha256(state.encode()).hexdigest()[:32] + '"'


class DelimiterForm(forms.Form):
    delimiter = forms.ChoiceField(
        label=_("Trennzeichen"),
        help_text=_("comma (Vorgabe) oder semicolon: Semikolon und Dezimalkomma für Excel auf Deutsch"),
        choices=[("comma", _("Komma")), ("semicolon", _("Semikolon"))],
        required=False,
    )


def file_response(content, content_type, extension, truncated):
    return _file_headers(HttpResponse(content, content_type=content_type), extension, truncated)


def _file_headers(response, extension, truncated):
    filename = f"foerderatlas-{today().isoformat()}.{extension}"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Export-Truncated"] = "true" if truncated else "false"
    return set_last_modified(response, last_change())


def answer_304_first(view):
    """For a streamed export: answer 304 before searching when the client's
    copy is current (the ETag follows from the request, see state_etag)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return unchanged_copy(request, state_etag(request), last_change()) or view(request, *args, **kwargs)

    return wrapped


@answer_304_first
@one_of_few
def search_csv(request):
    delimiter = DelimiterForm(request.GET)
    if not delimiter.is_valid():
        return error_response(form_errors(delimiter), status=400)
    version = snapshot.token()
    hits, truncated, warnings, failure = matching(request, hydrated=False, version=version)
    if failure:
        return failure
    semicolon = delimiter.cleaned_data["delimiter"] == "semicolon"
    lines = _in_language(
        translation.get_language(), csv_lines(_streamed_items(hits, request, version), semicolon=semicolon)
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response.headers["ETag"] = state_etag(request)
    return with_warnings(_file_headers(response, "csv", truncated), warnings)


def _streamed_items(hits, request, version):
    """API items of the entries of `hits`, CHUNK at a time, the ones the
    API's list pages have made already from memory (`listing.kept_items`):
    a whole catalogue every minute is mostly entries the workers know."""
    known = rows.lookups()
    for start in range(0, len(hits), CHUNK):
        yield from kept_items(hits[start : start + CHUNK], request, version, known)


def _in_language(language, chunks):
    """A streamed body is written after the view returned: keep its language."""
    with translation.override(language):
        yield from chunks


@one_of_few
def search_xlsx(request):
    entries, truncated, warnings, failure = matching(request)
    if failure:
        return failure
    response = file_response(to_xlsx(_items(entries, request)), XLSX_TYPE, "xlsx", truncated)
    return with_warnings(response, warnings)


@one_of_few
def search_interchange(request):
    """Matches plus the published funders they link to, so the file imports
    on an atlas that does not know those funders yet."""
    entries, truncated, warnings, failure = matching(request)
    if failure:
        return failure
    programmes = [e for e in entries if isinstance(e, Programme)]
    institution_pks = {e.pk for e in entries if isinstance(e, Institution)}
    institution_pks |= {link.institution.pk for p in programmes for link in p.institution_links.all()}
    institutions = published(Institution.objects.filter(pk__in=institution_pks)).order_by("slug")
    document = export_document(institutions, programmes)
    content = dumps(document).encode("utf-8")
    response = file_response(content, "application/json; charset=utf-8", "json", truncated)
    return with_warnings(response, warnings)


def _items(entries, request):
    return [item(entry, request) for entry in entries]
