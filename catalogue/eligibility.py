"""Fördercheck: does a programme fit an organisation's project, and why.

One pure function per criterion reads a programme's `Facts` and the seeker's
`Profile` and gives one `Reason`, e.g.
    Reason("region", "yes", "Landesweit (Niedersachsen), umfasst Landkreis Northeim")
    Reason("own_contribution", "no", "mindestens 10 % verlangt, Sie können 0 % aufbringen").

Hard criteria (region, applicant type, deadline, amount, own contribution)
decide the verdict: `no` when one fails, `maybe` when none fails but one is
unknown (the programme says nothing), `yes` otherwise. Soft criteria (target
group, integration area) only rank. A question the seeker left open is not
checked and never fails.

Deadlines reuse `catalogue.status` (yearly dates roll over, the application
window, the end of the period); regions are matched against the chain of the
project's region and its ancestors (Landkreis ⊂ Niedersachsen ⊂ Bund ⊂ EU).
Messages are rendered when read: a check of 10,000 programmes shows twenty.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_lazy

from . import cards, lists
from .status import Deadlines, next_deadline
from .vocabularies import translate_label


@cache
def _(message):
    """gettext_lazy, made once per message: the rules run thousands of times
    in one check, and a new lazy string each time was a third of its cost."""
    return gettext_lazy(message)


class Fit(models.TextChoices):
    """A verdict, and the outcome of one criterion; in this order on the page."""

    YES = "yes", _("Passt")
    MAYBE = "maybe", _("Passt vielleicht – bitte klären")
    NO = "no", _("Passt nicht")


SYMBOLS = {Fit.YES: "✔", Fit.MAYBE: "?", Fit.NO: "✘"}
OUTCOME_WORDS = {Fit.YES: _("erfüllt"), Fit.MAYBE: _("unklar"), Fit.NO: _("nicht erfüllt")}


class Criterion(models.TextChoices):
    REGION = "region", _("Fördergebiet")
    APPLICANT_TYPE = "applicant_type", _("Antragsberechtigt")
    DEADLINE = "deadline", _("Frist")
    AMOUNT = "amount", _("Fördersumme")
    OWN_CONTRIBUTION = "own_contribution", _("Eigenanteil")
    TARGET_GROUP = "target_group", _("Zielgruppe")
    INTEGRATION_AREA = "integration_area", _("Integrationsbereich")


HARD = (
    Criterion.REGION,
    Criterion.APPLICANT_TYPE,
    Criterion.DEADLINE,
    Criterion.AMOUNT,
    Criterion.OWN_CONTRIBUTION,
)
SOFT = (Criterion.TARGET_GROUP, Criterion.INTEGRATION_AREA)


# ---------- what goes into a message ----------


class Euro:
    """An amount shown as "2.000 €" (a plain holder: a check makes thousands)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = Decimal(value)


class Percent(Euro):
    """A share shown as "10 %"."""

    __slots__ = ()


class Labels(tuple):
    """Vocabulary labels (German, as stored), shown translated and joined."""


def shown(value):
    """A message parameter as the reader sees it, in the active language."""
    # Sums and shares as everywhere else (catalogue.cards: the one money formatter).
    if isinstance(value, Percent):
        return cards.percent(value.value)
    if isinstance(value, Euro):
        return cards.euro(value.value)
    if isinstance(value, Labels):
        return lists.join(translate_label(label) for label in value)
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    return str(value)


# ---------- the inputs ----------


@dataclass(frozen=True, slots=True)
class Facts:
    """What the check reads of one programme. Vocabulary values are
    (code, label) pairs in editorial order: codes to match, labels to say."""

    id: str
    title: str
    regions: tuple = ()
    applicant_types: tuple = ()
    target_groups: tuple = ()
    integration_areas: tuple = ()
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    own_contribution_min_percent: Decimal | None = None
    in_kind_allowed: bool | None = None
    deadlines: Deadlines = Deadlines()


@dataclass(frozen=True)
class Profile:
    """The seeker's answers. `region_chain` holds the region's code and those
    of every area containing it, nearest first: ("03155", "ni", "de", "eu")."""

    region: tuple  # (code, label)
    region_chain: tuple
    applicant_type: tuple  # (code, label)
    start: date
    target_groups: tuple = ()  # ((code, label), …)
    integration_areas: tuple = ()
    amount: Decimal | None = None
    own_contribution_percent: Decimal | None = None
    in_kind: bool = False


# ---------- the outcome ----------


