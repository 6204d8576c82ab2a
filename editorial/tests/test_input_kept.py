"""Nothing silently lost on input (issue 15, reproductions 5 and 8): pasted
HTML keeps its text in the back office and the importer, what the back
office accepts imports again, hostile characters are refused with a message
and never answer 500 (run on SQLite and PostgreSQL)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalogue.interchange.exporter import dumps, export_document
from catalogue.models import Institution, Programme
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory

from .helpers import admin_url, form_data, messages_of, parse, through_import_job
from .test_history import save_via_form

pytestmark = pytest.mark.django_db
IMPORT = "/redaktion/import/"
WORD = (
    "<!-- aus Word kopiert -->\n<p>Die Förderung unterstützt <b>Vereine</b>.</p>\n<div>Anträge formlos.</div>"
)
CONVERTED = "Die Förderung unterstützt **Vereine**.\n\nAnträge formlos."


def upload(client, name, content, **data):
    file = SimpleUploadedFile(name, content.encode("utf-8") if isinstance(content, str) else content)
    return through_import_job(client, client.post(IMPORT, {"file": file, **data}))


def error_rows(response):
    return [
        [" ".join(td.get_text().split()) for td in tr.select("td")]
        for tr in parse(response).select(".import-errors tbody tr")
    ]


def warning_items(response):
    return [" ".join(li.get_text().split()) for li in parse(response).select(".import-warnings li")]


def test_html_pasted_in_back_office_keeps_its_text(editor_client):
    programme = ProgrammeFactory(title="Aus Word")

    response = save_via_form(editor_client, programme, description=WORD, goals="<p>Teilhabe</p>")
    followed = editor_client.get(response["Location"])

    programme.refresh_from_db()
    assert (programme.description, programme.goals) == (CONVERTED, "Teilhabe")
    assert [m for m in messages_of(followed) if "HTML-Code" in m] == [
        f"HTML-Code in „{field}“ wurde in Markdown umgewandelt: der Text bleibt, Tags und Kommentare "
        "entfallen. Bitte prüfen Sie das Ergebnis."
        for field in ("Beschreibung", "Förderschwerpunkte und -ziele")
    ]


def test_html_in_imported_csv_keeps_its_text(editor_client):
    csv = 'type;id;title;description\nprogramme;aus-word;Aus Word;"' + WORD.replace('"', '""') + '"\n'

    response = upload(editor_client, "word.csv", csv, apply="1")

    assert Programme.objects.get(slug="aus-word").description == CONVERTED
    assert [w for w in warning_items(response) if "HTML" in w] == [
        "Zeile 2, description: HTML-Code in Markdown umgewandelt (der Text bleibt, Tags und Kommentare "
        "entfallen); bitte prüfen."
    ]


def test_addresses_accepted_by_back_office_import_again(editor_client):
    """Reproduction 8: one such address used to block a whole restore."""
    institution = InstitutionFactory(slug="buergerstiftung", name="Bürgerstiftung")
    programme = ProgrammeFactory(slug="mikrofonds", title="Mikrofonds")
    save_via_form(editor_client, institution, website="https://www.bürgerstiftung.de/über uns")
    save_via_form(
        editor_client,
        programme,
        **{
            "links-0-title": "Richtlinie",
            "links-0-url": 'https://straße.de/a"b<c>d|e{f}g^h`i\\j',
            "sources-0-url": "https://example.org/Förderung?jahr=2027 ",
        },
    )
    backup = dumps(export_document(Institution.objects.all(), Programme.objects.all()))

    Programme.objects.all().delete()
    Institution.objects.all().delete()
    response = upload(editor_client, "sicherung.json", backup, apply="1")

    assert error_rows(response) == []
    assert dumps(export_document(Institution.objects.all(), Programme.objects.all())) == backup
    restored = json.loads(backup)
    assert restored["institutions"][0]["website"] == "https://www.xn--brgerstiftung-wob.de/%C3%BCber%20uns"
    assert restored["programmes"][0]["links"] == [
        {"title": "Richtlinie", "url": "https://xn--strae-oqa.de/a%22b%3Cc%3Ed%7Ce%7Bf%7Dg%5Eh%60i%5Cj"}
    ]
    assert restored["programmes"][0]["sources"] == ["https://example.org/F%C3%B6rderung?jahr=2027"]


def test_import_normalises_addresses_as_the_back_office_does(editor_client):
    csv = "type;id;name;website\ninstitution;buergerstiftung;Bürgerstiftung;https://bürgerstiftung.de/\n"

    response = upload(editor_client, "adressen.csv", csv, apply="1")

    assert Institution.objects.get().website == "https://xn--brgerstiftung-wob.de/"
    assert warning_items(response) == [
        "Zeile 2, website: Adresse vereinheitlicht: „https://bürgerstiftung.de/“ → "
        "„https://xn--brgerstiftung-wob.de/“."
    ]


NUL_MESSAGE = (
    "Enthält an Stelle 4 ein unzulässiges Steuerzeichen (U+0000 NUL), oft aus einer kopierten Datei; "
    "bitte entfernen."
)


@pytest.mark.parametrize("mode", ["dry_run", "apply"])
def test_nul_in_imported_json_is_an_error_not_a_500(editor_client, mode):
    """Reproduction 8: NUL bytes passed the importer and made the PostgreSQL
    dry run answer 500."""
    document = {
        "format": "foerderatlas/1",
        "institutions": [{"id": "stift\u0000ung", "name": "Stif\u0000tung"}],
        "programmes": [
            {
                "id": "programm",
                "title": "Pro\u0000gramm",
                "deadlines": {"kind": "rolling", "note": "lau\u0000fend"},
                "links": [{"title": "Ric\u0000htlinie", "url": "https://example.org/"}],
                "institutions": [{"id": "stift\u0000ung", "role": "mittelgeber"}],
            }
        ],
    }

    response = upload(editor_client, "nul.json", json.dumps(document), **{mode: "1"})

    assert response.status_code == 200
    assert [row[1:] for row in error_rows(response) if "U+0000" in row[-1]] == [
        ["id", NUL_MESSAGE.replace("Stelle 4", "Stelle 6")],
        ["name", NUL_MESSAGE.replace("Stelle 4", "Stelle 5")],
        ["title", NUL_MESSAGE],
        ["institutions[0].id", NUL_MESSAGE.replace("Stelle 4", "Stelle 6")],
        ["deadlines.note", NUL_MESSAGE],
        ["links[0].title", NUL_MESSAGE],
    ]
    assert (Institution.objects.count(), Programme.objects.count()) == (0, 0)


def test_nul_and_bidi_in_imported_csv_are_errors(editor_client):
    csv = "type;id;title;amount.text\nprogramme;a;Pro\x00gramm;bis \u202e0001 €\n"

    response = upload(editor_client, "steuerzeichen.csv", csv, dry_run="1")

    assert response.status_code == 200
    assert error_rows(response) == [
        ["2", "title", NUL_MESSAGE],
        [
            "2",
            "amount.text",
            "Enthält an Stelle 5 ein unsichtbares Zeichen, das die Schreibrichtung umkehrt (U+202E). Es "
            "kann den Text anders anzeigen, als er gespeichert ist; bitte entfernen.",
        ],
    ]


def test_nul_typed_into_the_back_office_is_refused(editor_client):
    programme = ProgrammeFactory(title="Vorher")
    data = form_data(editor_client.get(admin_url(programme)), "programme_form")

    response = editor_client.post(admin_url(programme), data | {"title": "Pro\x00gramm"})

    programme.refresh_from_db()
    assert (response.status_code, programme.title) == (200, "Vorher")
    assert [li.get_text() for li in parse(response).select(".field-title .errorlist li")] == [
        "Nullzeichen sind nicht erlaubt."  # Django's own check of every form text field
    ]
