"""The search parameters as a Django form.

Every problem with the input becomes an entry in `SearchForm.problems`
({"field", "message", "code"}, German), and the search still runs with what
was valid: an unknown code is dropped, a malformed number is ignored, a page
that does not exist becomes the last one, an overlong query is cut. Nothing
the user can type leads to an exception.
"""

import unicodedata

from django import forms
from django.utils.datastructures import MultiValueDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.problems import problem
from catalogue.status import STATUS_ORDER
from catalogue.vocabularies import FILTERS

from .models import Kind, OwnContribution

MAX_QUERY_LENGTH = 200
MAX_VALUES = 50  # per repeated parameter; more is never a real search
SHOWN_VALUE_LENGTH = 40

SORT_CHOICES = [
    ("relevance", _("Relevanz")),
    ("deadline", _("Nächste Frist")),
    ("newest", _("Neueste zuerst")),
    ("title", _("Titel A–Z")),
    ("amount", _("Fördersumme (größte zuerst)")),
]
# Repeated parameters: the kinds and statuses, one per vocabulary filter
# (catalogue.vocabularies), and own contribution.
MULTI_VALUED = ("type", "status", *(vocabulary.param for vocabulary in FILTERS), "own_contribution")
# Filters of one value each (the others are MULTI_VALUED vocabulary codes).
VALUE_FILTERS = ("amount", "amount_min", "amount_max", "deadline_from", "deadline_to")
SINGLE_VALUED = (
    "q",
    "amount",
    "amount_min",
    "amount_max",
    "deadline_from",
    "deadline_to",
    "exact",
    "sort",
    "page",
)


def _shown(value):
    """A value quoted back in a message: no control characters, not too long."""
    value = "".join(c for c in str(value) if unicodedata.category(c)[0] != "C")
    return value if len(value) <= SHOWN_VALUE_LENGTH else value[:SHOWN_VALUE_LENGTH] + "…"


# Problems that do not stop a search: it runs with what was meant, and the
# answer says what was changed beside the results (page and API alike).
NOTICES = ("control_characters", "duplicate", "amount_range", "deadline_range", "page_out_of_range")


class CodesField(forms.MultipleChoiceField):
    """Repeated vocabulary codes. Unknown codes are not fatal: the form
    reports them and keeps the known ones."""

    def validate(self, value):
        pass


def amount_field(label, param):
    # Django fills its own %-placeholders into these messages afterwards;
    # ours use {braces} and are filled here, once per field.
    messages = {
        "invalid": _("Bitte geben Sie bei „{label}“ ({param}) einen Betrag in Euro als Zahl an, z. B. 5000."),
        "min_value": _("Der Betrag bei „{label}“ ({param}) darf nicht negativ sein."),
        "max_digits": _("Der Betrag bei „{label}“ ({param}) ist zu groß."),
        "max_whole_digits": _("Der Betrag bei „{label}“ ({param}) ist zu groß."),
        "max_decimal_places": _(
            "Bitte geben Sie bei „{label}“ ({param}) höchstens zwei Nachkommastellen an."
        ),
    }
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        error_messages={
            code: format_lazy(message, label=label, param=param) for code, message in messages.items()
        },
    )