class Reason:
    """One criterion's outcome. `text` and `ask` are lazy templates filled
    with `params` when read; `ask` is what to ask the funder when unknown.
    A plain class, not a frozen dataclass: a check makes thousands, and a
    frozen dataclass takes three times as long to build (never changed after)."""

    __slots__ = ("criterion", "fit", "text", "params", "ask", "checked", "_message")

    def __init__(self, criterion, fit, text, params=None, ask=None, checked=True):
        self.criterion = criterion
        self.fit = fit
        self.text = text
        self.params = params or {}
        self.ask = ask
        self.checked = checked  # False: the seeker left this question open
        self._message = (None, "")  # (language, message): one Reason serves many programmes

    def __repr__(self):
        return f"Reason({self.criterion!r}, {self.fit!r}, {self.detail!r})"

    @property
    def label(self):
        return Criterion(self.criterion).label

    @property
    def symbol(self):
        return SYMBOLS[self.fit] if self.checked else "–"

    @property
    def word(self):
        """The outcome in words beside the symbol, for screen readers and print."""
        return OUTCOME_WORDS[self.fit] if self.checked else _("nicht geprüft")

    @property
    def detail(self):
        return str(self.text) % {name: shown(value) for name, value in self.params.items()}

    @property
    def message(self):
        """ "Fördergebiet: Landesweit (Niedersachsen), umfasst Landkreis Northeim" """
        language, message = self._message
        if language != get_language():
            message = gettext("%(criterion)s: %(detail)s") % {"criterion": self.label, "detail": self.detail}
            self._message = (get_language(), message)
        return message

    @property
    def question(self):
        if self.ask is None:
            return None
        return str(self.ask) % {name: shown(value) for name, value in self.params.items()}


def _yes(criterion, text, **params):
    return Reason(criterion, Fit.YES, text, params)


def _no(criterion, text, **params):
    return Reason(criterion, Fit.NO, text, params)


def _unknown(criterion, ask, **params):
    return Reason(criterion, Fit.MAYBE, _("keine Angabe"), params, ask=ask)


def _not_asked(criterion):
    return Reason(criterion, Fit.YES, _("nicht geprüft, da ohne Angabe"), checked=False)


def _labels(terms):
    return Labels(label for _code, label in terms)


# ---------- the hard criteria ----------


def region(facts, profile):
    code, label = profile.region
    if not facts.regions:
        ask = _("Fördern Sie Projekte in %(region)s?")
        return _unknown(Criterion.REGION, ask, region=Labels([label]))
    chain = profile.region_chain
    covering = sorted((t for t in facts.regions if t[0] in chain), key=lambda t: chain.index(t[0]))
    if not covering:
        text = _("nur %(areas)s – %(region)s liegt nicht darin")
        return _no(Criterion.REGION, text, areas=_labels(facts.regions), region=Labels([label]))
    nearest = covering[0]
    if nearest[0] == code:
        return _yes(Criterion.REGION, "%(region)s", region=Labels([label]))
    text = _("%(area)s, umfasst %(region)s")
    return _yes(Criterion.REGION, text, area=Labels([nearest[1]]), region=Labels([label]))


def applicant_type(facts, profile):
    code, label = profile.applicant_type
    if not facts.applicant_types:
        ask = _("Können %(type)s einen Antrag stellen?")
        return _unknown(Criterion.APPLICANT_TYPE, ask, type=Labels([label]))
    if any(c == code for c, _label in facts.applicant_types):
        return _yes(Criterion.APPLICANT_TYPE, "%(type)s", type=Labels([label]))
    text = _("nur %(types)s – nicht %(type)s")
    return _no(Criterion.APPLICANT_TYPE, text, types=_labels(facts.applicant_types), type=Labels([label]))


def deadline(facts, profile):
    deadlines, start = facts.deadlines, profile.start
    if deadlines.period_end and deadlines.period_end < start:
        text = _("die Laufzeit endete am %(end)s, vor Ihrem Projektbeginn")
        return _no(Criterion.DEADLINE, text, end=deadlines.period_end)
    if deadlines.kind == "none":
        return _unknown(Criterion.DEADLINE, _("Bis wann können wir einen Antrag stellen?"))
    opens = deadlines.window_start if deadlines.window_start and deadlines.window_start > start else None
    if deadlines.kind == "rolling":
        if opens:
            return _yes(Criterion.DEADLINE, _("laufend, Anträge ab %(opens)s"), opens=opens)
        return _yes(Criterion.DEADLINE, _("Anträge laufend möglich"))
    upcoming = next_deadline(deadlines, start)
    if upcoming is None and not deadlines.dates:
        return _unknown(Criterion.DEADLINE, _("Bis wann können wir einen Antrag stellen?"))
    if upcoming is None:
        text = _("die letzte Frist war am %(last)s, vor Ihrem Projektbeginn")
        return _no(Criterion.DEADLINE, text, last=max(deadlines.dates))
    if opens:
        text = _("Anträge ab %(opens)s, Frist am %(date)s")
        return _yes(Criterion.DEADLINE, text, opens=opens, date=upcoming)
    return _yes(Criterion.DEADLINE, _("nächste Frist am %(date)s"), date=upcoming)


