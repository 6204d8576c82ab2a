"""Query parameters of the OpenAPI document, read from the forms that
validate them: the search form (choices from the vocabulary tables) and the
API's own small forms. Names, types, limits and enums are therefore exactly
what the server accepts.
"""

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

from catalogue.models import Institution, Programme
from catalogue.queries import published
from search import vocabularies as search_vocabularies
from search.check import FIRST_START, LAST_START, CheckForm
from search.forms import MAX_QUERY_LENGTH, CodesField, SearchForm

from .exports import DelimiterForm
from .http import LANGUAGE_PARAMETER
from .listing import PageSizeForm
from .openapi_schemas import ID


def rate_limit_text():
    limit = settings.ATLAS_API_RATE_LIMIT
    if not limit:
        return _("Die Zahl der Anfragen ist derzeit nicht begrenzt.")
    return _(
        "Höchstens %(limit)d Anfragen je Minute und IP-Adresse; darüber antwortet der Server mit 429 "
        "und nennt in Retry-After die Sekunden bis zum nächsten Versuch."
    ) % {"limit": limit}


def _enum(field, *, empty):
    values = [str(value) for value, _label in field.choices if str(value) != ""]
    return {"type": "string", "enum": [*values, ""] if empty else values}


def _decimal_pattern(field):
    """The numbers a DecimalField takes, as a pattern: digits, at most
    `decimal_places` after a point, no sign (the minimum is 0), no exponent.
    A maximum must be a power of ten (100 %), so that it fits a pattern."""
    places = field.decimal_places
    fraction = f"(?:\\.[0-9]{{1,{places}}})?"
    if field.max_value is None:
        whole = f"[0-9]{{1,{field.max_digits - places}}}"
    else:
        zeros = len(str(int(field.max_value))) - 1
        assert field.max_value == 10**zeros, "a maximum a pattern can express"
        whole = f"(?:1{'0' * zeros}(?:\\.0{{1,{places}}})?|[0-9]{{1,{zeros}}}{fraction})"
        fraction = ""
    return f"^(?:{whole}{fraction})?$"


def field_schema(field):
    """The JSON Schema of what a form field accepts in a query string: every
    value that matches is taken, every other one is refused. An optional
    field also takes the empty value a submitted HTML form sends."""
    empty = not field.required
    if isinstance(field, forms.MultipleChoiceField):
        # The search's repeated codes drop empty values; the Fördercheck's refuse them.
        return {"type": "array", "items": _enum(field, empty=isinstance(field, CodesField))}
    if isinstance(field, forms.ChoiceField):
        return _enum(field, empty=empty)
    if isinstance(field, forms.DateField):
        return {"type": "string", "anyOf": [{"format": "date"}, {"maxLength": 0}]}
    if isinstance(field, forms.DecimalField):
        return {"type": "string", "pattern": _decimal_pattern(field), "examples": ["5000", "2500.50"]}
    if isinstance(field, forms.IntegerField):
        number = {"type": "integer"}
        if field.min_value is not None:
            number["minimum"] = field.min_value
        if field.max_value is not None:
            number["maximum"] = field.max_value
        return {"anyOf": [number, {"const": ""}]} if empty else number
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def schema_type(schema):
    """The type a reader should see ("integer" for a number that may be empty)."""
    return schema.get("type") or next((s["type"] for s in schema.get("anyOf", []) if "type" in s), "")


def form_parameters(form, *, skip=()):
    """One OpenAPI query parameter per field of `form`."""
    parameters = []
    for name, field in form.fields.items():
        if name in skip:
            continue
        schema = field_schema(field)
        parameter = {"name": name, "in": "query", "required": field.required, "schema": schema}
        parameter["description"] = " – ".join(str(t) for t in (field.label, field.help_text) if t)
        if schema.get("type") == "array":
            parameter.update(style="form", explode=True)
        parameters.append(parameter)
    return parameters


def search_parameters(options=None):
    """The search page's parameters. The form cuts longer query texts; the
    API refuses them (maxLength on q). Control characters are removed, and
    the answer says so beside the data."""
    form = SearchForm(QueryDict(""), vocabularies=options or search_vocabularies.load())
    parameters = form_parameters(form)
    for parameter in parameters:
        if parameter["name"] == "q":
            parameter["schema"]["maxLength"] = MAX_QUERY_LENGTH
            limit = _("höchstens %(n)d Zeichen; Steuerzeichen werden entfernt") % {"n": MAX_QUERY_LENGTH}
            parameter["description"] += " – " + limit
    return parameters


def check_parameters(options=None):
    """The Fördercheck's questions (region and applicant type required); the
    project's start lies in the years the check can reckon with."""
    parameters = form_parameters(CheckForm(options=options or search_vocabularies.load()))
    first, last = FIRST_START.year, LAST_START.year
    assert (first % 100, last - first) == (0, 99), "a century, which a pattern can express"
    for parameter in parameters:
        if parameter["name"] == "start":
            parameter["schema"]["anyOf"][0]["pattern"] = f"^{first // 100}[0-9]{{2}}-"
    return parameters


def language_parameter():
    """`lang`: the language of the answer. A page links its exports and feeds
    with its own language, so a table's headers read like the page."""
    return {
        "name": LANGUAGE_PARAMETER,
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": [*[code for code, _name in settings.LANGUAGES], ""]},
        "description": _(
            "Sprache der Antwort: Bezeichnungen, Spaltenköpfe, Meldungen; ohne Angabe gilt Accept-Language"
        ),
    }


def page_size_parameters():
    return form_parameters(PageSizeForm())


def delimiter_parameters():
    return form_parameters(DelimiterForm())


def id_parameter(model, *, example=True):
    """The path parameter `id`, with a published entry's id as example so
    that tools (and the fuzzing test) try a real one."""
    parameter = {"name": "id", "in": "path", "required": True, "schema": ID, "description": _("Kennung")}
    if example:
        example = published(model.objects.all()).order_by("slug").values_list("slug", flat=True).first()
    if example:
        parameter["example"] = example
    return parameter


def programme_id(*, example=True):
    return id_parameter(Programme, example=example)


def institution_id(*, example=True):
    return id_parameter(Institution, example=example)


def describe(parameter):
    """One parameter for the HTML page: name, type and allowed values."""
    schema = parameter["schema"]
    items = schema.get("items", schema)
    return {
        "name": parameter["name"],
        "required": parameter.get("required", False),
        "repeatable": schema.get("type") == "array",
        "type": schema_type(items),
        "values": [value for value in items.get("enum", []) if value != ""],
        "description": parameter.get("description", ""),
    }
