"""The controlled vocabularies as the API sees them: codes the server accepts
right now (read from the tables, editors may add values), labels in the
language of the request, and the lists of values an item carries."""

from catalogue.interchange.fields import field_order
from catalogue.models import VOCABULARY_TABLES  # response key → table (catalogue.vocabularies)
from catalogue.vocabularies import (
    INSTITUTION,
    PROGRAMME,
    lists_of,
    lists_of_all,
    translate_label,  # noqa: F401 (the one label translation)
)


def vocabulary_codes():
    """{"funding_kinds": ["projekte", …], …}."""
    tables = VOCABULARY_TABLES.items()
    return {key: list(model.objects.values_list("code", flat=True)) for key, model in tables}


def item_lists(kind, group="", *, shared=False):
    """The declared vocabulary lists of an item of `kind` in its object
    `group` ("" the top, "eligible"), in the interchange format's order of
    keys (the API's items have the format's names and nesting); `shared`:
    only those programmes and institutions both carry."""
    chosen = lists_of_all((PROGRAMME, INSTITUTION), group) if shared else lists_of(kind, group)
    return sorted(chosen, key=lambda vocabulary: field_order(kind, vocabulary.path))


def own_lists(kind, group=""):
    """The lists only items of `kind` carry (in `group`)."""
    shared = set(item_lists(kind, group, shared=True))
    return [vocabulary for vocabulary in item_lists(kind, group) if vocabulary not in shared]
