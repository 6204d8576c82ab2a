"""The operations of /api/v1/, declared once with django-ninja: path, URL
name, query parameters (`api.parameters`, from the forms), responses
(`api.schemas`) and the headers they carry. django-ninja generates the
OpenAPI 3.1 document from this (`api.documentation`); the bodies are built
where they always were (`api.listing`, `api.exports`, `api.check`,
`api.feeds`, `api.views`), and `api.urls` wraps each generated view in
`api.http.api_view` (method, rate limit, validation, language, ETag).
"""

from django.utils.formats import number_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field

from . import check, exports, feeds, listing, views
from . import parameters as params
from . import schemas as s
from .http import error, error_response, not_found

JSON = "application/json"
CSV = "text/csv"
# Every answer's headers, and what a file or a search adds.
ANSWER_HEADERS = (
    "ETag",
    "Last-Modified",
    "Access-Control-Allow-Origin",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
)
FILE_HEADERS = ("Content-Disposition", "X-Export-Truncated")
SEARCH_HEADERS = ("X-Search-Warnings",)
LIMIT_HEADERS = ("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")


class AtlasAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        return operation.operation_id or operation.view_func.__name__


api = AtlasAPI(urls_namespace="api", docs_url=None, openapi_url=None, title="Förderatlas", version="1.0.0")


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc):
    """django-ninja's 422 becomes our 400 in the one error shape."""
    errors = [
        error(str(problem["loc"][-1]) if problem.get("loc") else None, problem.get("msg", ""), "invalid")
        for problem in exc.errors
    ]
    return error_response(errors or [error(None, _("Ungültige Parameter"), "invalid")], status=400)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 404:
        return not_found()
    return error_response([error(None, str(exc), "invalid")], status=exc.status_code)


@api.exception_handler(Exception)
def unexpected(request, exc):
    """Not django-ninja's traceback page: Django's handler500 (ops.failures)
    answers, 503 for a database outage."""
    raise exc


# ---------- the parameters of each operation ----------

SEARCH = params.query_schema("SearchQuery", params.SEARCH, params.PAGE_SIZE, params.LANGUAGE)
TYPED_LIST = params.query_schema("ListQuery", params.SEARCH, params.PAGE_SIZE, params.LANGUAGE, skip={"type"})
EXPORT = params.query_schema("ExportQuery", params.SEARCH, params.LANGUAGE, skip={"page"})
CSV_EXPORT = params.query_schema(
    "CsvExportQuery", params.SEARCH, params.DELIMITER, params.LANGUAGE, skip={"page"}
)
FEED = params.query_schema("FeedQuery", params.SEARCH, params.LANGUAGE, skip={"type", "page"})
CHECK = params.query_schema("CheckQuery", params.CHECK, params.PAGE_SIZE, params.LANGUAGE)
CHECK_CSV = params.query_schema(
    "CheckCsvQuery", params.CHECK, params.DELIMITER, params.LANGUAGE, skip={"page"}
)
LANGUAGE_ONLY = params.query_schema("LanguageQuery", params.LANGUAGE)


