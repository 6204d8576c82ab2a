"""JSON Schemas of what the API sends (OpenAPI 3.1 `components.schemas`).

Every object is closed (`additionalProperties: false`) and lists every key as
required, so the fuzzing test in the suite fails the moment the
implementation and this description drift apart. Vocabulary codes are read
from the tables when the document is requested: the enums are always exactly
what the server accepts and sends.
"""

from catalogue.cards import FACT_LABELS
from catalogue.eligibility import Criterion, Fit
from catalogue.models import DeadlineKind, Role
from catalogue.status import STATUS_ORDER

STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
NULLABLE_NUMBER = {"type": ["number", "null"], "minimum": 0}
ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 200}
STATUS_CODES = [s.value for s in STATUS_ORDER]
MAPPING = {"programme": "#/components/schemas/Programme", "institution": "#/components/schemas/Institution"}


def closed(properties, description=None):
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }
    if description:
        schema["description"] = description
    return schema


def code_list(codes, description):
    return {"type": "array", "items": {"type": "string", "enum": codes}, "description": description}


def _contact():
    return closed({key: {"type": "string"} for key in ("name", "email", "phone", "address")})


def _shared(codes):
    """Fields of programmes and institutions alike (see api.serializers._shared)."""
    return {
        "url": {"type": "string", "format": "uri", "description": "Öffentliche Seite im Atlas"},
        "description": {"type": "string", "description": "Markdown"},
        "goals": {"type": "string", "description": "Förderschwerpunkte und -ziele (Markdown)"},
        "funding_kinds": code_list(codes["funding_kinds"], "Förderschwerpunkte"),
        "regions": code_list(codes["regions"], "Fördergebiet"),
        "integration_areas": code_list(codes["integration_areas"], "Integrationsbereiche"),
        "target_groups": code_list(codes["target_groups"], "Zielgruppen"),
        "contact": _contact(),
        "last_checked": {**NULLABLE_DATE, "description": "zuletzt von der Redaktion geprüft"},
        "sources": {"type": "array", "items": {"type": "string"}},
    }


def _card():
    """The key facts in words, as on the result cards (catalogue.cards)."""
    facts = {name: {"type": "string", "description": str(label)} for name, label in FACT_LABELS.items()}
    facts["checked_months"] = {
        "type": ["integer", "null"],
        "minimum": 0,
        "description": "Monate seit der letzten Prüfung, wenn mehr als sechs; sonst null",
    }
    return closed(facts, "Das Wichtigste in Worten, wie auf den Ergebniskarten")


def programme_schema(codes):
    deadlines = closed(
        {
            "kind": {"type": "string", "enum": list(DeadlineKind.values)},
            "dates": {"type": "array", "items": DATE},
            "yearly": {"type": "array", "items": {"type": "string", "pattern": "^\\d{2}-\\d{2}$"}},
            "window_start": NULLABLE_DATE,
            "note": {"type": "string"},
        },
        "Bewerbungsfrist",
    )
    institution_ref = closed({"id": ID, "role": {"type": "string", "enum": list(Role.values)}})
    amount = {"text": {"type": "string"}, "min_eur": NULLABLE_NUMBER, "max_eur": NULLABLE_NUMBER}
    amount["max_rate_percent"] = {**NULLABLE_NUMBER, "maximum": 100}
    return closed(
        {
            "id": ID,
            "type": {"const": "programme"},
            "title": {"type": "string"},
            "status": {"type": "string", "enum": STATUS_CODES, "description": "abgeleitet, heute"},
            "next_deadline": {**NULLABLE_DATE, "description": "nächste Frist ab heute"},
            "card": _card(),
            "institutions": {"type": "array", "items": institution_ref},
            "amount": closed(amount, "Fördersumme"),
            "own_contribution": closed(
                {
                    "text": {"type": "string"},
                    "min_percent": {**NULLABLE_NUMBER, "maximum": 100},
                    "in_kind_allowed": {"type": ["boolean", "null"]},
                },
                "Eigenanteil",
            ),
            "deadlines": deadlines,
            "period": closed({"start": NULLABLE_DATE, "end": NULLABLE_DATE}, "Laufzeit"),
            "eligible": closed(
                {
                    "text": {"type": "string"},
                    "applicant_types": code_list(codes["applicant_types"], "Antragsberechtigte"),
                },
                "Antragsberechtigt",
            ),
            "links": {"type": "array", "items": closed({"title": STRING, "url": STRING})},
            **_shared(codes),
        },
        "Förderprogramm",
    )


