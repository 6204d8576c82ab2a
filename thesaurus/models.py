"""The multilingual thesaurus: one Concept per idea of the field, with its
terms in the seven languages of the site. German terms are what the
catalogue is written in; the other languages' terms lead to them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from search import vocabularies

# The site's languages, German (the catalogue's language) first.
LANGUAGES = ("de", "en", "ar", "tr", "uk", "ru", "fa")
# The search parameters a concept may stand for (`filter` = "parameter=code").
FILTER_PARAMETERS = (*vocabularies.MODELS, "status")
SEPARATOR = ";"


def split_terms(text):
    """'Kita; Kindergarten' → ['Kita', 'Kindergarten']."""
    return [term.strip() for term in (text or "").split(SEPARATOR) if term.strip()]


def validate_filter(value):
    if not value:
        return
    parameter, _sep, code = value.partition("=")
    if parameter not in FILTER_PARAMETERS or not code:
        raise ValidationError(
            _("Filter als „Parameter=Code“ angeben, Parameter einer von: %(names)s."),
            params={"names": ", ".join(FILTER_PARAMETERS)},
            code="filter",
        )


def _terms_field(verbose_name):
    return models.TextField(
        verbose_name, blank=True, help_text=_("Begriffe durch Semikolon getrennt, der bevorzugte zuerst.")
    )


class Concept(models.Model):
    code = models.SlugField(_("Code"), max_length=80, unique=True)
    filter = models.CharField(
        _("Suchfilter"),
        max_length=120,
        blank=True,
        validators=[validate_filter],
        help_text=_(
            "Der Filter, den eine Suche mit diesem Begriff vorschlägt, z. B. target_group=frauen-maedchen."
        ),
    )
    de = _terms_field(_("Deutsch"))
    en = _terms_field(_("Englisch"))
    ar = _terms_field(_("Arabisch"))
    tr = _terms_field(_("Türkisch"))
    uk = _terms_field(_("Ukrainisch"))
    ru = _terms_field(_("Russisch"))
    fa = _terms_field(_("Farsi"))
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("Begriff des Thesaurus")
        verbose_name_plural = _("Thesaurus")

    def __str__(self):
        return self.preferred or self.code

    @property
    def preferred(self):
        terms = split_terms(self.de)
        return terms[0] if terms else ""

    def terms(self, language):
        return split_terms(getattr(self, language))

    def filter_pair(self):
        """("target_group", "frauen-maedchen"), or None."""
        parameter, _sep, code = self.filter.partition("=")
        return (parameter, code) if code else None

    def clean(self):
        if not self.terms("de"):
            raise ValidationError({"de": _("Mindestens ein deutscher Begriff ist nötig.")})
