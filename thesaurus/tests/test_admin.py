"""The thesaurus in the Redaktion: edit with history, export, import with
probe run; the file format's errors; the commands."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from editorial.roles import FOERDERER, REDAKTION
from editorial.tests.conftest import logged_in
from editorial.tests.factories import UserFactory
from thesaurus import data
from thesaurus.models import Concept

pytestmark = pytest.mark.django_db

GOOD = "neu_1 | target_group=frauen-maedchen | Nähtreff; Nähcafé für Frauen | sewing group | | | | | \n"


@pytest.fixture
def editor_client():
    return logged_in(UserFactory(groups=[REDAKTION]))


def upload(client, text, *, apply=False, replace=False):
    fields = {"file": SimpleUploadedFile("t.txt", text.encode()), ("apply" if apply else "dry_run"): "1"}
    if replace:
        fields["replace"] = "on"
    return client.post(reverse("admin:thesaurus_concept_import"), fields)


def test_shipped_thesaurus_has_300_concepts_in_seven_languages():
    concepts = list(Concept.objects.all())

    assert len(concepts) >= 300
    for concept in concepts:
        assert all(concept.terms(language) for language in ("de", "en", "ar", "tr", "uk", "ru", "fa")), (
            concept.code
        )


def test_editor_edits_a_concept_and_its_history_is_kept(editor_client):
    concept = Concept.objects.get(code="kita")
    url = reverse("admin:thesaurus_concept_change", args=[concept.pk])
    fields = {column: getattr(concept, column) for column in data.COLUMNS[1:]}

    response = editor_client.post(url, {**fields, "de": concept.de + "; Kinderkrippe"})

    assert response.status_code == 302
    latest = concept.history.first()
    assert "Kinderkrippe" in latest.de and latest.history_user.groups.filter(name=REDAKTION).exists()
    assert editor_client.get(reverse("admin:thesaurus_concept_history", args=[concept.pk])).status_code == 200


def test_bad_filter_is_refused_with_a_message(editor_client):
    concept = Concept.objects.get(code="kita")
    fields = {column: getattr(concept, column) for column in data.COLUMNS[1:]}

    response = editor_client.post(
        reverse("admin:thesaurus_concept_change", args=[concept.pk]), {**fields, "filter": "farbe=rot"}
    )

    assert response.status_code == 200
    assert "Parameter=Code" in response.content.decode()


def test_export_gives_the_file_format(editor_client):
    response = editor_client.get(reverse("admin:thesaurus_concept_export"))

    parsed = data.parse(response.content.decode())
    assert response["Content-Disposition"] == 'attachment; filename="thesaurus.txt"'
    assert parsed.errors == [] and len(parsed.rows) == Concept.objects.count()


def test_probe_run_reports_and_writes_nothing_then_import_writes(editor_client):
    response = upload(editor_client, GOOD)

    assert "Die Datei ist in Ordnung: 1 Begriff." in response.content.decode()
    assert not Concept.objects.filter(code="neu_1").exists()

    response = upload(editor_client, GOOD, apply=True)

    assert response.status_code == 302
    assert Concept.objects.get(code="neu_1").terms("de") == ["Nähtreff", "Nähcafé für Frauen"]


def test_import_of_a_bad_file_names_every_bad_line_and_writes_nothing(editor_client):
    text = (
        GOOD + "zwei | - | nur drei Spalten\nneu_1 | - | doppelt | | | | | | \nböse! | x=y | a | | | | | | \n"
    )

    page = upload(editor_client, text, apply=True).content.decode()

    assert "Zeile 2: 3 Spalten statt 9." in page
    assert "Zeile 3: Der Code „neu_1“ kommt doppelt vor." in page
    assert "Zeile 4:" in page
    assert not Concept.objects.filter(code="neu_1").exists()


def test_import_refuses_files_not_in_utf8(editor_client):
    response = editor_client.post(
        reverse("admin:thesaurus_concept_import"),
        {"file": SimpleUploadedFile("t.txt", "Näh".encode("latin-1")), "dry_run": "1"},
    )

    assert "nicht in UTF-8" in response.content.decode()


def test_funder_may_not_touch_the_thesaurus():
    client = logged_in(UserFactory(groups=[FOERDERER]))

    assert client.get(reverse("admin:thesaurus_concept_import")).status_code == 403
    assert client.get(reverse("admin:thesaurus_concept_changelist")).status_code == 403


def test_commands_export_and_load_round_trip(tmp_path):
    target = tmp_path / "t.txt"
    call_command("export_thesaurus", "-o", str(target))
    text = target.read_text(encoding="utf-8").replace(
        "Kita; Kindertagesstätte", "Kita; KiTa-Platz; Kindertagesstätte"
    )
    target.write_text(text, encoding="utf-8")
    out = io.StringIO()

    call_command("load_thesaurus", str(target), stdout=out)

    assert "0 created, 1 updated, 0 deleted" in out.getvalue()
    assert "KiTa-Platz" in Concept.objects.get(code="kita").de


def test_load_command_refuses_a_bad_file(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("a | - \n", encoding="utf-8")

    with pytest.raises(CommandError, match="Zeile 1"):
        call_command("load_thesaurus", str(target))
