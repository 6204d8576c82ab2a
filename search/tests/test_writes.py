"""Index and catalogue change together (issue 14, ADR 0006): the index is
written inside the catalogue's transaction, once per entry, in bulk; a
failed, rolled-back or killed write leaves both as they were; drift is
reported by `manage.py check_search_index`."""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from catalogue import commits
from catalogue.models import Deadline, Programme
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from ops.tests.servers import ROOT, migrated_sqlite, production_environment
from search import documents, index
from search.models import SearchDocument, Term
from search.tests.test_index import found, index_state


def test_the_index_is_written_inside_the_transaction_before_it_commits(db):
    with transaction.atomic():
        programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe")
        assert SearchDocument.objects.count() == 0
        assert commits.pending() == {index.index_entries: [("programme", programme.pk)]}

    assert found("Nachbarschaftshilfe") == ["p"]
    assert commits.pending() == {}


def test_a_failed_transaction_leaves_catalogue_and_index_as_they_were(db):
    programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe", regions=["ni"])
    before = index_state()

    with pytest.raises(RuntimeError), transaction.atomic():
        programme.title = "Quartiersarbeit"
        programme.save()
        programme.regions.set(["de"])
        raise RuntimeError

    assert Programme.objects.get().title == "Nachbarschaftshilfe"
    assert index_state() == before
    assert commits.pending() == {}


def test_an_index_that_cannot_be_written_rolls_the_catalogue_change_back(db, monkeypatch):
    programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe")
    before = index_state()

    def broken(entry, spellings):
        raise ValueError("index write failed")

    monkeypatch.setattr(documents, "analysed", broken)
    with pytest.raises(ValueError), transaction.atomic():
        Programme.objects.filter(pk=programme.pk).update(title="Quartiersarbeit")
        index.reindex(programme)

    assert Programme.objects.get().title == "Nachbarschaftshilfe"
    assert index_state() == before


def test_each_entry_is_indexed_once_per_transaction(db, monkeypatch):
    link = ProgrammeInstitutionFactory(programme__slug="p", institution__name="Klosterkammer")
    programme, institution = link.programme, link.institution
    batches = []
    real = index._index_batch
    monkeypatch.setattr(
        index, "_index_batch", lambda model, pks: batches.append((model, pks)) or real(model, pks)
    )

    with transaction.atomic():
        programme.title = "Quartiersarbeit"
        programme.save()
        programme.regions.set(["ni"])
        programme.integration_areas.add("wohnen")
        programme.target_groups.add("aeltere")
        Deadline.objects.create(programme=programme, yearly="03-31")
        institution.name = "Stiftung Niedersachsen"
        institution.save()  # its name is the programme's text too

    assert batches == [(type(institution), [institution.pk]), (Programme, [programme.pk])]
    assert found("Stiftung Niedersachsen") == [institution.slug, "p"]


def test_a_rolled_back_dry_run_import_writes_no_index(db, monkeypatch):
    from catalogue.interchange.importer import import_document

    calls = []
    monkeypatch.setattr(index, "_index_batch", lambda model, pks: calls.append(pks))
    document = {
        "format": "foerderatlas/1",
        "institutions": [],
        "programmes": [{"id": "p", "title": "Programm"}],
    }

    report = import_document(document, dry_run=True)

    assert report.created == ["p"] and calls == [] and Programme.objects.count() == 0


def test_term_counts_change_by_deltas_without_reading_them(db):
    index.change_terms(Counter({"sprach": 2, "quartier": 1}), {"sprach": "Sprache"})
    index.change_terms(Counter({"sprach": 1, "quartier": -1, "neu": 1}))

    assert sorted(Term.objects.values_list("stem", "display", "documents")) == [
        ("neu", "neu", 1),
        ("sprach", "Sprache", 3),
    ]


def test_check_search_index_reports_drift_and_exits_non_zero(db, capsys):
    programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe")
    InstitutionFactory(slug="i", name="Klosterkammer")
    call_command("check_search_index")
    assert capsys.readouterr().out == "Suchindex stimmt mit dem Katalog überein.\n"

    # Writes that bypass the ORM's signals: the index no longer says what the catalogue says.
    Programme.objects.filter(pk=programme.pk).update(title="Quartiersarbeit")
    Term.objects.filter(stem="klosterkamm").update(documents=7)
    with pytest.raises(SystemExit) as exit_code:
        call_command("check_search_index")

    out = capsys.readouterr().out
    assert exit_code.value.code == 1
    assert f"programme {programme.pk}: document" in out
    assert f"programme {programme.pk}: text differs" in out
    assert "word 'klosterkamm': counted in 7 documents, found in 1" in out
    call_command("rebuild_search_index")
    call_command("check_search_index")


# ---------- a killed import ----------

# Runs an import and stops it dead (SIGKILL from the test) at the moment its
# catalogue writes are done and the index is about to be written: the marker
# file says the process has got there.
_KILLED_IMPORT = """
import sys, time, django
django.setup()
from search import index
from catalogue.interchange.importer import import_document
import json

def stop_here(items):
    open(sys.argv[2], "w").write(str(len(items)))
    time.sleep(600)

index.index_entries = stop_here
import_document(json.load(open(sys.argv[1])))
"""


def _document(count, title):
    programmes = [
        {"id": f"p{n}", "title": f"{title} {n}", "deadlines": {"kind": "rolling"}, "regions": ["ni"]}
        for n in range(count)
    ]
    return {"format": "foerderatlas/1", "institutions": [], "programmes": programmes}


def manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def _database_url(tmp_path):
    """PostgreSQL: the test database (the suite's URL names the main one);
    SQLite: a new migrated file."""
    if connection.vendor == "postgresql":
        url = urlsplit(os.environ["DATABASE_URL"])
        return urlunsplit(url._replace(path="/" + connection.settings_dict["NAME"]))
    return migrated_sqlite(tmp_path / "atlas.db")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_killed_after_its_catalogue_writes_leaves_catalogue_and_index_unchanged(tmp_path):
    env = production_environment(_database_url(tmp_path), tmp_path / "static")
    (tmp_path / "first.json").write_text(json.dumps(_document(30, "Sprachkurs")))
    (tmp_path / "second.json").write_text(json.dumps(_document(60, "Quartiersarbeit")))
    manage(env, "import_catalogue", str(tmp_path / "first.json"))
    before = manage(env, "export_catalogue").stdout
    marker = tmp_path / "reached"

    killed = subprocess.Popen(
        [sys.executable, "-c", _KILLED_IMPORT, str(tmp_path / "second.json"), str(marker)], cwd=ROOT, env=env
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and killed.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the import never reached its index writes"
    finally:
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait()

    assert marker.read_text() == "60"  # 30 changed, 30 new: all catalogue writes were done
    assert manage(env, "export_catalogue").stdout == before
    manage(env, "check_search_index")
