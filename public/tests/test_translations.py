"""The gettext catalogues: German (the source) and English complete, the
public site complete in every language, plural forms right, every
vocabulary label translatable."""

import subprocess
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.utils.translation import override

from catalogue.models import DeadlineKind, IntegrationArea, Role
from catalogue.vocabularies import VOCABULARY_MODELS, read_vocabularies
from public.templatetags.atlas_i18n import vocab_label
from public.vocabulary_labels import LABELS

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]
PUBLIC_SITE_LANGUAGES = ["ar", "tr", "uk", "ru", "fa"]
# Sources whose strings visitors of the public site read: templates and code
# of the site, the search and the forms visitors send, status labels, vocabulary labels.
PUBLIC_SOURCES = ("public/", "search/", "feedback/", "catalogue/status.py", "catalogue/eligibility.py")
# Django's own catalogue for each language defines the plural rule (Russian
# and Ukrainian with a fourth form for fractions); ours must agree.
DJANGO_LOCALE = Path(django.__file__).parent / "conf" / "locale"


def catalogue(code):
    return polib.pofile(str(LOCALE / code / "LC_MESSAGES" / "django.po"))


def is_translated(entry):
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def incomplete(entries):
    """msgids that are untranslated or fuzzy (obsolete entries do not count)."""
    return [e.msgid for e in entries if not e.obsolete and ("fuzzy" in e.flags or not is_translated(e))]


def is_public(entry):
    return any(path.startswith(PUBLIC_SOURCES) for path, _ in entry.occurrences)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_exists_for_language(code):
    assert (LOCALE / code / "LC_MESSAGES" / "django.po").is_file()


@pytest.mark.parametrize("code", ["de", "en"])
def test_catalogue_complete_without_fuzzy_entries(code):
    assert incomplete(catalogue(code)) == []


@pytest.mark.parametrize("code", PUBLIC_SITE_LANGUAGES)
def test_catalogue_covers_public_site(code):
    public_entries = [entry for entry in catalogue(code) if is_public(entry)]

    assert incomplete(public_entries) == []


@pytest.mark.parametrize("code", PUBLIC_SITE_LANGUAGES)
def test_catalogue_covers_model_labels_shown_publicly(code):
    # Roles appear on the detail pages ("Mittelgeber: …"), kinds of
    # deadline in the facts; they are defined with the models.
    with override("de"):
        labels = {str(label) for _, label in [*Role.choices, *DeadlineKind.choices]}
    entries = [entry for entry in catalogue(code) if entry.msgid in labels]

    assert len(entries) == len(labels)
    assert incomplete(entries) == []


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_plural_forms_fit_language(code):
    po = catalogue(code)
    rule = polib.pofile(str(DJANGO_LOCALE / code / "LC_MESSAGES" / "django.po")).metadata["Plural-Forms"]
    nplurals = int(rule.split(";")[0].split("=")[1])

    assert po.metadata["Plural-Forms"] == rule
    assert [e.msgid for e in po if e.msgid_plural and len(e.msgstr_plural) != nplurals] == []


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_placeholders_match_source(code):
    # msgfmt --check compares python-format placeholders between msgid and
    # msgstr, as compilemessages does when it builds the .mo files.
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(LOCALE / code / "LC_MESSAGES" / "django.po")],
        capture_output=True,
        text=True,
    )

    assert (result.returncode, result.stderr) == (0, "")


def test_vocabulary_labels_list_every_label_of_vocabularies_json():
    data = read_vocabularies()
    keys = [*VOCABULARY_MODELS, "institution_roles", "regions"]

    assert {key: [item["label"] for item in data[key]] for key in keys} == LABELS


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_vocabulary_labels_translated_in_catalogue(code):
    labels = {label for group in LABELS.values() for label in group}
    entries = {entry.msgid: entry for entry in catalogue(code)}

    assert sorted(labels - set(entries)) == []
    assert incomplete(entries[label] for label in sorted(labels)) == []


def test_vocab_label_translates_to_active_language():
    area = IntegrationArea(code="sport-bewegung", label="Sport und Bewegung")

    with override("en"):
        english = vocab_label(area)
    with override("de"):
        german = vocab_label(area)

    assert (english, german) == ("Sport and exercise", "Sport und Bewegung")


def test_vocab_label_keeps_unknown_label_in_german():
    with override("en"):
        assert vocab_label("Ein neuer Bereich der Redaktion") == "Ein neuer Bereich der Redaktion"
