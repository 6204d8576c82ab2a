"""The vocabulary lists of the API's items, its OpenAPI schemas and the
spreadsheet columns follow the one declaration (catalogue.vocabularies):
every declared list is there, under its interchange path, and nothing
else names a vocabulary by hand."""

import pytest
from django.utils.translation import override

from api import rows, serializers, tables
from api.vocabularies import item_lists
from catalogue.interchange.fields import get_path
from catalogue.vocabularies import BY_KEY, INSTITUTION, PROGRAMME, VOCABULARIES, lists_of

from .factories import demo_like_catalogue

pytestmark = pytest.mark.django_db

DETAIL = {PROGRAMME: "/api/v1/programmes/sport-verbindet", INSTITUTION: "/api/v1/institutions/lotto-stiftung"}
SCHEMA = {PROGRAMME: "Programme", INSTITUTION: "Institution"}


@pytest.mark.parametrize("kind", [PROGRAMME, INSTITUTION])
def test_items_carry_every_declared_list_at_its_interchange_path(client, kind):
    demo_like_catalogue()

    data = client.get(DETAIL[kind]).json()["data"]

    for vocabulary in lists_of(kind):
        values = get_path(data, vocabulary.path)
        assert isinstance(values, list), vocabulary.key
    for vocabulary in VOCABULARIES:
        if vocabulary.entries and kind not in vocabulary.entries:
            assert get_path(data, vocabulary.path) is None, vocabulary.key


@pytest.mark.parametrize("kind", [PROGRAMME, INSTITUTION])
def test_openapi_describes_every_declared_list_with_its_codes(client, kind):
    document = client.get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]

    for vocabulary in lists_of(kind):
        schema = schemas[SCHEMA[kind]]
        for part in vocabulary.path.split("."):
            properties = schema.get("properties") or schemas[schema["$ref"].rpartition("/")[2]]["properties"]
            assert part in properties, vocabulary.path
            schema = properties[part]
        with override("de"):
            assert schema["description"] == str(vocabulary.field_label)
        assert schema["type"] == "array" and "enum" in schema["items"]


def test_lists_come_in_the_interchange_formats_order():
    keys = [v.key for v in item_lists(PROGRAMME)]
    assert keys[:4] == ["funding_kinds", "regions", "integration_areas", "target_groups"]
    assert [v.key for v in item_lists(PROGRAMME, "eligible")] == ["applicant_types"]


def test_prefetches_and_export_rows_read_every_declared_list():
    for kind, lookups in (
        (PROGRAMME, serializers.PROGRAMME_LOOKUPS),
        (INSTITUTION, serializers.INSTITUTION_LOOKUPS),
    ):
        assert {v.key for v in lists_of(kind)} <= set(lookups)
    assert set(rows.VOCABULARIES) == {v.key for v in lists_of(PROGRAMME)}


def test_spreadsheet_has_one_column_per_declared_list_published_ones_first():
    """The published columns keep their order; a later declared list follows them."""
    with override("de"):
        headers = [header for header, _value in tables.columns()]
        published = [str(BY_KEY[key].field_label) for key in tables.PUBLISHED_LIST_COLUMNS]
        later = [
            str(v.field_label)
            for v in VOCABULARIES
            if v.entries and v.key not in tables.PUBLISHED_LIST_COLUMNS
        ]
    assert published == [
        "Antragsberechtigte",
        "Förderschwerpunkte",
        "Integrationsbereiche",
        "Zielgruppen",
        "Fördergebiet",
    ]
    first = headers.index(published[0])
    assert headers[first : first + len(published) + len(later)] == [*published, *later]
