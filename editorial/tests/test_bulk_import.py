"""The bulk import path (issue 15): one history version and one revision per
imported entry, relations written in bulk, the index in step."""

import json

import pytest

from catalogue import snapshots
from catalogue.history import m2m_history_model
from catalogue.interchange.importer import import_document
from catalogue.models import Deadline, Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.tests.test_interchange_import import document, institution, programme
from editorial import bulk
from editorial.models import Revision
from editorial.revisions import revisions_of
from search.drift import drift

pytestmark = pytest.mark.django_db


def full_document(title="Programm A", areas=("kultur", "wohnen"), dates=("2027-01-31",)):
    return document(
        [institution(regions=["ni"]), institution("stiftung-b", name="Stiftung B")],
        [
            programme(
                title=title,
                regions=["ni", "03241"],
                integration_areas=list(areas),
                deadlines={"kind": "dates", "dates": list(dates), "yearly": ["09-30"]},
                institutions=[
                    {"id": "stiftung-a", "role": "mittelgeber"},
                    {"id": "stiftung-b", "role": "ansprechstelle"},
                ],
            ),
            programme("programm-b", title="Programm B"),
        ],
    )


def history_lists(record, model, name):
    history_model = m2m_history_model(model, name)
    column = f"{model._meta.get_field(name).m2m_reverse_field_name()}_id"
    return sorted(history_model.objects.filter(history=record).values_list(column, flat=True))


def test_each_new_entry_gets_one_history_version_with_its_lists_and_one_revision():
    report = import_document(full_document())

    assert report.errors == []
    a = Programme.objects.get(slug="programm-a")
    assert [record.history_type for record in a.history.all()] == ["+"]
    record = a.history.get()
    assert history_lists(record, Programme, "integration_areas") == ["kultur", "wohnen"]
    assert history_lists(record, Programme, "regions") == ["03241", "ni"]
    assert Institution.objects.get(slug="stiftung-a").history.count() == 1
    # Deadlines and links are part of the entry's one version (its revision), not versions of their own.
    assert Deadline.history.count() == 0 and ProgrammeInstitution.history.count() == 0
    for entry in (a, Programme.objects.get(slug="programm-b"), Institution.objects.get(slug="stiftung-a")):
        revision = revisions_of(entry).get()
        assert (revision.number, revision.state) == (1, Revision.State.PUBLISHED)
        assert revision.snapshot == snapshots.take(entry)
        assert revision.reason == "Import foerderatlas/1"
    snapshot = revisions_of(a).get().snapshot
    assert [d["yearly"] or d["date"] for d in snapshot["deadlines"]] == ["2027-01-31", "09-30"]
    assert [(i["role"], i["position"]) for i in snapshot["institutions"]] == [
        ("mittelgeber", 0),
        ("ansprechstelle", 1),
    ]
    assert drift() == []


def test_reimport_replaces_relations_once_and_leaves_unchanged_entries_alone():
    import_document(full_document())
    a = Programme.objects.get(slug="programm-a")
    version = a.version

    report = import_document(
        full_document("Programm A neu", areas=("sport-bewegung",), dates=("2027-06-30",))
    )

    assert (report.created, report.updated) == ([], ["programm-a"])
    assert report.unchanged == ["stiftung-a", "stiftung-b", "programm-b"]
    a.refresh_from_db()
    assert a.title == "Programm A neu" and a.version == version + 1
    assert list(a.integration_areas.values_list("code", flat=True)) == ["sport-bewegung"]
    assert sorted(str(d) for d in a.deadlines.all()) == ["09-30", "2027-06-30"]
    assert [record.history_type for record in a.history.all()] == ["~", "+"]
    assert history_lists(a.history.first(), Programme, "integration_areas") == ["sport-bewegung"]
    revisions = list(revisions_of(a))
    assert [r.number for r in revisions] == [2, 1]
    assert revisions[0].snapshot == snapshots.take(a)
    assert revisions_of(Programme.objects.get(slug="programm-b")).count() == 1
    assert drift() == []


def test_dry_run_records_no_history_and_no_revision():
    report = import_document(full_document(), dry_run=True)

    assert report.created and not Programme.objects.exists()
    assert Programme.history.count() == 0 and Revision.objects.count() == 0


def test_back_office_draft_import_creates_drafts_in_one_version(editor):
    data = json.dumps(full_document()).encode()

    outcome = bulk.run(bulk.prepare("daten.json", data), apply=True, user=editor, as_draft=True)

    assert outcome.applied
    a = Programme.objects.get(slug="programm-a")
    assert a.state == Workflow.DRAFT
    assert [(r.history_type, r.history_user) for r in a.history.all()] == [("+", editor)]
    revision = revisions_of(a).get()
    assert (revision.state, revision.created_by) == (Revision.State.DRAFT, editor)
