"""The one shape of an error or a warning, wherever it is reported: the
API's JSON errors and warnings (400, 404, 429, 503), the search form's
notices (page and API alike) and the importers' findings (JSON and tables).

    {"field": "region", "message": "Unbekannter Code …", "code": "invalid_choice"}

`field` names what the problem is about (a query parameter, a dotted path
in an entry such as "eligible.applicant_types", a table column) or is None;
`message` is text in the active language; `code` is stable and never
translated, for scripts. Importer findings say where the problem is
before these three keys (`source`, `kind`, `entry`, `row`, `column`).
The API's OpenAPI schema of it is `api.schemas.Error`; a test holds both together.
"""

KEYS = ("field", "message", "code")


def problem(field, message, code, **where):
    """One problem; `where` (keyword arguments) locates it, first in the dict."""
    return {**where, "field": field, "message": str(message), "code": code}
