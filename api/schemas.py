"""What the API sends, typed (Pydantic): django-ninja writes the OpenAPI
`components.schemas` from these models.

Every object is closed (`extra="forbid"` → `additionalProperties: false`)
and every key is required, so the fuzzing test and schemathesis fail the
moment the bodies (built by `api.serializers`, `api.listing`, `api.check`)
and this description drift apart. Vocabulary codes are read from the tables
when the document is generated (`vocabulary_codes_for_document`): the enums
are always exactly what the server accepts and sends.
"""

from contextlib import contextmanager
from datetime import date
from typing import Annotated, Literal

from django.utils.translation import override
from pydantic import BaseModel, ConfigDict, Field, create_model

from catalogue.cards import FACT_LABELS
from catalogue.eligibility import Criterion, Fit
from catalogue.models import DeadlineKind, Role
from catalogue.status import STATUS_ORDER
from catalogue.vocabularies import INSTITUTION, PROGRAMME

from .vocabularies import VOCABULARY_TABLES, item_lists, own_lists, vocabulary_codes

ID = Annotated[str, Field(pattern="^[a-z0-9]+(-[a-z0-9]+)*$", max_length=200)]
Amount = Annotated[float, Field(ge=0)]
Percent = Annotated[float, Field(ge=0, le=100)]
Uri = Annotated[str, Field(json_schema_extra={"format": "uri"})]


def one_of(values):
    return Literal[tuple(str(v) for v in values)]


_codes = {}


@contextmanager
def vocabulary_codes_for_document():
    """The vocabulary codes, read once for one generated document."""
    _codes.update(vocabulary_codes())
    try:
        yield
    finally:
        _codes.clear()


def _code_list(key, description, *, nullable=False):
    def fill(schema):
        codes = _codes.get(key) or list(VOCABULARY_TABLES[key].objects.values_list("code", flat=True))
        if nullable:
            schema.clear()
            schema.update(type=["string", "null"], enum=[*codes, None], description=description)
        else:
            schema["items"] = {"type": "string", "enum": codes}

    return fill


def codes(key, description):
    """A list of codes of the vocabulary `key` (e.g. "regions")."""
    return Annotated[
        list[str], Field(description=description, json_schema_extra=_code_list(key, description))
    ]


def list_fields(vocabularies):
    """Pydantic fields of the declared vocabulary lists, described by their
    German field label (the document is German, whatever the request's language)."""
    with override("de"):
        return {v.name: (codes(v.key, str(v.field_label)), ...) for v in vocabularies}


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Contact(Closed):
    name: str
    email: str
    phone: str
    address: str


Shared = create_model(
    "Shared",
    __base__=Closed,
    __doc__="Fields of programmes and institutions alike (api.serializers._shared).",
    url=(Uri, Field(description="Öffentliche Seite im Atlas")),
    description=(str, Field(description="Markdown")),
    goals=(str, Field(description="Förderschwerpunkte und -ziele (Markdown)")),
    **list_fields(item_lists(PROGRAMME, shared=True)),
    contact=(Contact, ...),
    last_checked=(date | None, Field(description="zuletzt von der Redaktion geprüft")),
    sources=(list[str], ...),
)
# The lists only one kind of entry carries follow the shared fields.
ProgrammeLists = create_model("ProgrammeLists", __base__=Shared, **list_fields(own_lists(PROGRAMME)))
InstitutionLists = create_model("InstitutionLists", __base__=Shared, **list_fields(own_lists(INSTITUTION)))


Card = create_model(
    "Card",
    __base__=Closed,
    __doc__="Das Wichtigste in Worten, wie auf den Ergebniskarten",
    **{name: (str, Field(description=str(label))) for name, label in FACT_LABELS.items()},
    checked_months=(
        Annotated[int, Field(ge=0)] | None,
        Field(description="Monate seit der letzten Prüfung, wenn mehr als sechs; sonst null"),
    ),
)


class Deadlines(Closed):
    """Bewerbungsfrist"""

    kind: one_of(DeadlineKind.values)
    dates: list[date]
    yearly: list[Annotated[str, Field(pattern="^\\d{2}-\\d{2}$")]]
    window_start: date | None
    note: str


class InstitutionRef(Closed):
    id: ID
    role: one_of(Role.values)


class AmountFacts(Closed):
    """Fördersumme"""

    text: str
    min_eur: Amount | None
    max_eur: Amount | None
    max_rate_percent: Percent | None


