"""The controlled vocabularies as the API sees them: codes the server accepts
right now (read from the tables, editors may add values) and labels in the
language of the request."""

from catalogue.models import VOCABULARY_TABLES  # response key → table (catalogue.vocabularies)
from catalogue.vocabularies import translate_label  # noqa: F401 (the one label translation)


def vocabulary_codes():
    """{"funding_kinds": ["projekte", …], …}."""
    tables = VOCABULARY_TABLES.items()
    return {key: list(model.objects.values_list("code", flat=True)) for key, model in tables}
