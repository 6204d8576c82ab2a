"""Checks of the change form beyond the model: link and source rows, yearly
deadlines."""

import pytest

from catalogue.tests.factories import ProgrammeFactory

from .helpers import parse
from .test_history import save_via_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "row", "message"),
    [
        ("links", {"links-0-title": "Richtlinie"}, "Link 1: Die Adresse fehlt."),
        (
            "links",
            {"links-0-url": "javascript:alert(1)"},
            "Link 1: Keine gültige http- oder https-Adresse: „javascript:alert(1)“.",
        ),
        (
            "links",
            {"links-1-title": "Richt\x00linie", "links-1-url": "https://example.org/"},
            "Link 2: Enthält an Stelle 6 ein unzulässiges Steuerzeichen (U+0000 NUL), oft aus einer "
            "kopierten Datei; bitte entfernen.",
        ),
        (
            "sources",
            {"sources-2-url": "www.example.org"},
            "Quelle 3: Keine gültige http- oder https-Adresse: „www.example.org“.",
        ),
    ],
)
def test_link_and_source_rows_checked_on_save(editor_client, field, row, message):
    programme = ProgrammeFactory(title="Mit Links")

    response = save_via_form(editor_client, programme, **row)

    page = parse(response)
    assert response.status_code == 200
    assert [li.get_text() for li in page.select(f".field-{field} .errorlist li")] == [message]


@pytest.mark.parametrize(
    ("date", "yearly", "message"),
    [
        ("", "13-45", "Kein jährliches Datum: „13-45“ (MM-TT, zum Beispiel 03-31)."),
        ("", "31.03", "Kein jährliches Datum: „31.03“ (MM-TT, zum Beispiel 03-31)."),
        ("2027-03-31", "03-31", "Bedingung „deadline_date_xor_yearly“ ist nicht erfüllt."),
    ],
)
def test_deadline_row_checked_on_save(editor_client, date, yearly, message):
    programme = ProgrammeFactory(title="Mit Frist", deadline_kind="dates")
    extra = {
        "deadlines-TOTAL_FORMS": "1",
        "deadlines-0-date": date,
        "deadlines-0-yearly": yearly,
        "deadlines-0-programme": str(programme.pk),
    }

    response = save_via_form(editor_client, programme, **extra)

    assert response.status_code == 200
    assert message in [li.get_text() for li in parse(response).select("#deadlines-group .errorlist li")]
    assert programme.deadlines.count() == 0


def test_yearly_deadline_saved(editor_client):
    programme = ProgrammeFactory(title="Mit Frist", deadline_kind="dates")

    save_via_form(editor_client, programme, **{"deadlines-TOTAL_FORMS": "1", "deadlines-0-yearly": "02-29"})

    assert [d.yearly for d in programme.deadlines.all()] == ["02-29"]
