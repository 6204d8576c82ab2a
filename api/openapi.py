"""The OpenAPI 3.1 document of /api/v1/, built from the code it describes.

Query parameters come from the search form's own fields (choices read from
the vocabulary tables), response schemas from `api.openapi_schemas`; nothing
is written twice, so the description cannot fall behind the implementation.
The human-readable page /api/v1/ renders this same document.
"""

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import openapi_params as params
from . import openapi_paths
from .listing import EXPORT_CAP
from .openapi_schemas import components, ref
from .vocabularies import vocabulary_codes

VERSION = "1.0.0"


def stability_promise():
    return _(
        "Stabilitätsversprechen: Innerhalb von v1 kommen höchstens Felder, Parameter und Werte hinzu; "
        "kein Feld wird umbenannt oder entfernt, keine Bedeutung ändert sich. Unbekannte Felder sollten "
        "Clients ignorieren. Eine inkompatible Änderung bekäme eine neue Version unter /api/v2/."
    )


def description():
    return "\n\n".join(
        [
            _(
                "Offene Daten des Förderatlas: alle veröffentlichten Förderprogramme und Förderer, "
                "Vokabulare und Regionen, die Suche der Website mit denselben Parametern, Filtern, "
                "Facetten, Sortierungen und Seiten, dazu Exporte (CSV, XLSX, Austauschformat) und "
                "Feeds (Atom, iCalendar)."
            ),
            stability_promise(),
            _(
                "Nur lesend: GET, HEAD und OPTIONS; andere Methoden erhalten 405. CORS ist für jede "
                "Herkunft offen (Access-Control-Allow-Origin: *). Jede Antwort hat ein ETag und meist "
                "Last-Modified; If-None-Match und If-Modified-Since ergeben 304."
            ),
            params.rate_limit_text(),
            _(
                "Exporte und Feeds enthalten alle Treffer einer Suche, höchstens %(cap)s; sind es mehr, "
                "steht im Kopf X-Export-Truncated: true."
            )
            % {"cap": number_format(EXPORT_CAP, force_grouping=True)},
            _(
                'Fehler haben immer die Form {"errors": [{"field", "message", "code"}]}: 400 '
                "bei ungültigen Parametern, 404 bei unbekannter Kennung, 405, 429."
            ),
            _(
                "Was eine Suche nicht aufhält (entfernte Steuerzeichen, vertauschte Betrags- oder "
                'Fristgrenzen), steht als Hinweis in derselben Form unter "warnings" neben den Daten; '
                "Dateien und Feeds nennen die Codes im Kopf X-Search-Warnings."
            ),
        ]
    )


def _error(text):
    return {"description": text, "content": {openapi_paths.JSON: {"schema": ref("Errors")}}}


def shared_responses():
    return {
        "NotModified": {
            "description": _("Nicht geändert (If-None-Match oder If-Modified-Since)"),
            "headers": {"ETag": {"$ref": "#/components/headers/ETag"}},
        },
        "BadRequest": _error(_("Ungültige Parameter")),
        "NotFound": _error(_("Unbekannte oder nicht veröffentlichte Kennung")),
        "TooManyRequests": {
            **_error(_("Zu viele Anfragen")),
            "headers": {
                name: {"$ref": f"#/components/headers/{name}"}
                for name in ("Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")
            },
        },
    }


def shared_headers():
    return {
        "ETag": {"required": True, "schema": {"type": "string"}, "description": _("Hash des Inhalts")},
        "Last-Modified": {"schema": {"type": "string"}, "description": _("letzte Änderung der Daten")},
        "Access-Control-Allow-Origin": {"required": True, "schema": {"const": "*"}},
        "Retry-After": {"required": True, "schema": {"type": "string", "pattern": "^[0-9]+$"}},
        "Content-Disposition": {
            "required": True,
            "schema": {"type": "string"},
            "description": _("Dateiname"),
        },
        **{
            name: {"schema": {"type": "string", "pattern": "^[0-9]+$"}, "description": text}
            for name, text in (
                ("X-RateLimit-Limit", _("Anfragen je Minute und IP-Adresse (fehlt ohne Begrenzung)")),
                ("X-RateLimit-Remaining", _("davon in dieser Minute noch übrig")),
                ("X-RateLimit-Reset", _("Sekunden bis zur nächsten Minute")),
            )
        },
        "X-Search-Warnings": {
            "schema": {"type": "string"},
            "description": _(
                "Codes der Hinweise zur Suche, durch Kommas getrennt (z. B. control_characters); "
                "die Datei enthält trotzdem alle Treffer"
            ),
        },
        "X-Export-Truncated": {
            "required": True,
            "schema": {"enum": ["true", "false"]},
            "description": _("true, wenn die Suche mehr Treffer hat, als ein Export enthält"),
        },
    }


def document(request):
    codes = vocabulary_codes()
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("Förderatlas – offene Daten"),
            "version": VERSION,
            "description": description(),
        },
        "servers": [{"url": request.build_absolute_uri(reverse("api:docs")).rstrip("/")}],
        "tags": [{"name": name, "description": text} for name, text in openapi_paths.tags()],
        "paths": openapi_paths.paths(),
        "components": {
            "schemas": components(codes, openapi_paths.facets_schema()),
            "responses": shared_responses(),
            "headers": shared_headers(),
        },
    }


def docs_context(request):
    """The document, flattened for the template: one entry per operation."""
    doc = document(request)
    server = doc["servers"][0]["url"]
    operations = []
    for path, item in doc["paths"].items():
        get = item["get"]
        operations.append(
            {
                "path": f"{server}{path}",
                "summary": get["summary"],
                "description": get.get("description", ""),
                "tag": get["tags"][0],
                "parameters": [params.describe(p) for p in get.get("parameters", [])],
                "statuses": sorted(get["responses"]),
            }
        )
    return {
        "doc": doc,
        "operations": operations,
        "stability_promise": stability_promise(),
        "openapi_url": f"{server}/openapi.json",
        "export_cap": EXPORT_CAP,
        "rate_limit": params.rate_limit_text(),
    }
