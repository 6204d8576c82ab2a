"""The one rule for texts and addresses (catalogue.validators)."""

import pytest
from django.core.exceptions import ValidationError

from catalogue.validators import normalise_url, validate_links, validate_text


def message_of(error):
    return error.value.messages[0]


@pytest.mark.parametrize(
    ("pasted", "stored"),
    [
        ("https://www.bürgerstiftung.de/förderung", "https://www.xn--brgerstiftung-wob.de/f%C3%B6rderung"),
        ("HTTPS://Example.ORG/Pfad", "https://example.org/Pfad"),
        (
            'https://example.org/a"b<c>d|e{f}g^h`i\\j',
            "https://example.org/a%22b%3Cc%3Ed%7Ce%7Bf%7Dg%5Eh%60i%5Cj",
        ),
        (
            "https://example.org/mein dokument.pdf?x=1 2#teil 3",
            "https://example.org/mein%20dokument.pdf?x=1%202#teil%203",
        ),
        ("https://example.org/100%/a%20b", "https://example.org/100%25/a%20b"),
        ("  https://example.org/  ", "https://example.org/"),
        ("https://example.org:8443/?q=ä", "https://example.org:8443/?q=%C3%A4"),
    ],
)
def test_address_normalised_once_and_for_all(pasted, stored):
    assert (normalise_url(pasted), normalise_url(stored)) == (stored, stored)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/",
        "https://",
        "example.org",
        "https://exa mple.org/",
        "https://[::1",
    ],
)
def test_address_that_cannot_work_refused(url):
    with pytest.raises(ValidationError) as error:
        normalise_url(url)

    assert message_of(error) == f"Keine gültige http- oder https-Adresse: „{url.strip()}“."


def test_text_with_nul_refused_with_position():
    with pytest.raises(ValidationError) as error:
        validate_text("Frist\x00ende")

    assert message_of(error) == (
        "Enthält an Stelle 6 ein unzulässiges Steuerzeichen (U+0000 NUL), oft aus einer kopierten Datei; "
        "bitte entfernen."
    )


def test_text_with_bidi_override_refused():
    with pytest.raises(ValidationError) as error:
        validate_text("Frist: \u202e13.20")

    assert message_of(error) == (
        "Enthält an Stelle 8 ein unsichtbares Zeichen, das die Schreibrichtung umkehrt (U+202E). Es kann "
        "den Text anders anzeigen, als er gespeichert ist; bitte entfernen."
    )


@pytest.mark.parametrize("text", ["Zeile\nZeile\tTab\r\n", "عربي Türkçe Українська", "👩‍👩‍👧 \u200d", ""])
def test_ordinary_text_accepted(text):
    assert validate_text(text) is None


def test_link_title_checked_like_any_text():
    with pytest.raises(ValidationError) as error:
        validate_links([{"title": "Richt\x07linie", "url": "https://example.org/"}])

    assert error.value.code == "control_character"
