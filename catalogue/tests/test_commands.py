"""manage.py import_catalogue and export_catalogue: output, exit codes, files."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from catalogue.models import Institution, Programme, Workflow
from catalogue.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

DEMO = Path(settings.BASE_DIR) / "demo" / "catalogue.json"


def write(path, document):
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def valid_document():
    return {
        "format": "foerderatlas/1",
        "institutions": [{"id": "stiftung-a", "name": "Stiftung A"}],
        "programmes": [
            {
                "id": "programm-a",
                "title": "Programm A",
                "institutions": [{"id": "stiftung-a", "role": "mittelgeber"}],
                "amount": {"max_eur": 5000},
                "deadlines": {"kind": "rolling"},
                "eligible": {"applicant_types": ["verein"]},
            }
        ],
    }


def broken_document():
    """Three broken entries and one good one."""
    document = valid_document()
    document["institutions"].append({"id": "kaputt", "name": "", "website": "www.example.org"})
    document["programmes"] += [
        {"id": "frist", "title": "Frist", "deadlines": {"kind": "dates", "dates": ["31.12.2026"]}},
        {
            "id": "code",
            "title": "Code",
            "target_groups": ["aliens"],
            "institutions": [{"id": "wer", "role": "mittelgeber"}],
        },
    ]
    return document


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_command_prints_summary(tmp_path):
    out, err = run("import_catalogue", write(tmp_path / "a.json", valid_document()))

    assert out == "2 neu, 0 aktualisiert, 0 unverändert\n"
    assert err == ""
    assert Programme.objects.get().institutions.get().slug == "stiftung-a"


def test_import_command_twice_changes_nothing(tmp_path):
    path = write(tmp_path / "a.json", valid_document())
    run("import_catalogue", path)
    updated_at = Programme.objects.get().updated_at

    out, _err = run("import_catalogue", path)

    assert out == "0 neu, 0 aktualisiert, 2 unverändert\n"
    assert Programme.objects.get().updated_at == updated_at


def test_import_command_broken_file_names_every_error_and_writes_nothing(tmp_path):
    path = write(tmp_path / "broken.json", broken_document())
    err = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", path, stdout=StringIO(), stderr=err)

    assert err.getvalue().splitlines() == [
        f"{path}: Förderer kaputt: name: Darf nicht leer sein.",
        f"{path}: Förderer kaputt: website: "
        "Die Adresse muss mit http:// oder https:// beginnen: „www.example.org“.",
        f"{path}: Förderprogramm frist: deadlines.dates[0]: Kein Datum im Format JJJJ-MM-TT: „31.12.2026“.",
        f"{path}: Förderprogramm code: institutions[0].id: "
        "Keine Institution mit der Kennung „wer“ im Import oder im Atlas.",
        f"{path}: Förderprogramm code: target_groups[0]: Unbekannter Code „aliens“. Erlaubt: "
        "zuwanderungsbiografie, fluchtgeschichte, kinder-jugendliche, eltern-familien, quartier, "
        "frauen-maedchen, aeltere, ehrenamtliche, fachkraefte, gesamtgesellschaft.",
    ]
    assert str(raised.value) == "Import abgebrochen: 5 Fehler in 3 Einträgen; nichts wurde gespeichert."
    assert (Institution.objects.count(), Programme.objects.count()) == (0, 0)


def test_import_command_prints_warnings(tmp_path):
    document = valid_document()
    document["programmes"][0]["deadlines"] = {"kind": "none"}
    path = write(tmp_path / "a.json", document)

    out, err = run("import_catalogue", path)

    assert (
        err
        == f"{path}: Warnung: Förderprogramm programm-a: deadlines.kind: Keine Angabe zur Bewerbungsfrist.\n"
    )
    assert out == "2 neu, 0 aktualisiert, 0 unverändert\n"


def test_import_command_quiet_hides_warnings_and_summary(tmp_path):
    document = valid_document()
    document["programmes"][0]["deadlines"] = {"kind": "none"}

    out, err = run("import_catalogue", write(tmp_path / "a.json", document), "-v0")

    assert (out, err) == ("", "")


def test_import_command_dry_run_writes_nothing(tmp_path):
    out, _err = run("import_catalogue", "--dry-run", write(tmp_path / "a.json", valid_document()))

    assert out == "2 neu, 0 aktualisiert, 0 unverändert (Probelauf: nichts gespeichert)\n"
    assert Programme.objects.count() == 0


def test_import_command_reports_update(tmp_path):
    ProgrammeFactory(slug="programm-a", title="Alt", state=Workflow.REVIEW)

    out, _err = run("import_catalogue", write(tmp_path / "a.json", valid_document()))

    assert out == "1 neu, 1 aktualisiert, 0 unverändert\n"
    assert Programme.objects.get().state == Workflow.REVIEW


def test_import_command_several_files_all_or_nothing(tmp_path):
    document = valid_document()
    institutions = write(tmp_path / "institutions.json", {**document, "programmes": []})
    programmes = write(tmp_path / "programmes.json", {**document, "institutions": []})
    broken = write(tmp_path / "broken.json", {"format": "foerderatlas/1", "programmes": [{"id": "x"}]})
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_catalogue", institutions, programmes, broken, stdout=StringIO(), stderr=err)
    out, _err = run("import_catalogue", institutions, programmes)

    assert err.getvalue() == f"{broken}: Förderprogramm x: title: Pflichtfeld fehlt.\n"
    assert out == "2 neu, 0 aktualisiert, 0 unverändert\n"


def test_import_command_bad_json_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{\n "format": "foerderatlas/1",\n "institutions": [}\n', encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(path), stdout=StringIO(), stderr=err)

    assert err.getvalue() == f"{path}: Kein gültiges JSON in Zeile 3, Spalte 19: Expecting value\n"
    assert str(raised.value) == "Import abgebrochen; nichts wurde gespeichert."


def test_import_command_rejects_nan(tmp_path):
    path = tmp_path / "nan.json"
    path.write_text(
        '{"format": "foerderatlas/1", "programmes": [{"amount": {"max_eur": NaN}}]}', encoding="utf-8"
    )
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_catalogue", str(path), stdout=StringIO(), stderr=err)

    assert err.getvalue() == f"{path}: Kein gültiges JSON: NaN ist keine Zahl im Sinne von JSON\n"


def test_import_command_unreadable_and_missing_files(tmp_path):
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"name": "Förderung"}'.encode("latin-1"))
    missing = tmp_path / "fehlt.json"
    err = StringIO()

    with pytest.raises(CommandError):
        call_command("import_catalogue", str(latin1), str(missing), stdout=StringIO(), stderr=err)

    lines = err.getvalue().splitlines()
    assert [line.split(": ")[:2] for line in lines] == [
        [str(latin1), "Datei nicht lesbar"],
        [str(missing), "Datei nicht lesbar"],
    ]


def test_import_command_exit_code_is_non_zero_on_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")

    result = subprocess.run(
        [sys.executable, "manage.py", "import_catalogue", str(path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}: Kein gültiges JSON in Zeile 1, Spalte 2: Expecting property name enclosed in double quotes",
        "CommandError: Import abgebrochen; nichts wurde gespeichert.",
    ]


def test_export_command_writes_stdout_and_file_identically(tmp_path):
    run("import_catalogue", write(tmp_path / "a.json", valid_document()))
    target = tmp_path / "export.json"

    out, _err = run("export_catalogue")
    run("export_catalogue", "-o", str(target))

    assert out == target.read_text(encoding="utf-8")
    assert json.loads(out)["programmes"][0]["id"] == "programm-a"
    assert out.endswith("}\n")


def test_export_command_published_only(tmp_path):
    ProgrammeFactory(slug="oeffentlich")
    ProgrammeFactory(slug="entwurf", state=Workflow.DRAFT)

    everything, _err = run("export_catalogue")
    public, _err = run("export_catalogue", "--published-only")

    assert [p["id"] for p in json.loads(everything)["programmes"]] == ["entwurf", "oeffentlich"]
    assert [p["id"] for p in json.loads(public)["programmes"]] == ["oeffentlich"]


def test_export_command_unwritable_target(tmp_path):
    with pytest.raises(CommandError) as raised:
        run("export_catalogue", "-o", str(tmp_path / "fehlt" / "x.json"))

    assert str(raised.value).startswith(f"{tmp_path / 'fehlt' / 'x.json'}: nicht schreibbar: ")


def test_demo_import_export_import_round_trip_via_commands(tmp_path):
    run("import_catalogue", str(DEMO))
    exported = tmp_path / "export.json"
    run("export_catalogue", "-o", str(exported))
    Programme.objects.all().delete()
    Institution.objects.all().delete()

    out, _err = run("import_catalogue", str(exported))
    again, _err = run("export_catalogue")

    assert again == exported.read_text(encoding="utf-8")
    assert out.startswith(f"{Institution.objects.count() + Programme.objects.count()} neu, 0 aktualisiert")
