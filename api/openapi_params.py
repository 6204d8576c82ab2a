"""Paths and query parameters of the OpenAPI document.

Search parameters are read from the search form's fields, so their names,
types, limits and enums are exactly what the form accepts.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from .openapi_schemas import ID, ref
from .vocabularies import vocabulary_codes

__all__ = ["vocabulary_codes"]

JSON = "application/json"
EXPORT_CAP = 10_000
OK_HEADERS = {
    "ETag": {"$ref": "#/components/headers/ETag"},
    "Last-Modified": {"$ref": "#/components/headers/Last-Modified"},
    "Access-Control-Allow-Origin": {"$ref": "#/components/headers/Access-Control-Allow-Origin"},
}


def rate_limit_text():
    limit = settings.ATLAS_API_RATE_LIMIT
    if not limit:
        return _("derzeit ohne Begrenzung")
    return _("%(limit)d Anfragen je Minute") % {"limit": limit}


def tags():
    return [
        ("Daten", _("Förderprogramme, Förderer, Vokabulare und Regionen")),
        ("Suche", _("Suche, Filter, Facetten und Seiten wie auf der Website")),
        ("Export", _("Alle Treffer einer Suche als Datei")),
        ("Feeds", _("Atom- und iCalendar-Feeds")),
        ("Dokumentation", _("Diese Beschreibung")),
    ]


def ok(media_type, schema, text):
    return {"description": text, "headers": OK_HEADERS, "content": {media_type: {"schema": schema}}}


def operation(operation_id, summary, success, *, tag, parameters=(), text="", not_found=False):
    responses = {"200": success, "304": {"$ref": "#/components/responses/NotModified"}}
    if parameters:
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


def id_parameter():
    return {"name": "id", "in": "path", "required": True, "schema": ID, "description": _("Kennung")}


def data_paths():
    return {
        "/programmes/{id}": operation(
            "getProgramme",
            _("Ein Förderprogramm"),
            ok(JSON, ref("ProgrammeDetail"), _("Das Förderprogramm")),
            tag="Daten",
            parameters=[id_parameter()],
            not_found=True,
        ),
        "/institutions/{id}": operation(
            "getInstitution",
            _("Ein Förderer"),
            ok(JSON, ref("InstitutionDetail"), _("Der Förderer")),
            tag="Daten",
            parameters=[id_parameter()],
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


def documentation_paths():
    return {
        "/": operation(
            "getDocumentation",
            _("Diese Dokumentation als Webseite"),
            ok("text/html", {"type": "string"}, _("HTML-Seite")),
            tag="Dokumentation",
        ),
        "/openapi.json": operation(
            "getOpenAPI",
            _("Dieses OpenAPI-Dokument"),
            ok(JSON, {"type": "object"}, _("OpenAPI 3.1")),
            tag="Dokumentation",
        ),
    }


def facets_schema():
    return {"type": "array"}


def paths():
    return {**data_paths(), **documentation_paths()}


def describe(parameter):
    """One parameter for the HTML page: name, type and allowed values."""
    schema = parameter["schema"]
    items = schema.get("items", schema)
    return {
        "name": parameter["name"],
        "location": parameter["in"],
        "required": parameter.get("required", False),
        "repeatable": schema.get("type") == "array",
        "type": items.get("type", ""),
        "values": items.get("enum", []),
        "description": parameter.get("description", ""),
    }
