"""The controlled vocabularies, each declared once.

`VOCABULARIES` is the one list: the vocabulary models and the entries' list
fields (`catalogue.models`), the interchange fields, the seeding, the search
parameters, form fields, facets and index tags (`search`), the API's
vocabulary tables, parameters, item fields, OpenAPI schemas and export
columns (`api`), the Redaktion's forms and the entries' pages follow from it. Adding a vocabulary is one
`Vocabulary(...)` here plus a migration (its table, its list fields and its
values).

The values themselves come from the project's copy of `vocabularies.json`
(the interchange vocabularies, format `foerderatlas-vocabularies/1`).
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VOCABULARIES_FILE = Path(__file__).parent / "data" / "vocabularies.json"

PROGRAMME, INSTITUTION = "programme", "institution"


@dataclass(frozen=True)
class Vocabulary:
    """One controlled vocabulary, e.g. the integration areas."""

    key: str  # "integration_areas": vocabularies.json, the entries' list field, API and export keys
    model: str  # "IntegrationArea": the table of its values
    verbose_name: str  # one value, in the back office
    verbose_name_plural: str
    field_label: str  # the entries' list field
    param: str | None = None  # "integration_area": search parameter and facet; None: not a filter
    label: str | None = None  # the filter's label (form, facet, Fördercheck)
    entries: tuple = (PROGRAMME, INSTITUTION)  # who carries a list of its values
    words: bool = False  # its labels are words a seeker types ("Sprachförderung"): body text in the index
    interchange: str | None = None  # its JSON path in foerderatlas/1 when not `key`
    hierarchical: bool = False  # values nest (regions): a model of its own, not generated

    @property
    def path(self):
        return self.interchange or self.key

    @property
    def group(self):
        """The object its list sits in ("eligible"), or "" at the top of an entry."""
        return self.path.rpartition(".")[0]

    @property
    def name(self):
        """Its key inside that object: "applicant_types"."""
        return self.path.rpartition(".")[2]

    @property
    def html_id(self):
        """The id of its field on the entries' pages: "field-integration-areas"."""
        return "field-" + self.key.replace("_", "-")


# In the order of the facets and of the entries' pages.
VOCABULARIES = (
    Vocabulary(
        "regions",
        "Region",
        _("Region"),
        _("Regionen"),
        _("Fördergebiet"),
        param="region",
        label=_("Fördergebiet"),
        hierarchical=True,
    ),
    Vocabulary(
        "integration_areas",
        "IntegrationArea",
        _("Integrationsbereich"),
        _("Integrationsbereiche"),
        _("Integrationsbereiche"),
        param="integration_area",
        label=_("Integrationsbereich"),
        words=True,
    ),
    Vocabulary(
        "target_groups",
        "TargetGroup",
        _("Zielgruppe"),
        _("Zielgruppen"),
        _("Zielgruppen"),
        param="target_group",
        label=_("Zielgruppe"),
        words=True,
    ),
    Vocabulary(
        "applicant_types",
        "ApplicantType",
        _("Antragsberechtigte Art"),
        _("Antragsberechtigte Arten"),
        _("Antragsberechtigte"),
        param="applicant_type",
        label=_("Antragsberechtigt"),
        entries=(PROGRAMME,),
        words=True,
        interchange="eligible.applicant_types",
    ),
    Vocabulary(
        "funding_kinds",
        "FundingKind",
        _("Förderschwerpunkt"),
        _("Förderschwerpunkte"),
        _("Förderschwerpunkte"),
        param="funding_kind",
        label=_("Förderschwerpunkt"),
    ),
    # The kind of a funder: one value per institution (Institution.kind), no filter.
    Vocabulary(
        "institution_kinds",
        "InstitutionKind",
        _("Art der Institution"),
        _("Arten von Institutionen"),
        _("Art"),
        entries=(),
    ),
)
FILTERS = tuple(vocabulary for vocabulary in VOCABULARIES if vocabulary.param)
BY_KEY = {vocabulary.key: vocabulary for vocabulary in VOCABULARIES}
BY_PARAM = {vocabulary.param: vocabulary for vocabulary in FILTERS}


def lists_of(kind, group=None):
    """The vocabularies whose values an entry of `kind` lists; with `group`
    only those in that object of the entry ("" for the top, "eligible")."""
    return tuple(
        vocabulary
        for vocabulary in VOCABULARIES
        if kind in vocabulary.entries and group in (None, vocabulary.group)
    )


def lists_of_all(kinds, group=None):
    """The vocabularies every one of `kinds` lists (in `group`)."""
    return tuple(v for v in lists_of(kinds[0], group) if all(kind in v.entries for kind in kinds))


# JSON key → model name of the flat vocabularies (regions nest and are seeded on their own).
VOCABULARY_MODELS = {
    vocabulary.key: vocabulary.model for vocabulary in VOCABULARIES if not vocabulary.hierarchical
}


def translate_label(label):
    """Labels are German in the database; the gettext catalogues translate
    them (gettext("") would return the catalogue header, hence the guard).
    The one label translation of the site, the API and the exports."""
    return gettext(label) if label else label


def read_vocabularies(path=VOCABULARIES_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def seed_values(apps, models):
    """Create or relabel every value of the flat vocabularies `models`
    ({JSON key: model name}); never deletes (values may be in use). A
    migration passes the vocabularies it knows, so that it stays the same
    when later ones are declared."""
    data = read_vocabularies()
    for key, model_name in models.items():
        model = apps.get_model("catalogue", model_name)
        for position, item in enumerate(data[key]):
            model.objects.update_or_create(
                code=item["code"], defaults={"label": item["label"], "position": position}
            )


def seed_regions(apps):
    region_model = apps.get_model("catalogue", "Region")
    # Parents come before children in the file, so one pass suffices.
    for position, item in enumerate(read_vocabularies()["regions"]):
        region_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "label": item["label"],
                "position": position,
                "level": item["level"],
                "parent_id": item["parent"],
            },
        )