class OwnContribution(Closed):
    """Eigenanteil"""

    text: str
    min_percent: Percent | None
    in_kind_allowed: bool | None


class Period(Closed):
    """Laufzeit"""

    start: date | None
    end: date | None


Eligible = create_model(
    "Eligible",
    __base__=Closed,
    __doc__="Antragsberechtigt",
    text=(str, ...),
    **list_fields(item_lists(PROGRAMME, "eligible")),
)


class Link(Closed):
    title: str
    url: str


class Programme(ProgrammeLists):
    """Förderprogramm"""

    id: ID
    type: Literal["programme"]
    title: str
    status: one_of(s.value for s in STATUS_ORDER) = Field(description="abgeleitet, heute")
    next_deadline: date | None = Field(description="nächste Frist ab heute")
    card: Card
    institutions: list[InstitutionRef]
    amount: AmountFacts
    own_contribution: OwnContribution
    deadlines: Deadlines
    period: Period
    eligible: Eligible
    links: list[Link]


class Institution(InstitutionLists):
    """Förderer"""

    id: ID
    type: Literal["institution"]
    name: str
    kind: Annotated[
        str | None, Field(json_schema_extra=_code_list("institution_kinds", "Art", nullable=True))
    ]
    website: str
    programmes: list[ID] = Field(description="veröffentlichte Förderprogramme")


Item = Annotated[Programme | Institution, Field(discriminator="type")]


class Error(Closed):
    field: str | None = Field(description="Parameter, oder null")
    message: str = Field(description="Meldung in der Sprache der Anfrage")
    code: str = Field(description="stabiler Fehlercode, z. B. invalid_choice")


class Errors(Closed):
    errors: list[Error] = Field(min_length=1)


Warnings = Annotated[list[Error], Field(description="Hinweise; die Suche lief trotzdem")]


class FacetValue(Closed):
    value: str
    label: str
    count: int = Field(ge=0)
    selected: bool
    toggle_url: Uri = Field(description="dieselbe Suche mit diesem Wert an- oder abgewählt")


class FacetGroup(Closed):
    name: str
    label: str
    values: list[FacetValue]


class Pagination(Closed):
    page: int = Field(ge=1)
    per_page: int = Field(ge=1)
    total: int = Field(ge=0)
    num_pages: int = Field(ge=1)
    next: Uri | None
    previous: Uri | None


class SearchPage(Closed):
    data: list[Item]
    facets: list[FacetGroup]
    pagination: Pagination
    warnings: Warnings


class ProgrammePage(SearchPage):
    data: list[Programme]


class InstitutionPage(SearchPage):
    data: list[Institution]


class ProgrammeDetail(Closed):
    data: Programme


class InstitutionDetail(Closed):
    data: Institution


class VocabularyEntry(Closed):
    code: str
    label: str


VOCABULARY_KEYS = [*VOCABULARY_TABLES, "statuses", "deadline_kinds", "roles"]
VocabularyLists = create_model(
    "VocabularyLists", __base__=Closed, **dict.fromkeys(VOCABULARY_KEYS, (list[VocabularyEntry], ...))
)


class Vocabularies(Closed):
    data: VocabularyLists


class Region(Closed):
    code: str
    label: str
    level: str
    parent: str | None
    children: list[str]


class Regions(Closed):
    data: list[Region]


class Reason(Closed):
    criterion: one_of(Criterion.values)
    fit: one_of(Fit.values)
    message: str = Field(description="Begründung in der Sprache der Anfrage")


class CheckItem(Closed):
    """Ein Förderprogramm mit dem Ergebnis des Fördercheck"""

    id: ID
    type: Literal["programme"]
    title: str
    fit: one_of(Fit.values) = Field(description="yes: passt, maybe: bitte klären, no: passt nicht")
    reasons: list[Reason] = Field(
        min_length=len(Criterion.values),
        max_length=len(Criterion.values),
        description="ein Grund je Kriterium, in fester Reihenfolge",
    )


class CheckPage(Closed):
    data: list[CheckItem]
    pagination: Pagination
    warnings: Warnings


class InterchangeDocument(Closed):
    """Austauschformat foerderatlas/1; mit manage.py import_catalogue wieder einlesbar"""

    format: Literal["foerderatlas/1"]
    institutions: list[dict]
    programmes: list[dict]