def _date_field(label, param, help_text):
    message = _("Bitte geben Sie bei „{label}“ ({param}) ein Datum als JJJJ-MM-TT an, z. B. 2027-03-31.")
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": format_lazy(message, label=label, param=param)},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Suchbegriff"), required=False, strip=True)
    type = CodesField(label=_("Art des Eintrags"), required=False, choices=Kind.choices)
    status = CodesField(label=_("Status"), required=False, choices=[(s.value, s.label) for s in STATUS_ORDER])
    # One field per vocabulary filter, in the declared order (the class body's
    # namespace is what the form's metaclass reads its fields from).
    vars().update({v.param: CodesField(label=v.label, required=False) for v in FILTERS})
    own_contribution = CodesField(
        label=_("Eigenanteil"),
        help_text=_("none: kein eigenes Geld nötig; in_kind: Eigenleistung (z. B. Ehrenamt) zählt"),
        required=False,
        choices=OwnContribution.choices,
    )
    amount = amount_field(_("Benötigter Betrag (EUR)"), "amount")
    amount_min = amount_field(_("Fördersumme ab (EUR)"), "amount_min")
    amount_max = amount_field(_("Fördersumme bis (EUR)"), "amount_max")
    deadline_from = _date_field(
        _("Frist ab"), "deadline_from", _("die nächste Frist liegt an oder nach diesem Tag (JJJJ-MM-TT)")
    )
    deadline_to = _date_field(
        _("Frist bis"), "deadline_to", _("die nächste Frist liegt an oder vor diesem Tag (JJJJ-MM-TT)")
    )
    exact = forms.TypedChoiceField(
        label=_("Genau diese Wörter"),
        help_text=_("1: ohne Korrektur von Tippfehlern und ohne Erkennen von Ortsnamen"),
        required=False,
        choices=[("1", _("ja")), ("0", _("nein"))],
        coerce=lambda value: value == "1",
        empty_value=False,
        error_messages={"invalid_choice": _("„exact“ ist 1 (genau diese Wörter) oder 0; es gilt 0.")},
    )
    sort = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=SORT_CHOICES,
        error_messages={
            "invalid_choice": _("Die Sortierung „%(value)s“ (sort) gibt es nicht; es gilt die Vorgabe.")
        },
    )
    page = forms.IntegerField(
        label=_("Seite"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Die Seitenzahl (page) muss eine ganze Zahl ab 1 sein; gezeigt wird Seite 1."),
            "min_value": _("Die Seitenzahl (page) muss eine ganze Zahl ab 1 sein; gezeigt wird Seite 1."),
        },
    )

    def __init__(self, params, *, vocabularies):
        data, self.problems = _prepare(params)
        super().__init__(data)
        for name, options in vocabularies.items():
            self.fields[name].choices = [(o.code, o.label) for o in options]

    def clean(self):
        cleaned = super().clean()
        for name in MULTI_VALUED:
            cleaned[name] = self._known_codes(name, cleaned.get(name) or [])
        low, high = cleaned.get("amount_min"), cleaned.get("amount_max")
        if low is not None and high is not None and low > high:
            message = _(
                "„Fördersumme ab“ ist größer als „Fördersumme bis“; "
                "die Betragsgrenzen wurden nicht angewandt."
            )
            self.problems.append(problem("amount_max", message, "amount_range"))
            cleaned["amount_min"] = cleaned["amount_max"] = None
        first, last = cleaned.get("deadline_from"), cleaned.get("deadline_to")
        if first is not None and last is not None and first > last:
            message = _("„Frist ab“ liegt nach „Frist bis“; der Fristzeitraum wurde nicht angewandt.")
            self.problems.append(problem("deadline_to", message, "deadline_range"))
            cleaned["deadline_from"] = cleaned["deadline_to"] = None
        return cleaned

    def _known_codes(self, name, values):
        field = self.fields[name]
        known = [v for v in values if field.valid_value(v)]
        for value in [v for v in values if not field.valid_value(v)][:5]:
            message = _(
                "„%(value)s“ ist kein bekannter Wert für „%(label)s“ (%(param)s) und wurde ignoriert."
            )
            values = {"value": _shown(value), "label": field.label, "param": name}
            self.problems.append(problem(name, message % values, "invalid_choice"))
        return known

    def all_problems(self):
        """Field errors and notices together, in the order of the fields."""
        found = [
            problem(name, message, error.code or "invalid")
            for name, errors in self.errors.as_data().items()
            for error in errors
            for message in error.messages
        ]
        return _ordered(found + self.problems, list(self.fields))

    def value(self, name, default=None):
        """The cleaned value of a field, or `default` if it was invalid or unset."""
        value = self.cleaned_data.get(name)
        return default if value in (None, "", False) else value


def _ordered(problems, names):
    order = {name: i for i, name in enumerate(names)}
    return sorted(problems, key=lambda p: order.get(p["field"], len(order)))


def _clean_query(value, problems):
    """Control characters (NUL included) become spaces, runs of white space
    one space, and a query longer than MAX_QUERY_LENGTH is cut."""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") and not c.isspace() for c in value):
        problems.append(
            problem("q", _("Steuerzeichen im Suchbegriff wurden entfernt."), "control_characters")
        )
    value = " ".join("".join(" " if unicodedata.category(c)[0] == "C" else c for c in value).split())
    if len(value) > MAX_QUERY_LENGTH:
        message = _("Der Suchbegriff war zu lang; gesucht wird mit den ersten %(limit)d Zeichen.")
        problems.append(problem("q", message % {"limit": MAX_QUERY_LENGTH}, "max_length"))
        value = value[:MAX_QUERY_LENGTH].rstrip()
    return value


def _prepare(params):
    """The request's parameters as the form reads them: single-valued ones
    take their first value (and say so when repeated), repeated ones lose
    empty values and duplicates."""
    data, problems = MultiValueDict(), []
    for name in SINGLE_VALUED:
        values = params.getlist(name)
        if len(values) > 1:
            message = _("Der Parameter „%(param)s“ wurde mehrfach angegeben; es gilt der erste Wert.")
            problems.append(problem(name, message % {"param": name}, "duplicate"))
        if values:
            data[name] = values[0]
    if "q" in data:
        data["q"] = _clean_query(data["q"], problems)
    for name in MULTI_VALUED:
        values = [v for v in params.getlist(name) if v != ""]
        data.setlist(name, list(dict.fromkeys(values))[:MAX_VALUES])
    return data, problems
