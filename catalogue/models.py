"""The catalogue: funders (Institution), funding programmes (Programme) and
the controlled vocabularies they are described with.

Models hold fields only; status is derived in `catalogue.status` (Python) and
`catalogue.queries` (SQL), behaviour lives in `catalogue.services`.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .history import EntryHistory
from .translations import validate_translations
from .validators import validate_links, validate_sources, validate_text, validate_url
from .vocabularies import BY_KEY, INSTITUTION, PROGRAMME, VOCABULARIES, lists_of, read_vocabularies

TEXT = [validate_text]  # every free text (catalogue.validators)


class Vocabulary(models.Model):
    """A controlled vocabulary value: stable code, German label, sort position."""

    code = models.CharField(_("Code"), max_length=60, primary_key=True)
    label = models.CharField(_("Bezeichnung"), max_length=200)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return self.label


def _vocabulary_model(vocabulary):
    """The table of a flat vocabulary's values, e.g. IntegrationArea."""
    meta = type(
        "Meta",
        (Vocabulary.Meta,),
        {"verbose_name": vocabulary.verbose_name, "verbose_name_plural": vocabulary.verbose_name_plural},
    )
    return type(vocabulary.model, (Vocabulary,), {"__module__": __name__, "Meta": meta})


# One table per declared flat vocabulary (catalogue.vocabularies); regions nest (below).
VALUE_MODELS = {v.model: _vocabulary_model(v) for v in VOCABULARIES if not v.hierarchical}
FundingKind = VALUE_MODELS["FundingKind"]
IntegrationArea = VALUE_MODELS["IntegrationArea"]
TargetGroup = VALUE_MODELS["TargetGroup"]
ApplicantType = VALUE_MODELS["ApplicantType"]
InstitutionKind = VALUE_MODELS["InstitutionKind"]


class Region(Vocabulary):
    """Fördergebiet: EU ⊃ Bund ⊃ Land ⊃ districts (AGS keys)."""

    parent = models.ForeignKey(
        "self", verbose_name=_("übergeordnet"), null=True, blank=True, on_delete=models.PROTECT
    )
    level = models.CharField(_("Ebene"), max_length=40)

    class Meta(Vocabulary.Meta):
        verbose_name = _("Region")
        verbose_name_plural = _("Regionen")


# Every declared vocabulary's table by its key, in the order of the
# interchange vocabularies file (the API and its documentation list them so).
VOCABULARY_TABLES = {
    key: Region if BY_KEY[key].hierarchical else VALUE_MODELS[BY_KEY[key].model]
    for key in sorted(BY_KEY, key=list(read_vocabularies()).index)
}


def vocabulary_lists(kind):
    """An abstract model with one list field per vocabulary that entries of
    `kind` list (catalogue.vocabularies), e.g. Programme.integration_areas."""
    fields = {
        vocabulary.key: models.ManyToManyField(
            f"catalogue.{vocabulary.model}", verbose_name=vocabulary.field_label, blank=True
        )
        for vocabulary in lists_of(kind)
    }
    meta = type("Meta", (), {"abstract": True})
    return type(f"{kind.title()}Lists", (models.Model,), {"__module__": __name__, "Meta": meta, **fields})


def list_fields(lists):
    """The list fields of a vocabulary_lists() model, for their history. Field
    objects, not names: simple_history keeps them in a set, and fields hash by
    creation order, so every process makes the history tables in one order."""
    return list(lists._meta.local_many_to_many)


InstitutionLists = vocabulary_lists(INSTITUTION)
ProgrammeLists = vocabulary_lists(PROGRAMME)


