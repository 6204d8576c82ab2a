"""The Redaktion's forms and table columns carry every declared vocabulary
list (catalogue.vocabularies) without naming one."""

import pytest
from django.contrib import admin

from catalogue.models import Institution, Programme
from catalogue.vocabularies import INSTITUTION, PROGRAMME, lists_of
from editorial.tabular.columns import BY_NAME, CODES

MODELS = {PROGRAMME: Programme, INSTITUTION: Institution}


@pytest.mark.parametrize("kind", [PROGRAMME, INSTITUTION])
def test_admin_fieldsets_hold_every_declared_list_once(kind):
    model_admin = admin.site._registry[MODELS[kind]]
    fields = [
        name
        for _title, options in model_admin.fieldsets
        for entry in options["fields"]
        for name in (entry if isinstance(entry, tuple) else (entry,))
    ]
    for vocabulary in lists_of(kind):
        assert fields.count(vocabulary.key) == 1, vocabulary.key
    eligible = dict(model_admin.fieldsets).get("Antragsberechtigt", {"fields": ("eligible_text",)})
    assert [v.key for v in lists_of(kind, "eligible")] == list(eligible["fields"][1:])


@pytest.mark.parametrize("kind", [PROGRAMME, INSTITUTION])
def test_import_tables_have_a_code_column_per_declared_list(kind):
    for vocabulary in lists_of(kind):
        column = BY_NAME[vocabulary.path]
        assert column.value == CODES and kind in column.kinds
