"""The Fördercheck: one entry point for the page /foerdercheck/ and the API
/api/v1/check, as `search.core.search()` is for the search.

    result = check(request.GET)     # a QueryDict
    result.errors                   # [{"field", "message", "code"}], German
    result.items                    # this page's Assessments, in page order
    result.counts                   # {"yes": 12, "maybe": 5, "no": 32}

The rules are `catalogue.eligibility`; this module validates the answers
(`CheckForm`), turns them into a `Profile` with the region's ancestors and
the labels of the chosen values, and runs the rules over every published
programme. Unlike the search, the check refuses invalid answers rather than
running without them: a verdict on a half-understood profile would mislead.
"""

import gc
import math
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.utils.translation import gettext_lazy as _

from catalogue.eligibility import Fit, Profile
from catalogue.eligibility_facts import load_facts
from catalogue.eligibility_ranking import FactsTable, rank
from catalogue.models import Programme
from catalogue.problems import problem
from catalogue.queries import published
from catalogue.regions import land
from catalogue.status import today

from . import snapshot, vocabularies
from .forms import MAX_VALUES, amount_field

PER_PAGE = 20
FIRST_START, LAST_START = date(2000, 1, 1), date(2099, 12, 31)
# The form's fields, in the order of the questions and of the URL.
ORDER = (
    "region",
    "applicant_type",
    "target_group",
    "integration_area",
    "amount",
    "own_contribution_percent",
    "in_kind",
    "start",
    "page",
)
REPEATED = ("target_group", "integration_area")


def _choice_messages(label, param):
    return {
        "required": _("Bitte wählen Sie: %(label)s") % {"label": label},
        "invalid_choice": _("„%%(value)s“ ist kein bekannter Wert für „%(label)s“ (%(param)s).")
        % {"label": label, "param": param},
    }


class CheckForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Wo findet das Projekt statt?"),
        help_text=_("Landkreis oder kreisfreie Stadt, oder ganz Niedersachsen"),
    )
    applicant_type = forms.ChoiceField(
        label=_("Wer stellt den Antrag?"),
        help_text=_("Eine Gruppe ohne eingetragenen Verein ist eine „Initiative ohne Rechtsform“."),
    )
    target_group = forms.MultipleChoiceField(
        label=_("Für wen ist das Projekt?"), required=False, help_text=_("mehrere möglich")
    )
    integration_area = forms.MultipleChoiceField(
        label=_("Worum geht es?"), required=False, help_text=_("mehrere möglich")
    )
    amount = amount_field(_("Wie viel Geld brauchen Sie? (EUR)"), "amount")
    own_contribution_percent = forms.DecimalField(
        label=_("Wie viel Prozent der Kosten können Sie selbst aufbringen?"),
        help_text=_("0 bis 100"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        error_messages={
            "invalid": _(
                "Bitte geben Sie den Eigenanteil (own_contribution_percent) als Zahl von 0 bis 100 an."
            ),
            "min_value": _("Der Eigenanteil (own_contribution_percent) liegt zwischen 0 und 100 Prozent."),
            "max_value": _("Der Eigenanteil (own_contribution_percent) liegt zwischen 0 und 100 Prozent."),
            "max_digits": _("Der Eigenanteil (own_contribution_percent) liegt zwischen 0 und 100 Prozent."),
            "max_whole_digits": _(
                "Der Eigenanteil (own_contribution_percent) liegt zwischen 0 und 100 Prozent."
            ),
            "max_decimal_places": _(
                "Bitte geben Sie den Eigenanteil (own_contribution_percent) mit höchstens zwei "
                "Nachkommastellen an."
            ),
        },
    )
    in_kind = forms.ChoiceField(
        label=_("Ehrenamtliche Arbeit oder Sachleistungen können als Eigenanteil zählen"),
        required=False,
        choices=[("1", _("ja")), ("0", _("nein"))],
        error_messages={"invalid_choice": _("Für in_kind gilt 1 (ja) oder 0 (nein).")},
    )
    start = forms.DateField(
        label=_("Wann soll das Projekt beginnen?"),
        help_text=_("Datum wie 2027-03-01; ohne Angabe: heute"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Bitte geben Sie den Beginn (start) als Datum wie 2027-03-01 an.")},
    )
    page = forms.IntegerField(
        label=_("Seite"),
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("Die Seitenzahl (page) muss eine ganze Zahl ab 1 sein."),
            "min_value": _("Die Seitenzahl (page) muss eine ganze Zahl ab 1 sein."),
        },
    )

    def __init__(self, data=None, *, options):
        super().__init__(data)
        self.options = options
        self.fields["region"].choices = [(o.code, o.label) for o in project_regions(options["region"])]
        for name in ("applicant_type", "target_group", "integration_area"):
            self.fields[name].choices = [(o.code, o.label) for o in options[name]]
        for name in ("region", "applicant_type", "target_group", "integration_area"):
            field = self.fields[name]
            field.error_messages.update(_choice_messages(field.label, name))

    def clean_start(self):
        start = self.cleaned_data.get("start")
        if start and not FIRST_START <= start <= LAST_START:
            raise forms.ValidationError(
                _("Der Beginn (start) muss zwischen 2000 und 2099 liegen."), code="out_of_range"
            )
        return start

    def problems(self):
        """Every error, in the order of the questions."""
        order = {name: index for index, name in enumerate(ORDER)}
        found = [
            problem(None if name == "__all__" else name, message, error.code or "invalid")
            for name, errors in self.errors.as_data().items()
            for error in errors
            for message in error.messages
        ]
        return sorted(found, key=lambda p: order.get(p["field"], len(order)))


def project_regions(regions):
    """Where a project can be: the Land and the districts directly in it, in
    editorial order."""
    code = land()
    return [o for o in regions if code in (o.code, o.parent)]


def _duplicates(params):
    """A single-valued answer given twice is a mistake we name, not guess."""
    return [
        problem(name, _("„%(param)s“ wurde mehrfach angegeben.") % {"param": name}, "duplicate")
        for name in ORDER
        if name not in REPEATED and len(params.getlist(name)) > 1
    ]


def _too_many(params):
    return [
        problem(
            name, _("Höchstens %(n)d Werte für „%(param)s“.") % {"n": MAX_VALUES, "param": name}, "max_values"
        )
        for name in REPEATED
        if len(params.getlist(name)) > MAX_VALUES
    ]


def _terms(options, codes):
    labels = {o.code: o.label for o in options}
    return tuple((code, labels[code]) for code in dict.fromkeys(codes))


def profile_of(cleaned, options, on):
    region = cleaned["region"]
    return Profile(
        region=_terms(options["region"], [region])[0],
        region_chain=tuple(vocabularies.ancestors(options["region"], region)),
        applicant_type=_terms(options["applicant_type"], [cleaned["applicant_type"]])[0],
        start=cleaned["start"] or on,
        target_groups=_terms(options["target_group"], cleaned["target_group"]),
        integration_areas=_terms(options["integration_area"], cleaned["integration_area"]),
        amount=cleaned["amount"],
        own_contribution_percent=cleaned["own_contribution_percent"],
        in_kind=cleaned["in_kind"] == "1",
    )


@dataclass
class CheckResult:
    form: CheckForm
    errors: list
    asked: bool  # False: no answers yet (the empty page)
    profile: Profile | None = None
    ranking: object = None  # catalogue.eligibility_ranking.Ranking
    page: int = 1
    per_page: int = PER_PAGE
    state: "CheckState | None" = None

    @property
    def total(self):
        return len(self.ranking.order) if self.ranking else 0

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def items(self):
        """This page's Assessments, with their reasons."""
        if not self.ranking:
            return []
        first = (self.page - 1) * self.per_page
        return [self.ranking.assessment(p) for p in self.ranking.order[first : first + self.per_page]]

    @property
    def counts(self):
        return self.ranking.counts if self.ranking else dict.fromkeys(Fit.values, 0)

    @property
    def groups(self):
        """This page's items by verdict: [(Fit, [Assessment, …]), …]."""
        groups = {}
        for assessment in self.items:
            groups.setdefault(assessment.fit, []).append(assessment)
        return [(Fit(fit), items) for fit, items in groups.items()]

    @property
    def field_errors(self):
        """{field: [message, …]}: what the page shows beside each question."""
        found = {}
        for error in self.errors:
            found.setdefault(error["field"], []).append(error["message"])
        return found

    def page_url(self, number):
        return self.state.url(page=[number]) if 1 <= number <= self.num_pages else None

    @property
    def previous_url(self):
        return self.page_url(self.page - 1)

    @property
    def next_url(self):
        return self.page_url(self.page + 1)

    @property
    def alert_query(self):
        """The search for programmes that surely fit the hard answers (region,
        who applies, the sum): the e-mail alert the result page offers. Entries
        that leave one of these unknown are not in it, only in the check."""
        profile = self.profile
        pairs = [("type", "programme"), ("region", profile.region[0])]
        pairs.append(("applicant_type", profile.applicant_type[0]))
        if profile.amount is not None:
            pairs.append(("amount", f"{profile.amount:f}"))
        return "?" + urlencode(pairs)

    @property
    def share_query(self):
        """The answers without the page: the URL to bookmark, share and export."""
        return self.state.url(page=None)


def check(params, *, on=None, per_page=PER_PAGE, answers_required=False):
    """Validate the answers in `params` (a QueryDict) and, if they are valid,
    assess every published programme. Without any answer the page shows the
    empty form (`asked` False); the API (`answers_required`) says what is missing."""
    options = vocabularies.load()
    unasked = not answers_required and not any(params.values())
    form = CheckForm(None if unasked else params, options=options)
    if not form.is_bound:
        return CheckResult(form, [], asked=False)
    errors = _duplicates(params) + _too_many(params)
    if not form.is_valid() or errors:
        return CheckResult(form, errors + form.problems(), asked=True)
    on = on or today()
    profile = profile_of(form.cleaned_data, options, on)
    ranking = rank(published_table(), profile)
    result = CheckResult(form, [], True, profile, ranking, per_page=per_page, state=_state(form))
    asked_page = form.cleaned_data["page"] or 1
    if asked_page > result.num_pages:
        message = _("Seite %(page)d gibt es nicht; gezeigt wird die letzte Seite (%(last)d).")
        values = {"page": asked_page, "last": result.num_pages}
        result.errors.append(problem("page", message % values, "page_out_of_range"))
    result.page = min(asked_page, result.num_pages)
    return result


_tables = {}  # {connection alias: (index version, FactsTable)}


def published_table():
    """The FactsTable of every published programme, kept while the search
    index keeps its version: every write to a programme, its deadlines or its
    vocabularies gives the index a new one (search.snapshot). Without a
    version (an empty test database) nothing is kept."""
    version = snapshot.token()  # first: a change after this read only makes the copy newer
    kept_version, table = _tables.get(connection.alias, (None, None))
    if version is None or version != kept_version:
        table = FactsTable(load_facts(published(Programme.objects.all())))
        if version is not None:
            _tables[connection.alias] = (version, table)
            _keep_out_of_collections()
    return table


def _keep_out_of_collections():
    """The kept table is tens of thousands of long-lived objects that every
    full garbage collection would walk again: at 10,000 programmes that
    made one check in four take 70–100 ms instead of 27 (bench/check.py).
    Freezing moves what exists now out of the collector's sight; the table
    holds no reference cycles, so a replaced one is still freed by reference
    counting. What else is alive at this moment (the current request) is
    frozen too: a few objects per catalogue change."""
    gc.collect()
    gc.freeze()


def _state(form):
    """The valid answers as a URL builder, in the order of the questions."""
    cleaned = form.cleaned_data
    pairs = []
    for name in ORDER:
        value = cleaned.get(name)
        values = list(dict.fromkeys(value)) if name in REPEATED else [value]
        pairs += [(name, str(v)) for v in values if v not in (None, "")]
    return CheckState(pairs)


@dataclass(frozen=True)
class CheckState:
    pairs: list

    def url(self, page):
        """ "?region=03155&…", with `page` ([n], or None for none) instead of the asked one."""
        kept = [(name, value) for name, value in self.pairs if name != "page"]
        return "?" + urlencode(kept + [("page", str(n)) for n in page or () if n != 1])
