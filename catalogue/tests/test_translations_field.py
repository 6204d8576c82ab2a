"""Per-language title and "Kurz gesagt" summary: validation, interchange
round trip, old files without the field stay valid."""

import pytest
from django.core.exceptions import ValidationError

from catalogue.interchange.exporter import export_document
from catalogue.interchange.importer import import_document
from catalogue.models import Programme
from catalogue.translations import for_language, validate_translations

pytestmark = pytest.mark.django_db

UK = {
    "uk": {"title": "Мовні курси для жінок", "summary": "Гроші на мовні курси."},
    "de": {"summary": "Geld für Kurse."},
}


def document(**extra):
    programme = {"id": "kurs", "title": "Sprachkurse für Frauen", **extra}
    return {"format": "foerderatlas/1", "institutions": [], "programmes": [programme]}


def test_translations_travel_through_the_interchange_format():
    report = import_document(document(translations=UK))

    assert not report.errors
    assert Programme.objects.get(slug="kurs").translations == {"de": UK["de"], "uk": UK["uk"]}
    exported = export_document([], Programme.objects.all())
    assert exported["programmes"][0]["translations"] == {"de": UK["de"], "uk": UK["uk"]}


def test_files_without_translations_stay_valid_and_export_none():
    assert not import_document(document()).errors

    assert "translations" not in export_document([], Programme.objects.all())["programmes"][0]


@pytest.mark.parametrize(
    "translations",
    [
        {"uk": {"summary": "я" * 501}},
        {"xx": {"summary": "…"}},
        {"de": {"title": "Ein zweiter deutscher Titel"}},
        {"uk": {"colour": "blau"}},
        {"uk": "nur Text"},
    ],
)
def test_bad_translations_are_refused_by_the_import_and_the_model(translations):
    report = import_document(document(translations=translations))

    assert report.errors
    assert not Programme.objects.exists()
    with pytest.raises(ValidationError):
        validate_translations(translations)


def test_a_page_language_takes_its_own_summary_else_the_german_one():
    programme = Programme(title="Sprachkurse", translations=UK)

    assert for_language(programme, "uk") == ("Мовні курси для жінок", "Гроші на мовні курси.", False)
    assert for_language(programme, "ar") == ("", "Geld für Kurse.", True)
    assert for_language(programme, "de") == ("", "Geld für Kurse.", True)
    assert for_language(Programme(title="x"), "ar") == ("", "", False)


def test_an_import_without_translations_keeps_those_stored():
    import_document(document(translations=UK))

    assert not import_document(document(description="Neu")).errors

    assert Programme.objects.get(slug="kurs").translations == {"de": UK["de"], "uk": UK["uk"]}
