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
from search.check import CheckForm
from search.forms import MAX_QUERY_LENGTH, SearchForm

from .exports import DelimiterForm
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


def _enum(field):
    values = [str(value) for value, _label in field.choices if str(value) != ""]
    return {"type": "string", "enum": values}


def field_schema(field):
    """The JSON Schema of what a form field accepts in a query string."""
    if isinstance(field, forms.MultipleChoiceField):
        return {"type": "array", "items": _enum(field)}
    if isinstance(field, forms.ChoiceField):
        return _enum(field)
    if isinstance(field, forms.DateField):
        return {"type": "string", "format": "date"}
    if isinstance(field, forms.IntegerField | forms.DecimalField):
        schema = {"type": "integer" if isinstance(field, forms.IntegerField) else "number"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    schema = {"type": "string"}
    if getattr(field, "max_length", None):
        schema["maxLength"] = field.max_length
    return schema


def form_parameters(form, *, skip=()):
    """One OpenAPI query parameter per field of `form`."""
    parameters = []
    for name, field in form.fields.items():
        if name in skip:
            continue
        schema = field_schema(field)
        parameter = {"name": name, "in": "query", "required": field.required, "schema": schema}
        parameter["description"] = " – ".join(str(t) for t in (field.label, field.help_text) if t)
        if schema["type"] == "array":
            parameter.update(style="form", explode=True)
        parameters.append(parameter)
    return parameters


def search_parameters():
    """The search page's parameters. The form cuts longer query texts (and
    says so, which the API answers with 400), hence maxLength on q."""
    form = SearchForm(QueryDict(""), vocabularies=search_vocabularies.load())
    parameters = form_parameters(form)
    for parameter in parameters:
        if parameter["name"] == "q":
            parameter["schema"]["maxLength"] = MAX_QUERY_LENGTH
            parameter["description"] += " – " + _("ohne Steuerzeichen, höchstens %(n)d Zeichen") % {
                "n": MAX_QUERY_LENGTH
            }
    return parameters


def check_parameters():
    """The Fördercheck's questions (region and applicant type required)."""
    return form_parameters(CheckForm(options=search_vocabularies.load()))


def page_size_parameters():
    return form_parameters(PageSizeForm())


def delimiter_parameters():
    return form_parameters(DelimiterForm())


def id_parameter(model):
    """The path parameter `id`, with a published entry's id as example so
    that tools (and the fuzzing test) try a real one."""
    parameter = {"name": "id", "in": "path", "required": True, "schema": ID, "description": _("Kennung")}
    example = published(model.objects.all()).order_by("slug").values_list("slug", flat=True).first()
    if example:
        parameter["example"] = example
    return parameter


def programme_id():
    return id_parameter(Programme)


def institution_id():
    return id_parameter(Institution)


def describe(parameter):
    """One parameter for the HTML page: name, type and allowed values."""
    schema = parameter["schema"]
    items = schema.get("items", schema)
    return {
        "name": parameter["name"],
        "required": parameter.get("required", False),
        "repeatable": schema.get("type") == "array",
        "type": items.get("type", ""),
        "values": items.get("enum", []),
        "description": parameter.get("description", ""),
    }
