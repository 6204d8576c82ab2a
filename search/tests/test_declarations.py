"""One declaration per vocabulary (catalogue.vocabularies.VOCABULARIES):
every registry that names vocabularies follows from it, so a new
`Vocabulary(...)` reaches the models, the interchange, the index, the form,
the facets, the API parameters and the thesaurus without another list."""

import dataclasses

import pytest
from django.db import models
from django.db.models.signals import m2m_changed
from django.http import QueryDict

from catalogue import vocabularies
from catalogue.interchange import fields as interchange
from catalogue.models import VOCABULARY_TABLES, Institution, Programme
from catalogue.vocabularies import FILTERS, INSTITUTION, PROGRAMME, VOCABULARIES
from search import documents, facets, filters, forms, params, signals
from search import vocabularies as search_vocabularies
from search.core import search
from thesaurus.models import FILTER_PARAMETERS

ENTRY_MODELS = {PROGRAMME: Programme, INSTITUTION: Institution}


def test_keys_params_and_models_are_unique():
    for attribute in ("key", "model"):
        names = [getattr(v, attribute) for v in VOCABULARIES]
        assert len(names) == len(set(names)), attribute
    assert len({v.param for v in FILTERS}) == len(FILTERS)


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.key)
def test_each_vocabulary_has_a_table_named_as_declared(vocabulary):
    model = VOCABULARY_TABLES[vocabulary.key]
    assert model.__name__ == vocabulary.model
    assert model._meta.app_label == "catalogue"
    assert str(model._meta.verbose_name_plural) == str(vocabulary.verbose_name_plural)


@pytest.mark.parametrize("kind", [PROGRAMME, INSTITUTION])
def test_entries_list_exactly_the_declared_vocabularies_with_history(kind):
    model = ENTRY_MODELS[kind]
    declared = {v.key: VOCABULARY_TABLES[v.key] for v in vocabularies.lists_of(kind)}
    vocabulary_tables = set(VOCABULARY_TABLES.values())
    lists = {
        field.name: field.related_model
        for field in model._meta.many_to_many
        if field.related_model in vocabulary_tables
    }
    assert lists == declared
    assert {field.name for field in model.history.model._history_m2m_fields} == set(declared)
    for key in declared:
        field = model._meta.get_field(key)
        assert isinstance(field, models.ManyToManyField) and field.blank
        assert m2m_changed.has_listeners(field.remote_field.through)


@pytest.mark.parametrize("kind", [PROGRAMME, INSTITUTION])
def test_the_interchange_and_the_index_follow_the_declaration(kind):
    model = ENTRY_MODELS[kind]
    declared = vocabularies.lists_of(kind)
    table = interchange.PROGRAMME_VOCABULARIES if kind == PROGRAMME else interchange.INSTITUTION_VOCABULARIES
    assert table == {v.path: (v.key, VOCABULARY_TABLES[v.key]) for v in declared}
    schema = interchange.entry_properties(kind)
    assert all(v.path.split(".")[0] in schema for v in declared)
    assert documents.TAG_FIELDS[model] == {v.param: v.key for v in declared if v.param}
    assert set(signals.M2M_FIELDS[model]) == {v.key for v in declared if v.param}


def test_the_search_form_facets_and_filters_follow_the_declaration():
    declared = [v.param for v in FILTERS]
    assert [name for name in forms.SearchForm.base_fields if name in declared] == declared
    for vocabulary in FILTERS:
        assert forms.SearchForm.base_fields[vocabulary.param].label == vocabulary.label
        assert facets.GROUPS[vocabulary.param] == vocabulary.label
    assert [name for name in forms.MULTI_VALUED if name in declared] == declared
    assert [name for name in params.ORDER if name in declared] == declared
    assert list(search_vocabularies.MODELS) == declared
    filter_fields = {f.name for f in dataclasses.fields(filters.Filters)}
    assert set(declared) <= filter_fields
    assert {v.param for v in FILTERS if not v.hierarchical} <= set(filters.TAG_GROUPS)
    assert {v.param for v in FILTERS if INSTITUTION not in v.entries} <= set(filters.PROGRAMME_ONLY)
    assert set(declared) <= set(FILTER_PARAMETERS)


def test_the_api_parameters_and_vocabulary_tables_follow_the_declaration(db):
    from api.parameters import SEARCH, current
    from api.vocabularies import vocabulary_codes

    assert {v.param for v in FILTERS} <= set(current(SEARCH))
    assert set(vocabulary_codes()) == {v.key for v in VOCABULARIES}


@pytest.mark.parametrize("vocabulary", FILTERS, ids=lambda v: v.param)
def test_every_declared_filter_is_a_facet_of_a_search(db, vocabulary):
    result = search(QueryDict(""))
    assert vocabulary.param in [group.name for group in result.facets]
