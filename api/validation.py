"""One validation for every operation: a request's query is checked against
the parameters the OpenAPI document declares for its URL, before the view
runs. JSON, CSV, XLSX, interchange JSON, Atom and iCalendar therefore refuse
exactly the same values, and exactly what the document says they refuse.

The schemas are derived from the forms' fields (`api.openapi_params`), and
a refused value is reported with the form field's own message and code when
the field refuses it too ("min_value", "max_digits", …), so the messages
stay the ones the search page shows.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match

from search.check import CheckForm
from search.forms import SearchForm

from .exports import DelimiterForm
from .http import error
from .listing import PageSizeForm
from .openapi_paths import openapi_path, query_parameters

INTEGER = re.compile(r"-?[0-9]+")
# JSON Schema keyword that refused a value → the form's error code for it.
CODES = {
    "enum": "invalid_choice",
    "const": "invalid_choice",
    "minimum": "min_value",
    "maximum": "max_value",
    "maxLength": "max_length",
}


def query_errors(request):
    """The API's errors for the request's query, [] when every value fits."""
    match = request.resolver_match
    if match is None:
        return []
    path = openapi_path(match.route)
    found = []
    for parameter in query_parameters(path):
        name, schema = parameter["name"], parameter["schema"]
        values = request.GET.getlist(name)
        if not values:
            if parameter.get("required"):
                found.append(_refused(path, name, "", "required"))
            continue
        if schema.get("type") != "array":
            values = values[:1]  # the first counts (the form says so when there are more)
            item_schema = schema
        else:
            item_schema = schema["items"]
        validator = Draft202012Validator(item_schema, format_checker=FormatChecker())
        for value in values:
            problem = best_match(validator.iter_errors(_typed(value, item_schema)))
            if problem is not None:
                found.append(_refused(path, name, value, CODES.get(problem.validator, "invalid")))
                break  # one error per parameter is enough to act on
    return found


def _typed(value, schema):
    """A query value as the JSON type its schema expects: "3" is a number
    where an integer is declared; anything else stays the text it is."""
    branches = [schema, *schema.get("anyOf", [])]
    if INTEGER.fullmatch(value) and any(branch.get("type") == "integer" for branch in branches):
        return int(value)
    return value


def _form_field(path, name):
    fields = CheckForm.base_fields if path.startswith("/check") else SearchForm.base_fields
    for declared in (fields, PageSizeForm.base_fields, DelimiterForm.base_fields):
        if name in declared:
            return declared[name]
    return None


def _refused(path, name, value, code):
    """The form field's own message when it refuses the value too, else ours."""
    field = _form_field(path, name)
    if field is not None and not isinstance(field, forms.MultipleChoiceField):
        try:
            field.clean(value)
        except ValidationError as refusal:
            first = refusal.error_list[0]
            return error(name, first.messages[0], first.code or code)
    return error(name, _message(code) % {"param": name}, code)


def _message(code):
    return {
        "required": _("Der Parameter „%(param)s“ fehlt."),
        "invalid_choice": _("Diesen Wert kennt der Parameter „%(param)s“ nicht; die Werte nennt /api/v1/."),
        "min_value": _("Der Wert von „%(param)s“ ist zu klein."),
        "max_value": _("Der Wert von „%(param)s“ ist zu groß."),
        "max_length": _("Der Wert von „%(param)s“ ist zu lang."),
    }.get(code, _("Der Wert von „%(param)s“ hat nicht die Form, die /api/v1/ beschreibt."))
