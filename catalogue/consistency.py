"""Does a programme's structured data say what its own text says?

Seekers filter on the structured values (Höchstbetrag, Eigenanteil,
Antragsberechtigte, Laufzeit); people read the texts. When the two disagree,
one of them is wrong. `contradictions(stated)` finds the disagreements this
module can read with confidence; it is the one place that knows how, used by
the demo data checker (errors), the importer (warnings) and the Redaktion's
worklist. It reads only plain German phrasings and prefers saying nothing to
a false alarm: an amount it cannot classify or a phrasing it does not know
is no finding.

`Stated` holds the values by their interchange path; `stated_in_document`
and `stated_in_programme` build it from a `foerderatlas/1` entry or a
`Programme` (with `applicant_types` prefetched).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from django.utils.translation import gettext as _

from .cards import euro, percent
from .vocabularies import read_vocabularies


@dataclass(frozen=True)
class Stated:
    description: str = ""
    amount_text: str = ""
    amount_min_eur: Decimal | None = None
    amount_max_eur: Decimal | None = None
    own_contribution_text: str = ""
    own_contribution_min_percent: Decimal | None = None
    eligible_text: str = ""
    applicant_types: tuple = ()
    period_end: date | None = None


@dataclass(frozen=True)
class Contradiction:
    field: str  # interchange path, e.g. "amount.max_eur"
    message: str
    code: str


def stated_in_document(data):
    """From a `foerderatlas/1` programme (a dict). A value of the wrong type
    counts as empty: the schema check reports it."""

    def get(path, kind):
        value = data
        for key in path.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value if isinstance(value, kind) and not isinstance(value, bool) else None

    def number(path):
        value = get(path, (int, float))
        return None if value is None else Decimal(str(value))

    def text(path):
        return get(path, str) or ""

    try:
        end = date.fromisoformat(text("period.end")) if text("period.end") else None
    except ValueError:
        end = None
    return Stated(
        description=text("description"),
        amount_text=text("amount.text"),
        amount_min_eur=number("amount.min_eur"),
        amount_max_eur=number("amount.max_eur"),
        own_contribution_text=text("own_contribution.text"),
        own_contribution_min_percent=number("own_contribution.min_percent"),
        eligible_text=text("eligible.text"),
        applicant_types=tuple(c for c in get("eligible.applicant_types", list) or () if isinstance(c, str)),
        period_end=end,
    )


def stated_in_programme(programme):
    return Stated(
        description=programme.description,
        amount_text=programme.amount_text,
        amount_min_eur=programme.amount_min_eur,
        amount_max_eur=programme.amount_max_eur,
        own_contribution_text=programme.own_contribution_text,
        own_contribution_min_percent=programme.own_contribution_min_percent,
        eligible_text=programme.eligible_text,
        applicant_types=tuple(t.code for t in programme.applicant_types.all()),
        period_end=programme.period_end,
    )


def contradictions(stated):
    return [
        *_amount(stated),
        *_own_contribution(stated),
        *_applicant_types(stated),
        *_period_end(stated),
    ]


# --- Fördersumme ---------------------------------------------------------

# "3.000 €", "3 000 Euro", "1.250,50 EUR", "9,25 Mio. €"
AMOUNT = re.compile(
    r"(\d{1,3}(?:[.\u00a0\u202f ]\d{3})+|\d+)(?:,(\d+))?\s*(Mio\.|Millionen)?\s*(?:€|Euro\b|EUR\b)"
)
# Words that make an amount the whole call's or project's money, not a grant.
BUDGET_WORDS = ("insgesamt", "gesamt", "budget", "volumen", "zusammen", "haushalt", "mio.", "million")
# Words that make an amount a cap on one kind of cost or a rate, not on the grant.
PARTIAL_WORDS = ("sachkosten", "sachausgaben", "personal", "honorar", "stunde", " à ")
CAP_BEFORE = re.compile(r"(?:\bbis(?: zu)?|höchstens|maximal|max\.)\s*$")
# Clauses end at ; , and at the end of a sentence (not in 3.000, 9,25 or
# after "Mio." or "max.");
# a part in parentheses is a clause of its own.
CLAUSE = re.compile(r";|,(?!\d)|(?<!Mio)(?<!max)(?<!\bca)(?<!inkl)(?<!bzw)\.(?!\d)")
PARENTHESES = re.compile(r"\(([^()]*)\)")


@dataclass(frozen=True)
class _Amount:
    value: Decimal
    budget: bool  # the whole call's money, not one grant
    partial: bool  # a cap on one kind of cost, an hourly rate
    cap: bool  # "bis …", "höchstens …"


def amounts_in(text):
    if "€" not in text and "Eur" not in text and "EUR" not in text:
        return []
    found = []
    parts = [PARENTHESES.sub(" ", text), *PARENTHESES.findall(text)]
    for clause in (clause for part in parts for clause in CLAUSE.split(part)):
        lowered = clause.lower()
        for match in AMOUNT.finditer(clause):
            whole, cents, millions = match.groups()
            value = Decimal(re.sub(r"\D", "", whole) + ("." + cents if cents else ""))
            if millions:
                value *= 1_000_000
            found.append(
                _Amount(
                    value=value,
                    budget=bool(millions) or any(word in lowered for word in BUDGET_WORDS),
                    partial=any(word in lowered for word in PARTIAL_WORDS),
                    cap=bool(CAP_BEFORE.search(clause[: match.start()])),
                )
            )
    return found


def _amount(stated):
    if not stated.amount_text.strip():
        return []
    found = amounts_in(stated.amount_text)
    grants = {a.value for a in found if not a.budget}
    budgets = {a.value for a in found if a.budget}
    if stated.amount_max_eur is None and stated.amount_min_eur is None:
        caps = [a.value for a in found if a.cap and not a.budget and not a.partial]
        if caps:
            message = _("Text nennt %(amount)s, Höchstbetrag leer.") % {"amount": euro(max(caps))}
            return [Contradiction("amount.max_eur", message, "text_amount_max_missing")]
    findings = []
    for path, value in (("amount.min_eur", stated.amount_min_eur), ("amount.max_eur", stated.amount_max_eur)):
        if value is None or value in grants:
            continue
        label = _("Mindestbetrag") if path == "amount.min_eur" else _("Höchstbetrag")
        if value in budgets:
            message = _(
                "%(field)s %(amount)s ist laut Text ein Gesamtbetrag, nicht der Betrag einer Förderung."
            )
            code = "text_amount_is_budget"
        else:
            message = _("%(field)s %(amount)s steht nicht im Text.")
            code = "text_amount_not_named"
        findings.append(Contradiction(path, message % {"field": label, "amount": euro(value)}, code))
    return findings


# --- Eigenanteil ---------------------------------------------------------

PERCENT = re.compile(r"(\d+(?:,\d+)?)\s*(?:%|Prozent\b)")
# Phrasings that name a share without a number.
SHARE_WORDS = {"hälfte": Decimal(50), "derselbe betrag": Decimal(50), "denselben betrag": Decimal(50)}
NONE_WORDS = re.compile(r"\b(kein|keine|keinen|ohne)\b.{0,20}\beigen|vollfinanzierung|preisgeld", re.I)
# A percentage that holds only for some costs or some years is no minimum of the programme.
CONDITIONAL = re.compile(r"\b(nur|bei|ab|teils|je nach)\b", re.I)


def percentages_in(text):
    found = {Decimal(number.replace(",", ".")) for number in PERCENT.findall(text)}
    return found | {share for words, share in SHARE_WORDS.items() if words in text.lower()}


def _own_contribution(stated):
    text, value = stated.own_contribution_text, stated.own_contribution_min_percent
    if not text.strip():
        return []
    named = percentages_in(text)
    if value is None:
        if len(named) == 1 and not CONDITIONAL.search(text):
            message = _("Text nennt %(percent)s, Mindest-Eigenanteil leer.") % {
                "percent": percent(min(named))
            }
            return [Contradiction("own_contribution.min_percent", message, "text_own_contribution_missing")]
        return []
    if value in named or (value == 0 and NONE_WORDS.search(text)):
        return []
    message = _("Mindest-Eigenanteil %(percent)s steht nicht im Text.") % {"percent": percent(value)}
    return [Contradiction("own_contribution.min_percent", message, "text_own_contribution_not_named")]


# --- Antragsberechtigte --------------------------------------------------

# Words that name organisations with a legal form in general ("gemeinnützige
# Träger"): they cover every kind of organisation, but never an initiative
# without legal form, a person, a company or a public body.
ORGANISATIONS = (
    "gemeinnützig",
    "gemeinwohl",
    "juristische person",
    "nichtregierungs",
    "träger",
    "organisation",
    "verein",
    "verband",
    "verbände",
    "institution",
    "einrichtung",
    "akteur",
)
PUBLIC_BODIES = ("öffentlichen rechts", "öffentliche träger", "körperschaften")
# Applicant type → words of a text that include it.
APPLICANT_WORDS = {
    "verein": ORGANISATIONS,
    "migrantenorganisation": (*ORGANISATIONS, "migrant"),
    "initiative": ("initiative",),
    "kommune": (
        *PUBLIC_BODIES,
        "kommun",
        "gemeinde",
        "landkreis",
        "städte",
        "stadt ",
        "region hannover",
        "landeshauptstadt",
    ),
    "wohlfahrtsverband": (*ORGANISATIONS, "wohlfahrt"),
    "bildungseinrichtung": (*ORGANISATIONS, "bildung", "schule", "kita", "hochschul", "integrationskurs"),
    "sportverein": (*ORGANISATIONS, "sport"),
    "kulturträger": (*ORGANISATIONS, "kultur"),
    "religionsgemeinschaft": (*ORGANISATIONS, *PUBLIC_BODIES, "kirch", "religi", "moschee"),
    "stiftung": (*ORGANISATIONS, "stiftung"),
    "unternehmen": ("unternehm", "firma", "firmen", "betrieb", "gmbh"),
    "einzelperson": ("einzelperson", "privatperson", "einzelne", "natürliche person"),
}
NEGATED = re.compile(r"\b(nicht|außer|ausgenommen|ausgeschlossen)\b")


def _affirmed_parts(text):
    """The text without clauses that exclude someone ("außer Kommunen")."""
    clauses = re.split(r"[;()]|\.(?=\s|$)", text.lower())
    return " ".join(clause for clause in clauses if not NEGATED.search(clause))


@cache
def _applicant_labels():
    return {item["code"]: item["label"] for item in read_vocabularies()["applicant_types"]}


def _applicant_types(stated):
    if not stated.eligible_text.strip():
        return []
    text = " " + _affirmed_parts(stated.eligible_text) + " "
    findings = []
    for code in stated.applicant_types:
        if any(word in text for word in APPLICANT_WORDS.get(code, (code,))):
            continue
        message = _("Text nennt keine „%(label)s“, Antragsberechtigte enthalten sie.") % {
            "label": _applicant_labels().get(code, code)
        }
        findings.append(Contradiction("eligible.applicant_types", message, "text_applicant_type_not_named"))
    return findings


# --- Laufzeit ------------------------------------------------------------

MONTH_LIST = ["januar", "februar", "märz", "april", "mai", "juni"]
MONTH_LIST += ["juli", "august", "september", "oktober", "november", "dezember"]
MONTHS = {name: number for number, name in enumerate(MONTH_LIST, 1)}
MONTH_NAMES = "|".join(MONTHS)
# "bis Ende 2026", "bis Ende Juni 2023", "bis zum 31.12.2026", "bis 30. Juni 2026", "bis 2027"
UNTIL = re.compile(
    rf"\bbis\s+(?:zum\s+|Ende\s+)?(?:(?P<day>\d{{1,2}})\.\s*(?:(?P<month>\d{{1,2}})\.|(?P<month_name>{MONTH_NAMES})\s+)"
    rf"|(?P<end_month>{MONTH_NAMES})\s+|(?:Herbst|Frühjahr|Sommer|Winter)\s+)?(?P<year>20\d\d)\b",
    re.I,
)
RUNS = re.compile(
    r"\b(läuft|lief|laufen|liefen|gilt|galt|gelten|verlängert|laufzeit|förderperiode|programmphase)"
)
# Clauses about the call rather than the funding period ("die Ausschreibung lief bis …").
ABOUT_CALL = re.compile(r"ausschreibung|antr|frist|bewerb|einsend|aufruf", re.I)


# Clauses end at ";" and at a sentence's end, not at the dot of "30. Juni".
SENTENCE = re.compile(r";|(?<!\b\d)(?<!\b\d\d)\.(?=\s+[A-ZÄÖÜ]|$)")


@dataclass(frozen=True)
class _End:
    text: str
    year: int
    day: date | None  # None when the text names only a year or a season


def period_ends_in(text):
    if not UNTIL.search(text):  # most texts: one quick search instead of splitting
        return []
    found = []
    for clause in SENTENCE.split(text):
        if not RUNS.search(clause.lower()) or ABOUT_CALL.search(clause):
            continue
        for match in UNTIL.finditer(clause):
            found.append(_end(match))
    return found


def _end(match):
    year = int(match["year"])
    text = match.group(0)[len("bis") :].strip()
    month = match["month"] or MONTHS.get((match["month_name"] or match["end_month"] or "").lower())
    if match["day"] and month:
        return _End(text, year, _valid_date(year, int(month), int(match["day"])))
    if match["end_month"]:
        following = date(year + int(month) // 12, int(month) % 12 + 1, 1)
        return _End(text, year, date.fromordinal(following.toordinal() - 1))
    if match.group(0).lower().split()[1:2] == ["ende"]:
        return _End(text, year, date(year, 12, 31))
    return _End(text, year, None)


def _valid_date(year, month, day):
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _period_end(stated):
    ends = period_ends_in(stated.description)
    if not ends:
        return []
    if stated.period_end is None:
        message = _("Text nennt eine Laufzeit bis %(end)s, Laufzeitende leer.") % {"end": ends[0].text}
        return [Contradiction("period.end", message, "text_period_end_missing")]
    if any(
        end.day == stated.period_end or (end.day is None and end.year == stated.period_end.year)
        for end in ends
    ):
        return []
    message = _("Text nennt eine Laufzeit bis %(end)s, Laufzeitende %(value)s.") % {
        "end": ends[0].text,
        "value": stated.period_end.strftime("%d.%m.%Y"),
    }
    return [Contradiction("period.end", message, "text_period_end_differs")]
