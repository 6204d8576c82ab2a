"""The controlled vocabularies as the API sees them: codes the server accepts
right now (read from the tables, editors may add values) and labels in the
language of the request."""

from django.utils.translation import gettext

from catalogue import models

# Response key → vocabulary table, in the order the documentation lists them.
VOCABULARY_TABLES = {
    "funding_kinds": models.FundingKind,
    "integration_areas": models.IntegrationArea,
    "target_groups": models.TargetGroup,
    "applicant_types": models.ApplicantType,
    "institution_kinds": models.InstitutionKind,
    "regions": models.Region,
}


def vocabulary_codes():
    """{"funding_kinds": ["projekte", …], …}."""
    tables = VOCABULARY_TABLES.items()
    return {key: list(model.objects.values_list("code", flat=True)) for key, model in tables}


def translate_label(label):
    """Labels are German in the database; the gettext catalogues translate
    them (gettext("") would return the catalogue header, hence the guard)."""
    return gettext(label) if label else label
