"""The search's vocabularies: read in one query on every search (the SQL is
compiled once), so an editor's new label or value shows at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalogue.models import TargetGroup
from search import vocabularies


@pytest.mark.django_db
def test_load_reads_every_vocabulary_in_one_query_and_sees_changes_at_once():
    vocabularies.load()  # compiled before; later calls only run it
    TargetGroup.objects.update_or_create(
        code="testgruppe", defaults={"label": "Erste Fassung", "position": 999}
    )
    with CaptureQueriesContext(connection) as queries:
        before = vocabularies.load()
    TargetGroup.objects.filter(code="testgruppe").update(label="Zweite Fassung")
    after = vocabularies.load()

    assert len(queries) == 1
    assert set(before) == set(vocabularies.MODELS)
    assert vocabularies.Option("testgruppe", "Erste Fassung") in before["target_group"]
    assert vocabularies.Option("testgruppe", "Zweite Fassung") in after["target_group"]
    assert after["target_group"][-1].code == "testgruppe"  # editorial order (position)
