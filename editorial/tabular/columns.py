"""The column layout of CSV and XLSX files (documented in docs/import-format.md).

One row per institution or programme; the column `type` says which. Column
names are the dotted paths of the interchange format, so a table and a JSON
document say the same thing in the same words: `amount.min_eur` is
`{"amount": {"min_eur": …}}`. Multi-valued cells separate their values with
"|" (a literal "|" is written "\\|").
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.vocabularies import lists_of

INSTITUTION = "institution"
PROGRAMME = "programme"
BOTH = frozenset({INSTITUTION, PROGRAMME})
ONLY_INSTITUTION = frozenset({INSTITUTION})
ONLY_PROGRAMME = frozenset({PROGRAMME})

# What a cell holds.
TEXT = "text"
MARKDOWN = "markdown"  # kept exactly as written, line breaks and all
NUMBER = "number"
DATE = "date"
BOOLEAN = "boolean"
CODES = "codes"  # vocabulary codes, "|"-separated
DATES = "dates"  # dates, "|"-separated
YEARLY = "yearly"  # MM-DD, "|"-separated
URLS = "urls"  # addresses, "|"-separated
LINKS = "links"  # "Title https://…" or "https://…", "|"-separated
INSTITUTIONS = "institutions"  # "id:role", "|"-separated
DEADLINE_KIND = "deadline_kind"
TYPE = "type"

MULTI = {CODES, DATES, YEARLY, URLS, LINKS, INSTITUTIONS}


@dataclass(frozen=True)
class Column:
    name: str
    kinds: frozenset
    value: str
    label: str
    example: str = ""


COLUMNS = [
    Column(
        "type",
        BOTH,
        TYPE,
        _("Art des Eintrags: programme (Förderprogramm) oder institution (Förderer)"),
        "programme",
    ),
    Column(
        "id",
        BOTH,
        TEXT,
        _("Kennung: Kleinbuchstaben, Ziffern, Bindestriche; bestimmt, ob neu oder geändert"),
        "nachbarschaft-verbindet",
    ),
    Column(
        "title",
        ONLY_PROGRAMME,
        TEXT,
        _("Titel des Förderprogramms (Pflicht bei Programmen)"),
        "Nachbarschaft verbindet",
    ),
    Column(
        "name",
        ONLY_INSTITUTION,
        TEXT,
        _("Name des Förderers (Pflicht bei Förderern)"),
        "Stiftung Miteinander",
    ),
    Column("kind", ONLY_INSTITUTION, TEXT, _("Art der Institution (Code)"), "stiftung"),
    Column("website", ONLY_INSTITUTION, TEXT, _("Website"), "https://stiftung.example.org"),
    Column(
        "institutions",
        ONLY_PROGRAMME,
        INSTITUTIONS,
        _("Beteiligte Förderer: Kennung:Rolle, Rollen mittelgeber, bewilligungsstelle, ansprechstelle"),
        "stiftung-miteinander:mittelgeber",
    ),
    Column("description", BOTH, MARKDOWN, _("Beschreibung (Markdown)")),
    Column("goals", BOTH, MARKDOWN, _("Förderschwerpunkte und -ziele (Markdown)")),
    Column("amount.text", ONLY_PROGRAMME, TEXT, _("Fördersumme als Text"), "bis 5.000 Euro"),
    Column("amount.min_eur", ONLY_PROGRAMME, NUMBER, _("Mindestbetrag in Euro"), "500"),
    Column("amount.max_eur", ONLY_PROGRAMME, NUMBER, _("Höchstbetrag in Euro"), "5000"),
    Column("amount.max_rate_percent", ONLY_PROGRAMME, NUMBER, _("höchste Förderquote in Prozent"), "80"),
    Column("own_contribution.text", ONLY_PROGRAMME, TEXT, _("Eigenanteil als Text")),
    Column(
        "own_contribution.min_percent", ONLY_PROGRAMME, NUMBER, _("Eigenanteil mindestens in Prozent"), "10"
    ),
    Column(
        "own_contribution.in_kind_allowed",
        ONLY_PROGRAMME,
        BOOLEAN,
        _("Eigenleistung anrechenbar: ja oder nein"),
        "ja",
    ),
    Column(
        "deadlines.kind",
        ONLY_PROGRAMME,
        DEADLINE_KIND,
        _("Art der Frist: dates (feste Termine), rolling (laufend), none (keine Angabe)"),
        "dates",
    ),
    Column(
        "deadlines.dates",
        ONLY_PROGRAMME,
        DATES,
        _("Fristen als Datum (JJJJ-MM-TT oder TT.MM.JJJJ)"),
        "2027-03-31 | 2027-09-30",
    ),
    Column("deadlines.yearly", ONLY_PROGRAMME, YEARLY, _("jährliche Fristen (MM-TT oder TT.MM.)"), "03-31"),
    Column("deadlines.window_start", ONLY_PROGRAMME, DATE, _("Anträge möglich ab (Datum)")),
    Column("deadlines.note", ONLY_PROGRAMME, TEXT, _("Hinweis zur Frist")),
    Column("period.start", ONLY_PROGRAMME, DATE, _("Laufzeit von (Datum)")),
    Column("period.end", ONLY_PROGRAMME, DATE, _("Laufzeit bis (Datum)")),
    Column("eligible.text", ONLY_PROGRAMME, TEXT, _("Antragsberechtigt als Text")),
    Column(
        "eligible.applicant_types",
        ONLY_PROGRAMME,
        CODES,
        _("Antragsberechtigte (Codes)"),
        "verein | migrantenorganisation",
    ),
    Column("funding_kinds", BOTH, CODES, _("Förderschwerpunkte (Codes)"), "projekte"),
    Column("regions", BOTH, CODES, _("Fördergebiet (Regionscodes)"), "ni"),
    Column("integration_areas", BOTH, CODES, _("Integrationsbereiche (Codes)"), "leben-im-quartier | kultur"),
    Column("target_groups", BOTH, CODES, _("Zielgruppen (Codes)"), "quartier"),
    Column(
        "links",
        ONLY_PROGRAMME,
        LINKS,
        _("Links: „Titel https://…“ oder nur die Adresse"),
        "Richtlinie https://example.org/richtlinie.pdf",
    ),
    Column("contact.name", BOTH, TEXT, _("Ansprechperson")),
    Column("contact.email", BOTH, TEXT, _("E-Mail")),
    Column("contact.phone", BOTH, TEXT, _("Telefon")),
    Column("contact.address", BOTH, TEXT, _("Anschrift")),
    Column("last_checked", BOTH, DATE, _("zuletzt geprüft (Datum)")),
    Column("sources", BOTH, URLS, _("Quellen (Adressen)")),
]


def _declared_lists(columns):
    """The columns above, and after their last list of codes one column per
    vocabulary list declared later (catalogue.vocabularies) and not written here."""
    written = {column.name for column in columns}
    later = [
        Column(v.path, frozenset(v.entries), CODES, format_lazy(_("{label} (Codes)"), label=v.field_label))
        for v in (*lists_of(INSTITUTION), *lists_of(PROGRAMME))
        if v.path not in written
    ]
    later = list({column.name: column for column in later}.values())
    last = max(index for index, column in enumerate(columns) if column.value == CODES)
    return [*columns[: last + 1], *later, *columns[last + 1 :]]


COLUMNS = _declared_lists(COLUMNS)
BY_NAME = {column.name: column for column in COLUMNS}

TYPE_WORDS = {
    "programme": PROGRAMME,
    "programm": PROGRAMME,
    "förderprogramm": PROGRAMME,
    "institution": INSTITUTION,
    "förderer": INSTITUTION,
}
DEADLINE_KIND_WORDS = {
    "dates": "dates",
    "feste termine": "dates",
    "termine": "dates",
    "rolling": "rolling",
    "laufend": "rolling",
    "none": "none",
    "keine angabe": "none",
}
KIND_LABELS = {INSTITUTION: _("Förderer"), PROGRAMME: _("Förderprogramm")}


def column_for_field(field):
    """The column an importer finding points at: "regions[2]" → "regions",
    "institutions[0].id" → "institutions", "amount" → "amount.text"."""
    base = field.split("[", 1)[0]
    if base in BY_NAME:
        return base
    return next((c.name for c in COLUMNS if c.name.startswith(base + ".")), None)
