"""The search contract: queries and the entries they must find, on every
database engine (tests/test_contract.py runs it on whatever DATABASE_URL
names: SQLite by default, PostgreSQL under scripts/with-postgres.sh).

Entries are named by slug. `ordered` cases check the exact order; the others
the set. Today is 2026-11-25 (conftest).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from catalogue.models import Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory


def _programme(slug, title, *, areas=(), groups=(), applicants=(), **fields):
    programme = ProgrammeFactory(slug=slug, title=title, **fields)
    programme.integration_areas.set(areas)
    programme.target_groups.set(groups)
    programme.applicant_types.set(applicants)
    return programme


def _institution(slug, name, *, regions=(), areas=(), **fields):
    institution = InstitutionFactory(slug=slug, name=name, **fields)
    institution.regions.set(regions)
    institution.integration_areas.set(areas)
    return institution


def atlas():
    """A small atlas: five programmes of every status, two institutions, one draft."""
    _programme(
        "sport",
        "Förderung für Sportvereine",
        goals="Bewegung und Begegnung",
        description="Zuschüsse für Vereine, die Geflüchtete aufnehmen.",
        regions=["ni"],
        amount_min_eur=Decimal(1000),
        amount_max_eur=Decimal(5000),
        areas=["sport-bewegung"],
        groups=["fluchtgeschichte"],
        applicants=["sportverein"],
    )
    _programme(
        "sprache",
        "Sprachkurse für Frauen",
        goals="Deutsch lernen im Stadtteil",
        description="Kurse für ukrainische Geflüchtete und andere Frauen.",
        regions=["03155"],
        deadline_kind="dates",
        deadline_dates=[date(2026, 12, 10)],
        amount_max_eur=Decimal(2000),
        areas=["sprachfoerderung"],
        groups=["frauen-maedchen", "fluchtgeschichte"],
        applicants=["migrantenorganisation"],
    )
    _programme(
        "beratung",
        "Migrationsberatung vor Ort",
        description="Beratung für Menschen mit Zuwanderungsbiografie.",
        regions=["de"],
        deadline_kind="dates",
        deadline_dates=[date(2027, 3, 31)],
        amount_min_eur=Decimal(10000),
        amount_max_eur=Decimal(50000),
        areas=["beratung-begleitung"],
        applicants=["verein", "wohlfahrtsverband"],
    )
    _programme(
        "alt",
        "Abgelaufenes Programm Kultur",
        description="Kulturprojekte im ländlichen Raum.",
        regions=["eu"],
        deadline_kind="dates",
        deadline_dates=[date(2025, 6, 30)],
        areas=["kultur"],
    )
    _programme(
        "hannover",
        "Stadtteilkultur Hannover",
        description="Kultur im Quartier.",
        regions=["03241"],
        deadline_kind="dates",
        deadline_dates=[date(2027, 2, 28)],
        window_start=date(2027, 1, 15),
        areas=["kultur", "leben-im-quartier"],
    )
    _programme("entwurf", "Förderung im Entwurf", state=Workflow.DRAFT, regions=["ni"])
    _institution(
        "stiftung",
        "Bürgerstiftung Northeim",
        goals="Förderung des Ehrenamts",
        regions=["03155"],
        areas=["engagement-ehrenamt"],
    )
    _institution(
        "miso", "MiSO Netzwerk", goals="Einbürgerungslotsen in Kooperation mit der Stadt", regions=["ni"]
    )


def ranking():
    """Pairs that differ only in where or how a word occurs."""
    _programme("in-title", "Integration durch Sport")
    _programme("in-goals", "Anderes Programm A", goals="Integration im Alltag")
    _programme("in-body", "Anderes Programm B", description="Integration vor Ort")
    _programme("phrase", "Programm X", description="Hilfe für junge Geflüchtete in Niedersachsen")
    _programme("scattered", "Programm Y", description="Geflüchtete erhalten Hilfe, auch junge Menschen")
    _programme("open", "Elternarbeit Nord")
    _programme("expired", "Elternarbeit Süd", deadline_kind="dates", deadline_dates=[date(2025, 1, 1)])


def decide():
    """What a seeker decides by: own contribution, deadline window, the sum
    needed, an unknown deadline, places by name."""
    _programme(
        "cafe",
        "Sprachcafé für Frauen",
        regions=["03254"],
        deadline_kind="dates",
        deadline_dates=[date(2027, 1, 31)],
        amount_max_eur=Decimal(3000),
        own_contribution_min_percent=Decimal(0),
        applicants=["initiative"],
    )
    _programme(
        "lotto",
        "Integration vor Ort",
        regions=["ni"],
        amount_max_eur=Decimal(3000),
        own_contribution_min_percent=Decimal(50),
        own_contribution_in_kind_allowed=True,
    )
    _programme(
        "gross",
        "Große Projekte",
        regions=["de"],
        deadline_kind="dates",
        deadline_dates=[date(2026, 12, 10)],
        amount_min_eur=Decimal(50000),
        own_contribution_min_percent=Decimal(25),
    )
    _programme("ohne-frist", "Ehrenamt in der Stadt", regions=["03404"], deadline_kind="none")
    _programme(
        "spaet",
        "Späte Frist",
        regions=["ni"],
        deadline_kind="dates",
        deadline_dates=[date(2027, 6, 30)],
        amount_min_eur=Decimal(1000),
        amount_max_eur=Decimal(10000),
        own_contribution_in_kind_allowed=True,
    )
    _programme("kreis", "Landkreisfonds", regions=["03459"], amount_max_eur=Decimal(20000))


CORPORA = {"atlas": atlas, "ranking": ranking, "decide": decide}


@dataclass(frozen=True)
class Case:
    name: str
    corpus: str
    params: str
    expected: tuple
    ordered: bool = False
    suggestion: str | None = None


ALL_ATLAS = ("sport", "sprache", "beratung", "alt", "hannover", "stiftung", "miso")

CASES = [
    # German variants: umlauts, ae/oe/ue, case, inflection
    Case("umlaut", "atlas", "q=Förderung", ("sport", "stiftung"), ordered=True),
    Case("umlaut transliterated", "atlas", "q=foerderung", ("sport", "stiftung"), ordered=True),
    Case("umlaut dropped", "atlas", "q=forderung", ("sport", "stiftung"), ordered=True),
    Case("plural", "atlas", "q=Förderungen", ("sport", "stiftung"), ordered=True),
    Case("capitals", "atlas", "q=FÖRDERUNG", ("sport", "stiftung"), ordered=True),
    Case("inflected adjective", "atlas", "q=ukrainischen", ("sprache",)),
    Case("transliterated inflection", "atlas", "q=gefluechtete", ("sport", "sprache")),
    Case("prefix", "atlas", "q=Sprachk", ("sprache",)),
    Case("prefix of a compound", "atlas", "q=Einbürgerung", ("miso",)),
    Case("several words", "atlas", "q=sprachkurs ukrainische gefluechtete", ("sprache",)),
    Case("excluded word", "atlas", "q=Geflüchtete -Frauen", ("sport",)),
    Case("only an excluded word", "atlas", "q=-Kultur", ("sport", "sprache", "beratung", "stiftung", "miso")),
    Case("quoted phrase", "atlas", 'q="ukrainische Geflüchtete"', ("sprache",)),
    Case("quoted phrase, other order", "atlas", 'q="Geflüchtete ukrainische"', ()),
    Case("drafts are never found", "atlas", "q=Entwurf", ()),
    Case("vocabulary labels are text", "atlas", "q=Sprachförderung", ("sprache",)),
    # Typos: a wrong, missing, extra or swapped letter in a long word
    Case("wrong letter", "atlas", "q=Migrationsberetung", ("beratung",), suggestion="Migrationsberatung"),
    Case("missing letter", "atlas", "q=Migrationsbratung", ("beratung",), suggestion="Migrationsberatung"),
    Case("extra letter", "atlas", "q=Migrationsbberatung", ("beratung",), suggestion="Migrationsberatung"),
    Case("swapped letters", "atlas", "q=Sprachkruse", ("sprache",), suggestion="Sprachkurse"),
    Case(
        "typo in one of two words",
        "atlas",
        "q=Bürgerstiftung Northiem",
        ("stiftung",),
        suggestion="Bürgerstiftung Northeim",
    ),
    Case("short words are not corrected", "atlas", "q=Kultr", ()),
    # Words further off: the trigram fallback
    Case(
        "two letters wrong", "atlas", "q=Migrazionsberetung", ("beratung",), suggestion="Migrationsberatung"
    ),
    Case("two letters for one", "atlas", "q=Sprakkurse", ("sprache",), suggestion="Sprachkurse"),
    Case(
        "one edit and a word further off",
        "atlas",
        "q=Sprachkruse oder Migrazionsberetung",
        ("sprache", "beratung"),
        suggestion="Sprachkurse oder Migrationsberatung",
    ),
    Case("nothing similar enough", "atlas", "q=Quittungsblock", ()),
    # "Quartier" also finds "Stadtteil" through the thesaurus (thesaurus/).
    Case(
        "any word when no entry has all", "atlas", "q=Sportvereine Quartier", ("sport", "hannover", "sprache")
    ),
    # Alternatives: "or" and "oder" between words or phrases (websearch syntax)
    Case("or", "atlas", "q=Sportvereine or Quartier", ("sport", "hannover", "sprache")),
    Case("oder, in capitals", "atlas", "q=Sportvereine ODER Quartier", ("sport", "hannover", "sprache")),
    Case(
        "alternative and word", "atlas", "q=Geflüchtete Sprachkurse oder Sportvereine", ("sport", "sprache")
    ),
    Case(
        "alternative of three",
        "atlas",
        "q=Kultur or Ehrenamt or Einbürgerung",
        ("alt", "hannover", "stiftung", "miso"),
    ),
    Case(
        "phrase as an alternative",
        "atlas",
        'q="ukrainische Geflüchtete" or Migrationsberatung',
        ("sprache", "beratung"),
    ),
    Case("alternative with an excluded word", "atlas", "q=Kultur or Sport -Quartier", ("alt", "sport")),
    Case("or at either end is left out", "atlas", "q=or Stadtteilkultur oder", ("hannover",)),
    # Region containment
    Case(
        "district sees itself, state, federal and EU",
        "atlas",
        "region=03155",
        ("sprache", "beratung", "sport", "stiftung", "miso", "alt"),
        ordered=True,
    ),
    Case(
        "other district",
        "atlas",
        "region=03241",
        ("hannover", "beratung", "sport", "miso", "alt"),
        ordered=True,
    ),
    Case("state", "atlas", "region=ni", ("beratung", "sport", "miso", "alt"), ordered=True),
    Case("EU only", "atlas", "region=eu", ("alt",)),
    Case(
        "two districts",
        "atlas",
        "region=03155&region=03241",
        ("sprache", "beratung", "hannover", "sport", "stiftung", "miso", "alt"),
    ),
    # Status
    Case(
        "open includes closing soon", "atlas", "status=open", ("sprache", "beratung", "sport"), ordered=True
    ),
    Case("unknown deadline", "decide", "status=unknown", ("ohne-frist",)),
    Case(
        "open leaves out unknown",
        "decide",
        "status=open",
        ("gross", "cafe", "spaet", "lotto", "kreis"),
        ordered=True,
    ),
    Case(
        "unknown deadline after rolling ones",
        "decide",
        "",
        ("gross", "cafe", "spaet", "lotto", "kreis", "ohne-frist"),
        ordered=True,
    ),
    # Own contribution: OR within the group
    Case("no own money", "decide", "own_contribution=none", ("cafe",)),
    Case("in kind counts", "decide", "own_contribution=in_kind", ("lotto", "spaet")),
    Case(
        "no own money or in kind",
        "decide",
        "own_contribution=none&own_contribution=in_kind",
        ("cafe", "lotto", "spaet"),
    ),
    # Deadline window: the next deadline, both ends included
    Case(
        "deadline window, rolling ones too",
        "decide",
        "deadline_from=2026-12-01&deadline_to=2027-01-31",
        ("gross", "cafe", "lotto", "kreis"),
        ordered=True,
    ),
    Case("deadline up to", "decide", "deadline_to=2027-01-30", ("gross", "lotto", "kreis")),
    Case("deadline from", "decide", "deadline_from=2027-02-01", ("spaet", "lotto", "kreis")),
    Case(
        "deadline window of dated ones",
        "decide",
        "deadline_to=2027-01-30&sort=deadline",
        ("gross", "lotto", "kreis"),
        ordered=True,
    ),
    # The sum needed: ranges admitting it, unknown ranges after
    Case(
        "amount needed",
        "decide",
        "amount=3000",
        ("cafe", "spaet", "lotto", "kreis", "ohne-frist"),
        ordered=True,
    ),
    Case(
        "amount needed, largest first",
        "decide",
        "amount=3000&sort=amount",
        ("kreis", "spaet", "lotto", "cafe", "ohne-frist"),
        ordered=True,
    ),
    Case(
        "amount order",
        "decide",
        "sort=amount",
        ("gross", "kreis", "spaet", "lotto", "cafe", "ohne-frist"),
        ordered=True,
    ),
    Case("amount needed and no own money", "decide", "amount=3000&own_contribution=none", ("cafe",)),
    # Places typed as words search by region (containment); exact=1 searches the words
    Case(
        "place name",
        "decide",
        "q=Osnabrück",
        ("gross", "spaet", "lotto", "kreis", "ohne-frist"),
        ordered=True,
    ),
    Case(
        "place after a preposition",
        "decide",
        "q=in Osnabrück",
        ("gross", "spaet", "lotto", "kreis", "ohne-frist"),
    ),
    Case("place inflected", "decide", "q=Osnabrücker", ("gross", "spaet", "lotto", "kreis", "ohne-frist")),
    Case("place transliterated", "decide", "q=Goettingen", ("gross", "spaet", "lotto"), ordered=True),
    Case("place and a word", "decide", "q=Sprachcafé Hildesheim", ("cafe",)),
    Case(
        "place with a chosen region",
        "decide",
        "q=Göttingen&region=03254",
        ("gross", "cafe", "spaet", "lotto"),
    ),
    Case("place as text with exact", "decide", "q=Osnabrück&exact=1", ()),
    Case("no correction with exact", "atlas", "q=Migrationsberetung&exact=1", ()),
    Case("no any-word fallback with exact", "atlas", "q=Sportvereine Quartier&exact=1", ()),
    Case("closing soon", "atlas", "status=closing_soon", ("sprache",)),
    Case("upcoming", "atlas", "status=upcoming", ("hannover",)),
    Case("expired", "atlas", "status=expired", ("alt",)),
    Case(
        "hide expired",
        "atlas",
        "status=open&status=closing_soon&status=upcoming",
        ("sprache", "hannover", "beratung", "sport"),
        ordered=True,
    ),
    # Amount ranges overlap; a missing bound is open
    Case("amount from", "atlas", "amount_min=3000", ("sport", "beratung", "alt", "hannover")),
    Case("amount up to", "atlas", "amount_max=5000", ("sport", "sprache", "alt", "hannover")),
    Case("amount range", "atlas", "amount_min=3000&amount_max=5000", ("sport", "alt", "hannover")),
    # Vocabularies: OR within one, AND across
    Case("applicant type", "atlas", "applicant_type=verein", ("beratung",)),
    Case(
        "two areas",
        "atlas",
        "integration_area=sprachfoerderung&integration_area=sport-bewegung",
        ("sport", "sprache"),
    ),
    Case(
        "area and target group",
        "atlas",
        "integration_area=sprachfoerderung&integration_area=sport-bewegung&target_group=frauen-maedchen",
        ("sprache",),
    ),
    Case("area with institutions", "atlas", "integration_area=engagement-ehrenamt", ("stiftung",)),
    Case("type institution", "atlas", "type=institution", ("stiftung", "miso"), ordered=True),
    Case(
        "type programme",
        "atlas",
        "type=programme",
        ("sprache", "hannover", "beratung", "sport", "alt"),
        ordered=True,
    ),
    # Orders
    Case(
        "deadline order is the default without text",
        "atlas",
        "",
        ("sprache", "hannover", "beratung", "sport", "stiftung", "miso", "alt"),
        ordered=True,
    ),
    Case(
        "title order, folded umlauts, expired last",
        "atlas",
        "sort=title",
        ("stiftung", "sport", "beratung", "miso", "sprache", "hannover", "alt"),
        ordered=True,
    ),
    Case(
        "newest first, expired last",
        "atlas",
        "sort=newest",
        ("miso", "stiftung", "hannover", "beratung", "sprache", "sport", "alt"),
        ordered=True,
    ),
    Case("text sorted by deadline", "atlas", "q=Kultur&sort=deadline", ("hannover", "alt"), ordered=True),
    # Relevance
    Case(
        "title beats goals beats body",
        "ranking",
        "q=Integration",
        ("in-title", "in-goals", "in-body"),
        ordered=True,
    ),
    Case(
        "phrase beats scattered words",
        "ranking",
        "q=junge Geflüchtete",
        ("phrase", "scattered"),
        ordered=True,
    ),
    Case(
        "open before expired at equal relevance",
        "ranking",
        "q=Elternarbeit",
        ("open", "expired"),
        ordered=True,
    ),
]
