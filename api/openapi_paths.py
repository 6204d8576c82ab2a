"""The `paths` of the OpenAPI document: one GET operation per URL of
`api.urls`, each with every status it can answer (200, 304, 400, 404, 429).
A test holds this list and the URL configuration to the same set."""

import re

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from search import vocabularies as search_vocabularies

from . import openapi_params as params
from .exports import XLSX_TYPE
from .http import LANGUAGE_PARAMETER
from .listing import EXPORT_CAP
from .openapi_schemas import closed, ref

JSON = "application/json"
FILE = {"type": "string", "format": "binary"}
TEXT = {"type": "string"}
HEADER_REFS = (
    "ETag",
    "Last-Modified",
    "Access-Control-Allow-Origin",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
)


def tags():
    return [
        ("Daten", _("Förderprogramme, Förderer, Vokabulare und Regionen")),
        ("Suche", _("Suche, Filter, Facetten und Seiten wie auf der Website")),
        ("Fördercheck", _("Welche Förderprogramme zu einem Projekt passen, und warum")),
        ("Export", _("Alle Treffer einer Suche als Datei")),
        ("Feeds", _("Atom- und iCalendar-Feeds")),
        ("Dokumentation", _("Diese Beschreibung")),
    ]


def ok(media_type, schema, text, *, export=False, searched=False):
    names = (*HEADER_REFS, "Content-Disposition", "X-Export-Truncated") if export else HEADER_REFS
    if searched:
        names = (*names, "X-Search-Warnings")
    headers = {name: {"$ref": f"#/components/headers/{name}"} for name in names}
    return {"description": text, "headers": headers, "content": {media_type: {"schema": schema}}}


def operation(operation_id, summary, success, *, tag, parameters=(), text="", not_found=False):
    parameters = [*parameters, params.language_parameter()]
    responses = {"200": success, "304": {"$ref": "#/components/responses/NotModified"}}
    if any(p["in"] == "query" for p in parameters):
        responses["400"] = {"$ref": "#/components/responses/BadRequest"}
    if not_found:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    responses["429"] = {"$ref": "#/components/responses/TooManyRequests"}
    get = {"operationId": operation_id, "summary": summary, "tags": [tag], "responses": responses}
    if text:
        get["description"] = text
    if parameters:
        get["parameters"] = list(parameters)
    return {"get": get}


def facets_schema():
    value = closed(
        {
            "value": TEXT,
            "label": TEXT,
            "count": {"type": "integer", "minimum": 0},
            "selected": {"type": "boolean"},
            "toggle_url": {
                "type": "string",
                "format": "uri",
                "description": _("dieselbe Suche mit diesem Wert an- oder abgewählt"),
            },
        }
    )
    group = closed({"name": TEXT, "label": TEXT, "values": {"type": "array", "items": value}})
    return {"type": "array", "items": group}


def search_paths(search):
    size = params.page_size_parameters()
    same = _("Dieselben Parameter, Filter, Facetten, Sortierung und Reihenfolge wie die Suchseite /suche/.")
    return {
        "/search": operation(
            "search",
            _("Suche über Förderprogramme und Förderer"),
            ok(JSON, ref("SearchPage"), _("Eine Seite Treffer")),
            tag="Suche",
            parameters=[*search, *size],
            text=same,
        ),
        "/programmes": operation(
            "listProgrammes",
            _("Förderprogramme (Suche mit type=programme)"),
            ok(JSON, ref("ProgrammePage"), _("Eine Seite Förderprogramme")),
            tag="Daten",
            parameters=[*without(search, "type"), *size],
            text=same,
        ),
        "/institutions": operation(
            "listInstitutions",
            _("Förderer (Suche mit type=institution)"),
            ok(JSON, ref("InstitutionPage"), _("Eine Seite Förderer")),
            tag="Daten",
            parameters=[*without(search, "type"), *size],
            text=same,
        ),
    }


def check_paths(check):
    text = _(
        "Dieselben Fragen und dieselbe Reihenfolge wie die Seite /foerdercheck/: zuerst, was passt "
        "(mehr passende Zielgruppen und Integrationsbereiche, dann die nächste Frist), dann, was "
        "vielleicht passt, dann, was nicht passt. Je Förderprogramm ein Grund je Kriterium."
    )
    cap = number_format(EXPORT_CAP, force_grouping=True)
    return {
        "/check": operation(
            "check",
            _("Fördercheck: passende Förderprogramme mit Begründung"),
            ok(JSON, ref("CheckPage"), _("Eine Seite Ergebnisse")),
            tag="Fördercheck",
            parameters=[*check, *params.page_size_parameters()],
            text=text,
        ),
        "/check.csv": operation(
            "checkCsv",
            _("Fördercheck als CSV (UTF-8 mit BOM, für Excel)"),
            ok("text/csv", TEXT, _("CSV-Datei"), export=True, searched=True),
            tag="Export",
            parameters=[*without(check, "page"), *params.delimiter_parameters()],
            text=_("Alle Ergebnisse des Fördercheck (höchstens %(cap)s).") % {"cap": cap},
        ),
    }


