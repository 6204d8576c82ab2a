"""A programme or funder page in the visitor's language: translated title
and "Kurz gesagt" where the entry has them, German text marked lang="de"
and announced by one line."""

import pytest

from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

TRANSLATIONS = {
    "uk": {"title": "Мовні курси для жінок", "summary": "Гроші для мовних курсів для жінок."},
    "de": {"summary": "Geld für Sprachkurse für Frauen."},
}


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="kurs", title="Sprachkurse für Frauen", translations=TRANSLATIONS)


def test_ukrainian_page_shows_title_and_summary_in_ukrainian(client, programme):
    html = client.get(f"/uk{programme.get_absolute_url()}").content.decode()

    assert '<h1 id="detail-title">Мовні курси для жінок</h1>' in html
    assert '<span lang="de" dir="ltr">Sprachkurse für Frauen</span>' in html
    assert "<p>Гроші для мовних курсів для жінок.</p>" in html
    assert '<p class="german-notice">' in html


def test_arabic_page_offers_the_german_summary_marked_german(client, programme):
    html = client.get(f"/ar{programme.get_absolute_url()}").content.decode()

    assert '<h1 id="detail-title" lang="de" dir="ltr">Sprachkurse für Frauen</h1>' in html
    assert '<p lang="de" dir="ltr">Geld für Sprachkurse für Frauen.</p>' in html
    assert '<p class="german-notice">' in html


def test_german_page_has_no_notice_but_the_plain_summary(client, programme):
    html = client.get(programme.get_absolute_url()).content.decode()

    assert "german-notice" not in html
    assert "Geld für Sprachkurse für Frauen." in html


def test_page_without_translations_still_says_the_rest_is_german(client):
    programme = ProgrammeFactory(slug="ohne", title="Ohne Übersetzung")

    html = client.get(f"/uk{programme.get_absolute_url()}").content.decode()

    assert "in-short" not in html
    assert '<p class="german-notice">' in html


def test_funder_page_shows_its_translation(client):
    foundation = {"en": {"title": "Foundation"}}
    institution = InstitutionFactory(slug="stiftung", name="Stiftung", translations=foundation)

    html = client.get(f"/en{institution.get_absolute_url()}").content.decode()

    assert '<h1 id="detail-title">Foundation</h1>' in html
