"""Jargon linked where it appears (issue 21): the first use of each glossary
term in an entry's German texts links to its explanation in the page's
language; never inside links, code or headings; what an entry says is
escaped as before."""

import pytest
from django.utils import translation
from django.utils.safestring import mark_safe

from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from public.glossary import link_terms

pytestmark = pytest.mark.django_db


def test_first_use_of_each_term_is_linked_once():
    html = link_terms("Der Eigenanteil beträgt 10 %. Den Eigenanteil und den Verwendungsnachweis prüfen wir.")

    assert html == (
        'Der <a href="/glossar/#eigenanteil" class="glossary-link">Eigenanteil</a> beträgt 10 %. '
        'Den Eigenanteil und den <a href="/glossar/#verwendungsnachweis" class="glossary-link">'
        "Verwendungsnachweis</a> prüfen wir."
    )


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Nur gemeinnützige Vereine", "gemeinnützige"),
        ("eine De-minimis-Beihilfe", "De-minimis-Beihilfe"),
        ("Ein vorzeitiger Maßnahmebeginn ist möglich", "vorzeitiger Maßnahmebeginn"),
        ("Fehlbedarfsfinanzierung als Zuwendung", "Fehlbedarfsfinanzierung"),
    ],
)
def test_terms_are_found_in_running_text(text, linked):
    assert f'class="glossary-link">{linked}</a>' in link_terms(text)


def test_a_term_inside_another_word_is_not_linked():
    assert "glossary-link" not in link_terms("Projektzuwendung und Antrags-Eigenanteil")


def test_links_code_and_headings_are_left_alone():
    # rendered Markdown: HTML we made and marked safe
    html = mark_safe(
        '<h2>Eigenanteil</h2><p><a href="https://x.example">Eigenanteil</a> <code>Eigenanteil</code></p>'
    )

    assert link_terms(html) == html


def test_plain_text_is_escaped_first():
    html = link_terms('<script>alert("Eigenanteil")</script>')

    assert "<script>" not in html
    assert html.startswith("&lt;script&gt;alert(&quot;")


def test_programme_page_links_jargon_in_the_visitors_language(client):
    programme = ProgrammeFactory(
        description="Ein **Eigenanteil** ist nicht nötig; der Verwendungsnachweis ist einfach.",
        eligible_text="Gemeinnützige Vereine",
    )

    html = client.get(f"/uk{programme.get_absolute_url()}").content.decode()

    assert '<a href="/uk/glossar/#verwendungsnachweis" class="glossary-link">Verwendungsnachweis</a>' in html
    assert '<a href="/uk/glossar/#gemeinnuetzigkeit" class="glossary-link">Gemeinnützige</a>' in html


def test_funder_page_links_jargon(client):
    institution = InstitutionFactory(description="Wir sind Mittelgeber für kleine Projekte.")

    with translation.override("de"):
        html = client.get(institution.get_absolute_url()).content.decode()

    assert '<a href="/glossar/#mittelgeber" class="glossary-link">Mittelgeber</a>' in html