def data_paths(examples):
    return {
        "/programmes/{id}": operation(
            "getProgramme",
            _("Ein Förderprogramm"),
            ok(JSON, ref("ProgrammeDetail"), _("Das Förderprogramm")),
            tag="Daten",
            parameters=[params.programme_id(example=examples)],
            not_found=True,
        ),
        "/institutions/{id}": operation(
            "getInstitution",
            _("Ein Förderer"),
            ok(JSON, ref("InstitutionDetail"), _("Der Förderer")),
            tag="Daten",
            parameters=[params.institution_id(example=examples)],
            not_found=True,
        ),
        "/vocabularies": operation(
            "listVocabularies",
            _("Alle Vokabulare mit Code und Bezeichnung"),
            ok(JSON, ref("Vocabularies"), _("Die Vokabulare")),
            tag="Daten",
        ),
        "/regions": operation(
            "listRegions",
            _("Regionen (Fördergebiete) als Baum"),
            ok(JSON, ref("Regions"), _("Alle Regionen, übergeordnete vor untergeordneten")),
            tag="Daten",
            text=_("EU-weit ⊃ Bundesweit ⊃ Landesweit ⊃ Landkreise und kreisfreie Städte."),
        ),
    }


def export_paths(search):
    every = without(search, "page")
    cap = number_format(EXPORT_CAP, force_grouping=True)
    text = _("Alle Treffer der Suche mit denselben Parametern (höchstens %(cap)s).") % {"cap": cap}
    interchange = closed(
        {
            "format": {"const": "foerderatlas/1"},
            "institutions": {"type": "array", "items": {"type": "object"}},
            "programmes": {"type": "array", "items": {"type": "object"}},
        },
        _("Austauschformat foerderatlas/1; mit manage.py import_catalogue wieder einlesbar"),
    )
    return {
        "/search.csv": operation(
            "exportCsv",
            _("Export als CSV (UTF-8 mit BOM, für Excel)"),
            ok("text/csv", TEXT, _("CSV-Datei"), export=True, searched=True),
            tag="Export",
            parameters=[*every, *params.delimiter_parameters()],
            text=text,
        ),
        "/search.xlsx": operation(
            "exportXlsx",
            _("Export als Excel-Arbeitsmappe (XLSX)"),
            ok(XLSX_TYPE, FILE, _("XLSX-Datei"), export=True, searched=True),
            tag="Export",
            parameters=every,
            text=text,
        ),
        "/search.interchange.json": operation(
            "exportInterchange",
            _("Export im Austauschformat (JSON), samt verknüpfter Förderer"),
            ok(JSON, interchange, _("JSON-Dokument"), export=True, searched=True),
            tag="Export",
            parameters=every,
            text=text,
        ),
    }


def feed_paths(search, examples):
    every = without(search, "type", "page")
    return {
        "/feeds/programmes.atom": operation(
            "feedProgrammes",
            _("Atom-Feed neuer und geänderter Förderprogramme"),
            ok("application/atom+xml", TEXT, _("Atom 1.0, die 50 zuletzt geänderten Treffer"), searched=True),
            tag="Feeds",
            parameters=every,
            text=_("Ohne Parameter: der ganze Atlas; mit Suchparametern: die Treffer dieser Suche."),
        ),
        "/feeds/deadlines.ics": operation(
            "feedDeadlines",
            _("iCalendar-Feed der Bewerbungsfristen"),
            ok("text/calendar", TEXT, _("iCalendar (RFC 5545)"), searched=True),
            tag="Feeds",
            parameters=every,
            text=_(
                "Je Frist der kommenden zwölf Monate ein ganztägiger Termin (bei jährlichen Fristen der "
                "nächste), UID <id>-<JJJJ-MM-TT>@<host>, Zeitzone Europe/Berlin."
            ),
        ),
        "/programmes/{id}/deadlines.ics": operation(
            "programmeDeadlines",
            _("Die Fristen eines Förderprogramms als Kalender"),
            ok("text/calendar", TEXT, _("iCalendar (RFC 5545)")),
            tag="Feeds",
            parameters=[params.programme_id(example=examples)],
            not_found=True,
        ),
    }


def documentation_paths():
    return {
        "/": operation(
            "getDocumentation",
            _("Diese Dokumentation als Webseite"),
            ok("text/html", TEXT, _("HTML-Seite")),
            tag="Dokumentation",
        ),
        "/openapi.json": operation(
            "getOpenAPI",
            _("Dieses OpenAPI-Dokument"),
            ok(JSON, {"type": "object"}, _("OpenAPI 3.1")),
            tag="Dokumentation",
        ),
    }


def without(parameters, *names):
    return [p for p in parameters if p["name"] not in names]


def paths(*, examples=True, search=None, check=None):
    """Every operation; `examples` looks up a real id for the id parameters.
    The search's and the Fördercheck's parameters are read from their forms
    (with the vocabularies) unless given."""
    options = None if search is not None and check is not None else search_vocabularies.load()
    search = params.search_parameters(options) if search is None else search
    check = params.check_parameters(options) if check is None else check
    return {
        **search_paths(search),
        **check_paths(check),
        **data_paths(examples),
        **export_paths(search),
        **feed_paths(search, examples),
        **documentation_paths(),
    }


def openapi_path(route):
    """The document's path of a URL route: "api/v1/programmes/<slug:slug>"
    → "/programmes/{id}"."""
    return "/" + re.sub(r"<slug:slug>", "{id}", re.sub(r"^(?:api/)?v1/", "", route))


def _queries(operations):
    return {
        path: [p for p in item["get"].get("parameters", []) if p["in"] == "query"]
        for path, item in operations.items()
    }


def query_parameters(path):
    """The query parameters the document declares for `path`: the one
    description every request is validated against (`api.validation`).
    Operations with no more than `lang` are known without reading the
    vocabularies."""
    placeholder = [{"name": "", "in": "query", "schema": {}}]
    declared = _queries(paths(examples=False, search=placeholder, check=placeholder)).get(path, [])
    if all(p["name"] == LANGUAGE_PARAMETER for p in declared):
        return declared
    return _queries(paths(examples=False)).get(path, [])
