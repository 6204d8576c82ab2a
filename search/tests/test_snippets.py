"""Snippets mark exactly what the analyser matched, and nothing else is HTML."""

from catalogue.models import Programme
from search.snippets import highlight, plain, snippet
from search.text import TextQuery


def test_snippet_marks_inflected_and_transliterated_matches():
    programme = Programme(description="Wir fördern Förderungen & <b>Vereine</b>.")

    html = snippet(programme, TextQuery.parse("foerderung verein"))

    assert html == "Wir fördern <mark>Förderungen</mark> &amp; &lt;b&gt;<mark>Vereine</mark>&lt;/b&gt;."


def test_snippet_marks_every_alternative_but_not_the_or():
    programme = Programme(description="Kurse für Kinder oder Eltern und Jugendliche.")

    html = snippet(programme, TextQuery.parse("Kinder oder Jugendliche"))

    assert html == "Kurse für <mark>Kinder</mark> oder Eltern und <mark>Jugendliche</mark>."


def test_snippet_starts_near_the_first_match_and_says_it_is_cut():
    programme = Programme(
        description=" ".join(["Vorwort"] * 40) + " Hier geht es um Einbürgerung. " + "Ende " * 60
    )

    html = snippet(programme, TextQuery.parse("Einbürgerung"))

    assert html.startswith("… ")
    assert "<mark>Einbürgerung</mark>" in html
    assert html.endswith(" …")
    assert len(html) < 300


def test_snippet_without_query_is_the_plain_beginning():
    programme = Programme(description="## Ziel\n\n- **Sprachkurse** für [Frauen](https://example.org)")

    assert snippet(programme) == "Ziel Sprachkurse für Frauen"


def test_plain_keeps_the_gender_star():
    assert plain("*Migrant*innen* und __Vereine__") == "Migrant*innen und Vereine"


def test_highlight_marks_title_words():
    assert (
        highlight("Sprachkurse für Frauen", TextQuery.parse("sprachk"))
        == "<mark>Sprachkurse</mark> für Frauen"
    )