def amount(facts, profile):
    wanted = profile.amount
    if wanted is None:
        return _not_asked(Criterion.AMOUNT)
    low, high = facts.amount_min, facts.amount_max
    if low is None and high is None:
        return _unknown(Criterion.AMOUNT, _("Wie hoch kann die Förderung sein?"))
    if low is not None and wanted < low:
        text = _("mindestens %(min)s, Sie brauchen %(amount)s")
        return _no(Criterion.AMOUNT, text, min=Euro(low), amount=Euro(wanted))
    if high is not None and wanted > high:
        text = _("höchstens %(max)s, Sie brauchen %(amount)s")
        return _no(Criterion.AMOUNT, text, max=Euro(high), amount=Euro(wanted))
    if low is None:
        text = _("%(amount)s liegt im Rahmen (bis %(max)s)")
        return _yes(Criterion.AMOUNT, text, amount=Euro(wanted), max=Euro(high))
    if high is None:
        text = _("%(amount)s liegt im Rahmen (ab %(min)s)")
        return _yes(Criterion.AMOUNT, text, amount=Euro(wanted), min=Euro(low))
    text = _("%(amount)s liegt im Rahmen (%(min)s bis %(max)s)")
    return _yes(Criterion.AMOUNT, text, amount=Euro(wanted), min=Euro(low), max=Euro(high))


def own_contribution(facts, profile):
    own = profile.own_contribution_percent
    if own is None and not profile.in_kind:
        return _not_asked(Criterion.OWN_CONTRIBUTION)
    required = facts.own_contribution_min_percent
    if required is None:
        return _unknown(Criterion.OWN_CONTRIBUTION, _("Wird ein Eigenanteil verlangt, und wie hoch?"))
    if required == 0:
        return _yes(Criterion.OWN_CONTRIBUTION, _("kein Eigenanteil verlangt"))
    own = own or 0
    params = {"required": Percent(required), "own": Percent(own)}
    shares = _("mindestens %(required)s verlangt, Sie können %(own)s aufbringen")
    if required <= own:
        return _yes(Criterion.OWN_CONTRIBUTION, shares, **params)
    if not profile.in_kind:
        return _no(Criterion.OWN_CONTRIBUTION, shares, **params)
    if facts.in_kind_allowed:
        text = _("mindestens %(required)s verlangt; Eigenleistung wie ehrenamtliche Arbeit wird angerechnet")
        return _yes(Criterion.OWN_CONTRIBUTION, text, **params)
    if facts.in_kind_allowed is None:
        text = _("%(required)s verlangt, Sie können %(own)s aufbringen; ob Eigenleistung zählt, ist offen")
        ask = _("Wird ehrenamtliche Arbeit oder eine Sachleistung als Eigenanteil angerechnet?")
        return Reason(Criterion.OWN_CONTRIBUTION, Fit.MAYBE, text, params, ask=ask)
    text = _("mindestens %(required)s verlangt, Sie können %(own)s aufbringen; Eigenleistung zählt nicht")
    return _no(Criterion.OWN_CONTRIBUTION, text, **params)


# ---------- the soft criteria ----------


def _soft(criterion, wanted, offered):
    if not wanted:
        return _not_asked(criterion)
    if not offered:
        return Reason(criterion, Fit.MAYBE, _("keine Angabe"), {})
    codes = {code for code, _label in offered}
    shared = [term for term in wanted if term[0] in codes]
    if shared:
        return _yes(criterion, "%(shared)s", shared=_labels(shared))
    return _no(criterion, _("andere: %(offered)s"), offered=_labels(offered))


def target_group(facts, profile):
    return _soft(Criterion.TARGET_GROUP, profile.target_groups, facts.target_groups)


def integration_area(facts, profile):
    return _soft(Criterion.INTEGRATION_AREA, profile.integration_areas, facts.integration_areas)


# Each rule with the fields of Facts it reads: programmes alike in those
# fields get the same Reason, so a check computes each distinct one once
# (catalogue.eligibility_ranking).
RULES = (
    (Criterion.REGION, region, ("regions",)),
    (Criterion.APPLICANT_TYPE, applicant_type, ("applicant_types",)),
    (Criterion.DEADLINE, deadline, ("deadlines",)),
    (Criterion.AMOUNT, amount, ("amount_min", "amount_max")),
    (Criterion.OWN_CONTRIBUTION, own_contribution, ("own_contribution_min_percent", "in_kind_allowed")),
    (Criterion.TARGET_GROUP, target_group, ("target_groups",)),
    (Criterion.INTEGRATION_AREA, integration_area, ("integration_areas",)),
)


# ---------- the verdict ----------


@dataclass(frozen=True, slots=True, eq=False)
class Assessment:
    facts: Facts
    fit: str
    reasons: tuple
    soft_matches: int
    next_deadline: date | None

    @property
    def questions(self):
        return [r.question for r in self.reasons if r.fit == Fit.MAYBE and r.criterion in HARD and r.ask]


def verdict(reasons):
    hard = {r.fit for r in reasons if r.criterion in HARD}
    if Fit.NO in hard:
        return Fit.NO
    return Fit.MAYBE if Fit.MAYBE in hard else Fit.YES


def soft_matches(reasons):
    return sum(1 for r in reasons if r.criterion in SOFT and r.checked and r.fit == Fit.YES)


def assessment(facts, reasons, start):
    return Assessment(
        facts, verdict(reasons), reasons, soft_matches(reasons), next_deadline(facts.deadlines, start)
    )


def assess(facts, profile):
    """The Assessment of one programme (`catalogue.eligibility_ranking`
    assesses a whole catalogue at once)."""
    return assessment(facts, tuple(rule(facts, profile) for _criterion, rule, _reads in RULES), profile.start)
