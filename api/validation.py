"""One validation for every operation: a request's query is checked against
the parameters its operation declares (`api.parameters`, the same schemas
the generated OpenAPI document shows), before the operation runs. JSON, CSV,
XLSX, interchange JSON, Atom and iCalendar therefore refuse exactly the same
values, and exactly what the document says they refuse.

A refused value is reported with the form field's own message and code when
the field refuses it too ("min_value", "max_digits", …), so the messages
stay the ones the search page shows.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from jsonschema.exceptions import best_match

from .http import error

INTEGER = re.compile(r"-?[0-9]+")
# JSON Schema keyword that refused a value → the form's error code for it.
CODES = {
    "enum": "invalid_choice",
    "const": "invalid_choice",
    "minimum": "min_value",
    "maximum": "max_value",
    "maxLength": "max_length",
}


def query_errors(request, parameters):
    """The API's errors for the request's query against `parameters`
    (`api.parameters.Parameter`s), [] when every value fits."""
    found = []
    for parameter in parameters:
        values = request.GET.getlist(parameter.name)
        if not values:
            if parameter.required:
                found.append(_refused(parameter, "", "required"))
            continue
        if not parameter.repeatable:
            values = values[:1]  # the first counts (the form says so when there are more)
        item_schema = parameter.validator.schema
        for value in values:
            problem = best_match(parameter.validator.iter_errors(_typed(value, item_schema)))
            if problem is not None:
                found.append(_refused(parameter, value, CODES.get(problem.validator, "invalid")))
                break  # one error per parameter is enough to act on
    return found


def _typed(value, schema):
    """A query value as the JSON type its schema expects: "3" is a number
    where an integer is declared; anything else stays the text it is."""
    branches = [schema, *schema.get("anyOf", [])]
    if INTEGER.fullmatch(value) and any(branch.get("type") == "integer" for branch in branches):
        return int(value)
    return value


def _refused(parameter, value, code):
    """The form field's own message when it refuses the value too, else ours."""
    field, name = parameter.field, parameter.name
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
