"""The controlled vocabularies the search filters by, read in one query.

`load()` → {"integration_area": [Option("kultur", "Kultur", None), …],
"region": [Option("eu", "EU-weit", None), Option("de", "Bundesweit", "eu"), …], …}
in editorial order. Labels are German as stored; `Option.translated`
gives the label in the active language (the public app marks every seeded
label for translation).
"""

from dataclasses import dataclass

from django.db import connections, router
from django.db.models import CharField, F, Value

from catalogue.models import VOCABULARY_TABLES, Region
from catalogue.regions import chain as regions_chain
from catalogue.vocabularies import FILTERS, translate_label

# Parameter name → vocabulary model, in the order the facets appear (catalogue.vocabularies).
MODELS = {vocabulary.param: VOCABULARY_TABLES[vocabulary.key] for vocabulary in FILTERS}


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    parent: str | None = None

    @property
    def translated(self):
        return translate_label(self.label)


def _rows(name, model):
    parent = F("parent_id") if model is Region else Value(None, output_field=CharField())
    return (
        model.objects.order_by()
        .annotate(vocabulary=Value(name, output_field=CharField()), parent_code=parent)
        .values_list("vocabulary", "code", "label", "parent_code", "position")
    )


def _query():
    first, *rest = [_rows(name, model) for name, model in MODELS.items()]
    return first.union(*rest, all=True).order_by("vocabulary", "position", "code")


_compiled = {}  # {database alias: (sql, params)}: the query is the same every time


def load():
    """Every search reads the vocabularies (an editor may have just renamed a
    value); building the ORM query of five tables cost more than running it,
    so its SQL is compiled once per database."""
    alias = router.db_for_read(Region)
    if alias not in _compiled:
        query = _query()
        _compiled[alias] = query.query.get_compiler(alias).as_sql()
    sql, params = _compiled[alias]
    options = {name: [] for name in MODELS}
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        for name, code, label, parent, _position in cursor.fetchall():
            options[name].append(Option(code, label, parent))
    return options


def ancestors(regions, code):
    """[code, parent, grandparent, …] for a region code, e.g. "03155" →
    ["03155", "ni", "de", "eu"]: the areas whose offers reach that place
    (catalogue.regions, over the loaded region options)."""
    return regions_chain({option.code: option.parent for option in regions}, code)