class EntryId(Schema):
    id: str = Field(
        description="Kennung", json_schema_extra={"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 200}
    )


# {URL name: query schema}: what `api.urls` validates each request against.
QUERIES = {}
TEXT = {"type": "string"}
BINARY = {"type": "string", "format": "binary"}


def _headers(names):
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def _responses(model, text, *, media=None, body=TEXT, export=False, searched=False, entry=False):
    """Every status an operation answers: 200 (its model, or a `body` of
    `media`), 304, 400 (every operation takes `lang` at least), 404 for an
    unknown id, 429; each with the headers it carries."""
    declared = {200: model, 304: None, 400: s.Errors, 429: s.Errors}
    headers = [*ANSWER_HEADERS, *(FILE_HEADERS if export else ()), *(SEARCH_HEADERS if searched else ())]
    extra = {
        200: {"description": text, "headers": _headers(headers)},
        304: {
            "description": _("Nicht geändert (If-None-Match oder If-Modified-Since)"),
            "headers": _headers(["ETag"]),
        },
        429: {"description": _("Zu viele Anfragen"), "headers": _headers(LIMIT_HEADERS)},
    }
    extra[400] = {"description": _("Ungültige Parameter")}
    if entry:
        declared[404] = s.Errors
        extra[404] = {"description": _("Unbekannte oder nicht veröffentlichte Kennung")}
    if media:
        extra[200]["content"] = {media: {"schema": body}}
    return dict(sorted(declared.items())), {"responses": extra}


def operation(path, url_name, operation_id, *, query, summary, tag, description="", **responses):
    """Registers a GET operation whose query schema is `query`."""
    declared, extra = _responses(**responses)

    def register(view):
        QUERIES[url_name] = query
        return api.get(
            path,
            url_name=url_name,
            operation_id=operation_id,
            summary=summary,
            description=description,
            tags=[tag],
            response=declared,
            openapi_extra=extra,
        )(view)

    return register


# ---------- the operations ----------


def _with_cap(text):
    """`text` with the exports' cap, formatted in the language of the request."""
    return lazy(lambda: str(text) % {"cap": number_format(listing.EXPORT_CAP, force_grouping=True)}, str)()


SAME_AS_PAGE = _(
    "Dieselben Parameter, Filter, Facetten, Sortierung und Reihenfolge wie die Suchseite /suche/."
)
EVERY_MATCH = _with_cap(_("Alle Treffer der Suche mit denselben Parametern (höchstens %(cap)s)."))


@operation(
    "/search", "search", "search", query=SEARCH, tag="Suche", description=SAME_AS_PAGE,
    summary=_("Suche über Förderprogramme und Förderer"),
    model=s.SearchPage, text=_("Eine Seite Treffer"),
)  # fmt: skip
def search(request, query: Query[SEARCH]):
    return listing.search_view(request)


@operation(
    "/programmes", "programmes", "listProgrammes", query=TYPED_LIST, tag="Daten", description=SAME_AS_PAGE,
    summary=_("Förderprogramme (Suche mit type=programme)"),
    model=s.ProgrammePage, text=_("Eine Seite Förderprogramme"),
)  # fmt: skip
def programmes(request, query: Query[TYPED_LIST]):
    return listing.programmes(request)


@operation(
    "/institutions", "institutions", "listInstitutions", query=TYPED_LIST, tag="Daten",
    description=SAME_AS_PAGE,
    summary=_("Förderer (Suche mit type=institution)"),
    model=s.InstitutionPage, text=_("Eine Seite Förderer"),
)  # fmt: skip
def institutions(request, query: Query[TYPED_LIST]):
    return listing.institutions(request)


@operation(
    "/check", "check", "check", query=CHECK, tag="Fördercheck",
    summary=_("Fördercheck: passende Förderprogramme mit Begründung"),
    description=_(
        "Dieselben Fragen und dieselbe Reihenfolge wie die Seite /foerdercheck/: zuerst, was passt "
        "(mehr passende Zielgruppen und Integrationsbereiche, dann die nächste Frist), dann, was "
        "vielleicht passt, dann, was nicht passt. Je Förderprogramm ein Grund je Kriterium."
    ),
    model=s.CheckPage, text=_("Eine Seite Ergebnisse"),
)  # fmt: skip
def check_page(request, query: Query[CHECK]):
    return check.check_view(request)


@operation(
    "/check.csv", "check_csv", "checkCsv", query=CHECK_CSV, tag="Export",
    summary=_("Fördercheck als CSV (UTF-8 mit BOM, für Excel)"),
    description=_with_cap(_("Alle Ergebnisse des Fördercheck (höchstens %(cap)s).")),
    model=None, text=_("CSV-Datei"), media=CSV, export=True, searched=True,
)  # fmt: skip
def check_table(request, query: Query[CHECK_CSV]):
    return check.check_csv(request)


@operation(
    "/programmes/{slug:id}", "programme", "getProgramme", query=LANGUAGE_ONLY, tag="Daten",
    summary=_("Ein Förderprogramm"),
    model=s.ProgrammeDetail, text=_("Das Förderprogramm"), entry=True,
)  # fmt: skip
def programme(request, key: Path[EntryId], query: Query[LANGUAGE_ONLY]):
    return views.programme_detail(request, key.id)


@operation(
    "/institutions/{slug:id}", "institution", "getInstitution", query=LANGUAGE_ONLY, tag="Daten",
    summary=_("Ein Förderer"),
    model=s.InstitutionDetail, text=_("Der Förderer"), entry=True,
)  # fmt: skip
def institution(request, key: Path[EntryId], query: Query[LANGUAGE_ONLY]):
    return views.institution_detail(request, key.id)


@operation(
    "/vocabularies", "vocabularies", "listVocabularies", query=LANGUAGE_ONLY, tag="Daten",
    summary=_("Alle Vokabulare mit Code und Bezeichnung"),
    model=s.Vocabularies, text=_("Die Vokabulare"),
)  # fmt: skip
def vocabularies(request, query: Query[LANGUAGE_ONLY]):
    return views.vocabularies(request)


@operation(
    "/regions", "regions", "listRegions", query=LANGUAGE_ONLY, tag="Daten",
    summary=_("Regionen (Fördergebiete) als Baum"),
    description=_("EU-weit ⊃ Bundesweit ⊃ Landesweit ⊃ Landkreise und kreisfreie Städte."),
    model=s.Regions, text=_("Alle Regionen, übergeordnete vor untergeordneten"),
)  # fmt: skip
def regions(request, query: Query[LANGUAGE_ONLY]):
    return views.regions(request)


@operation(
    "/search.csv", "search_csv", "exportCsv", query=CSV_EXPORT, tag="Export", description=EVERY_MATCH,
    summary=_("Export als CSV (UTF-8 mit BOM, für Excel)"),
    model=None, text=_("CSV-Datei"), media=CSV, export=True, searched=True,
)  # fmt: skip
def search_csv(request, query: Query[CSV_EXPORT]):
    return exports.search_csv(request)


@operation(
    "/search.xlsx", "search_xlsx", "exportXlsx", query=EXPORT, tag="Export", description=EVERY_MATCH,
    summary=_("Export als Excel-Arbeitsmappe (XLSX)"),
    model=None, text=_("XLSX-Datei"), media=exports.XLSX_TYPE, body=BINARY, export=True, searched=True,
)  # fmt: skip
def search_xlsx(request, query: Query[EXPORT]):
    return exports.search_xlsx(request)


@operation(
    "/search.interchange.json", "search_interchange", "exportInterchange", query=EXPORT, tag="Export",
    description=EVERY_MATCH, summary=_("Export im Austauschformat (JSON), samt verknüpfter Förderer"),
    model=s.InterchangeDocument, text=_("JSON-Dokument"), export=True, searched=True,
)  # fmt: skip
def search_interchange(request, query: Query[EXPORT]):
    return exports.search_interchange(request)


@operation(
    "/feeds/programmes.atom", "programmes_atom", "feedProgrammes", query=FEED, tag="Feeds",
    summary=_("Atom-Feed neuer und geänderter Förderprogramme"),
    description=_("Ohne Parameter: der ganze Atlas; mit Suchparametern: die Treffer dieser Suche."),
    model=None, text=_("Atom 1.0, die 50 zuletzt geänderten Treffer"), media="application/atom+xml",
    searched=True,
)  # fmt: skip
def programmes_atom(request, query: Query[FEED]):
    return feeds.programmes_atom(request)


@operation(
    "/feeds/deadlines.ics", "deadlines_ics", "feedDeadlines", query=FEED, tag="Feeds",
    summary=_("iCalendar-Feed der Bewerbungsfristen"),
    description=_(
        "Je Frist der kommenden zwölf Monate ein ganztägiger Termin (bei jährlichen Fristen der "
        "nächste), UID <id>-<JJJJ-MM-TT>@<host>, Zeitzone Europe/Berlin."
    ),
    model=None, text=_("iCalendar (RFC 5545)"), media="text/calendar", searched=True,
)  # fmt: skip
def deadlines_ics(request, query: Query[FEED]):
    return feeds.deadlines(request)


@operation(
    "/programmes/{slug:id}/deadlines.ics", "programme_deadlines", "programmeDeadlines", query=LANGUAGE_ONLY,
    tag="Feeds", summary=_("Die Fristen eines Förderprogramms als Kalender"),
    model=None, text=_("iCalendar (RFC 5545)"), media="text/calendar", entry=True,
)  # fmt: skip
def programme_deadlines(request, key: Path[EntryId], query: Query[LANGUAGE_ONLY]):
    return feeds.programme_deadlines(request, key.id)


@operation(
    "/", "docs", "getDocumentation", query=LANGUAGE_ONLY, tag="Dokumentation",
    summary=_("Diese Dokumentation als Webseite"),
    model=None, text=_("HTML-Seite"), media="text/html",
)  # fmt: skip
def documentation_page(request, query: Query[LANGUAGE_ONLY]):
    from .documentation import page

    return page(request)


@operation(
    "/openapi.json", "openapi", "getOpenAPI", query=LANGUAGE_ONLY, tag="Dokumentation",
    summary=_("Dieses OpenAPI-Dokument"),
    model=None, text=_("OpenAPI 3.1"), media=JSON, body={"type": "object"},
)  # fmt: skip
def openapi_document(request, query: Query[LANGUAGE_ONLY]):
    from .documentation import document_response

    return document_response(request)