def institution_schema(codes):
    return closed(
        {
            "id": ID,
            "type": {"const": "institution"},
            "name": {"type": "string"},
            "kind": {"type": ["string", "null"], "enum": [*codes["institution_kinds"], None]},
            "website": {"type": "string"},
            "programmes": {"type": "array", "items": ID, "description": "veröffentlichte Förderprogramme"},
            **_shared(codes),
        },
        "Förderer",
    )


def vocabulary_schema(keys):
    entry = closed({"code": {"type": "string"}, "label": {"type": "string"}})
    return closed({key: {"type": "array", "items": entry} for key in keys})


def region_schema():
    return closed(
        {
            "code": {"type": "string"},
            "label": {"type": "string"},
            "level": {"type": "string"},
            "parent": {"type": ["string", "null"]},
            "children": {"type": "array", "items": {"type": "string"}},
        }
    )


def error_schema():
    error = closed(
        {
            "field": {"type": ["string", "null"], "description": "Parameter, oder null"},
            "message": {"type": "string", "description": "Meldung in der Sprache der Anfrage"},
            "code": {"type": "string", "description": "stabiler Fehlercode, z. B. invalid_choice"},
        }
    )
    return closed({"errors": {"type": "array", "items": error, "minItems": 1}})


def pagination_schema():
    link = {"type": ["string", "null"], "format": "uri"}
    return closed(
        {
            "page": {"type": "integer", "minimum": 1},
            "per_page": {"type": "integer", "minimum": 1},
            "total": {"type": "integer", "minimum": 0},
            "num_pages": {"type": "integer", "minimum": 1},
            "next": link,
            "previous": link,
        }
    )


def check_item_schema():
    fits = {"type": "string", "enum": list(Fit.values)}
    reason = closed(
        {
            "criterion": {"type": "string", "enum": list(Criterion.values)},
            "fit": fits,
            "message": {"type": "string", "description": "Begründung in der Sprache der Anfrage"},
        }
    )
    return closed(
        {
            "id": ID,
            "type": {"const": "programme"},
            "title": {"type": "string"},
            "fit": {**fits, "description": "yes: passt, maybe: bitte klären, no: passt nicht"},
            "reasons": {
                "type": "array",
                "items": reason,
                "minItems": len(Criterion.values),
                "maxItems": len(Criterion.values),
                "description": "ein Grund je Kriterium, in fester Reihenfolge",
            },
        },
        "Ein Förderprogramm mit dem Ergebnis des Fördercheck",
    )


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def warnings_schema():
    """Problems that did not stop the search (control characters removed,
    an inverted range not applied), in the error shape."""
    warnings = error_schema()["properties"]["errors"]
    return {**warnings, "minItems": 0, "description": "Hinweise; die Suche lief trotzdem"}


def list_schema(item, facets):
    data = {"type": "array", "items": item}
    return closed(
        {"data": data, "facets": facets, "pagination": ref("Pagination"), "warnings": ref("Warnings")}
    )


def components(codes, facets):
    discriminator = {"propertyName": "type", "mapping": MAPPING}
    item = {"oneOf": [ref("Programme"), ref("Institution")], "discriminator": discriminator}
    return {
        "Programme": programme_schema(codes),
        "Institution": institution_schema(codes),
        "Item": item,
        "Facets": facets,
        "Pagination": pagination_schema(),
        "SearchPage": list_schema(ref("Item"), ref("Facets")),
        "ProgrammePage": list_schema(ref("Programme"), ref("Facets")),
        "InstitutionPage": list_schema(ref("Institution"), ref("Facets")),
        "ProgrammeDetail": closed({"data": ref("Programme")}),
        "InstitutionDetail": closed({"data": ref("Institution")}),
        "Vocabularies": closed({"data": vocabulary_schema([*codes, "statuses", "deadline_kinds", "roles"])}),
        "Regions": closed({"data": {"type": "array", "items": region_schema()}}),
        "CheckItem": check_item_schema(),
        "CheckPage": closed(
            {
                "data": {"type": "array", "items": ref("CheckItem")},
                "pagination": ref("Pagination"),
                "warnings": ref("Warnings"),
            }
        ),
        "Errors": error_schema(),
        "Warnings": warnings_schema(),
    }