class Workflow(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    REVIEW = "review", _("In Prüfung")
    PUBLISHED = "published", _("Veröffentlicht")
    ARCHIVED = "archived", _("Archiviert")


class Entry(models.Model):
    """Fields shared by institutions and programmes."""

    slug = models.SlugField(
        _("Kennung"), max_length=200, unique=True, help_text=_("Die Kennung im Austauschformat.")
    )
    description = models.TextField(_("Beschreibung"), blank=True, help_text=_("Markdown"), validators=TEXT)
    goals = models.TextField(
        _("Förderschwerpunkte und -ziele"), blank=True, help_text=_("Markdown"), validators=TEXT
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True, validators=TEXT)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=100, blank=True, validators=TEXT)
    contact_address = models.CharField(_("Anschrift"), max_length=500, blank=True, validators=TEXT)
    last_checked = models.DateField(_("zuletzt geprüft"), null=True, blank=True)
    sources = models.JSONField(_("Quellen"), default=list, blank=True, validators=[validate_sources])
    translations = models.JSONField(
        _("Übersetzungen (Titel, Kurz gesagt)"),
        default=dict,
        blank=True,
        validators=[validate_translations],
        help_text=_(
            "Je Sprache ein Titel und eine Zusammenfassung in einfacher Sprache (höchstens 500 Zeichen), "
            "z. B. "
            '{"uk": {"title": "…", "summary": "…"}, "de": {"summary": "…"}}'
        ),
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=Workflow.choices, default=Workflow.PUBLISHED, db_index=True
    )
    publish_at = models.DateTimeField(_("veröffentlichen am"), null=True, blank=True)
    archive_at = models.DateTimeField(_("archivieren am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    # Raised by every save (editorial.locking): the token a change form
    # carries, so a save based on an older version is refused.
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    class Meta:
        abstract = True


class Institution(Entry, InstitutionLists):
    name = models.CharField(_("Name"), max_length=300, validators=TEXT)
    kind = models.ForeignKey(
        InstitutionKind, verbose_name=_("Art"), null=True, blank=True, on_delete=models.PROTECT
    )
    website = models.URLField(_("Website"), max_length=500, blank=True, validators=[validate_url])
    history = EntryHistory(m2m_fields=list_fields(InstitutionLists), excluded_fields=["version"])

    class Meta:
        verbose_name = _("Förderer")
        verbose_name_plural = _("Förderer")
        ordering = ["name"]
        # The newest public change (Last-Modified of lists and exports) without
        # a scan; a sitemap page of the published ones by slug without a sort,
        # from the index alone (`api.sitemaps` reads id, slug, updated_at).
        indexes = [
            models.Index(fields=["state", "-updated_at"], name="institution_state_newest"),
            models.Index(fields=["state", "slug", "updated_at", "id"], name="institution_sitemap_order"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("public:institution", args=[self.slug])


class DeadlineKind(models.TextChoices):
    DATES = "dates", _("feste Termine")
    ROLLING = "rolling", pgettext_lazy("Bewerbungsfrist", "laufend")
    NONE = "none", _("keine Angabe")


class Programme(Entry, ProgrammeLists):
    title = models.CharField(_("Titel"), max_length=500, validators=TEXT)
    institutions = models.ManyToManyField(
        Institution,
        verbose_name=_("Institutionen"),
        through="ProgrammeInstitution",
        related_name="programmes",
        blank=True,
    )
    amount_text = models.CharField(_("Fördersumme"), max_length=1000, blank=True, validators=TEXT)
    amount_min_eur = models.DecimalField(
        _("Mindestbetrag (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max_eur = models.DecimalField(
        _("Höchstbetrag (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max_rate_percent = models.DecimalField(
        _("höchste Förderquote (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    own_contribution_text = models.CharField(_("Eigenanteil"), max_length=1000, blank=True, validators=TEXT)
    own_contribution_min_percent = models.DecimalField(
        _("Eigenanteil mindestens (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    own_contribution_in_kind_allowed = models.BooleanField(
        _("Eigenleistung anrechenbar"), null=True, blank=True
    )
    deadline_kind = models.CharField(
        _("Art der Bewerbungsfrist"), max_length=10, choices=DeadlineKind.choices, default=DeadlineKind.NONE
    )
    window_start = models.DateField(_("Anträge möglich ab"), null=True, blank=True)
    deadline_note = models.CharField(_("Hinweis zur Frist"), max_length=1000, blank=True, validators=TEXT)
    period_start = models.DateField(_("Laufzeit von"), null=True, blank=True)
    period_end = models.DateField(_("Laufzeit bis"), null=True, blank=True)
    eligible_text = models.TextField(_("Antragsberechtigt"), blank=True, validators=TEXT)
    links = models.JSONField(_("Links"), default=list, blank=True, validators=[validate_links])
    history = EntryHistory(m2m_fields=list_fields(ProgrammeLists), excluded_fields=["version"])

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["title"]
        # The newest public changes (Last-Modified, the Atom feed) without a
        # scan; a sitemap page of the published ones by slug without a sort,
        # from the index alone (`api.sitemaps` reads id, slug, updated_at).
        indexes = [
            models.Index(fields=["state", "-updated_at"], name="programme_state_newest"),
            models.Index(fields=["state", "slug", "updated_at", "id"], name="programme_sitemap_order"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("public:programme", args=[self.slug])


class Deadline(models.Model):
    """One Bewerbungsfrist: a one-off date or a yearly MM-DD date."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("Förderprogramm"), on_delete=models.CASCADE, related_name="deadlines"
    )
    date = models.DateField(_("Datum"), null=True, blank=True)
    yearly = models.CharField(_("jährlich (MM-TT)"), max_length=5, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bewerbungsfrist")
        verbose_name_plural = _("Bewerbungsfristen")
        ordering = ["date", "yearly"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(date__isnull=False, yearly="")
                    | models.Q(date__isnull=True) & ~models.Q(yearly="")
                ),
                name="deadline_date_xor_yearly",
            )
        ]

    def __str__(self):
        return self.yearly or self.date.isoformat()


class Role(models.TextChoices):
    FUNDER = "mittelgeber", _("Mittelgeber")
    APPROVER = "bewilligungsstelle", _("Bewilligungsstelle")
    CONTACT = "ansprechstelle", _("Ansprechstelle")


class ProgrammeInstitution(models.Model):
    """Which institution plays which role in a programme."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("Förderprogramm"),
        on_delete=models.CASCADE,
        related_name="institution_links",
    )
    institution = models.ForeignKey(
        Institution, verbose_name=_("Institution"), on_delete=models.PROTECT, related_name="programme_links"
    )
    role = models.CharField(_("Rolle"), max_length=30, choices=Role.choices)
    position = models.PositiveIntegerField(_("Reihenfolge"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beteiligte Institution")
        verbose_name_plural = _("Beteiligte Institutionen")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "institution", "role"], name="unique_programme_role")
        ]

    def __str__(self):
        return f"{self.institution} ({self.get_role_display()})"
