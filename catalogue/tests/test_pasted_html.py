"""HTML pasted into Markdown fields becomes Markdown: the text stays, tags
and comments go (reproduction 5 of issue 15 at the function's level)."""

import pytest

from catalogue.markdown import render_markdown
from catalogue.pasted_html import html_to_markdown


@pytest.mark.parametrize(
    ("pasted", "markdown"),
    [
        ("<p>Die Förderung unterstützt Vereine.</p>", "Die Förderung unterstützt Vereine."),
        ("<div>Antrag\nformlos</div>", "Antrag formlos"),
        (
            "<!-- aus Word kopiert -->\n<p>Die Förderung</p>\n<p>Zweiter &amp; letzter Absatz</p>",
            "Die Förderung\n\nZweiter &amp; letzter Absatz",
        ),
        ("<!-- aus Word kopiert --><p>Die Förderung</p>", "Die Förderung"),
        ("<h2>Ziele</h2><p>Teilhabe<br>Vielfalt</p>", "## Ziele\n\nTeilhabe\nVielfalt"),
        ("<ul><li>eins</li><li>zwei<ul><li>drei</li></ul></li></ul>", "- eins\n- zwei\n   - drei"),
        ("<ol><li>Antrag</li><li>Bescheid</li></ol>", "1. Antrag\n2. Bescheid"),
        (
            '<p>Siehe <a href="https://example.org/r">Richtlinie</a>, <a href="javascript:x">hier</a></p>',
            "Siehe [Richtlinie](https://example.org/r), hier",
        ),
        ("Wir <b>fördern</b> und <i>begleiten</i>.\n", "Wir **fördern** und *begleiten*.\n"),
        ("Vorher\n\n<div>\n<script>alert(1)</script>\n</div>\n\nNachher\n", "Vorher\n\n\nNachher\n"),
    ],
)
def test_pasted_html_becomes_markdown_keeping_the_text(pasted, markdown):
    assert html_to_markdown(pasted) == markdown


def test_pasted_html_keeps_code_spans_autolinks_and_comparisons():
    text = "`<b>` <b>x</b> <https://example.org> a < b\n"

    assert html_to_markdown(text) == "`<b>` **x** <https://example.org> a < b\n"


def test_pasted_html_rejoined_tags_leave_no_html():
    converted = html_to_markdown("a <<b>i>x</i>")

    assert render_markdown(converted) == "<p>a &lt;*<em>i&gt;x</em></p>\n"


@pytest.mark.parametrize(
    "text",
    ["## Ziele\n\n- eins\n- zwei\n\n> Zitat mit **fett**\n", "Zeile mit Umbruch  \nweiter", "", "a < b > c"],
)
def test_plain_markdown_is_left_as_it_is(text):
    assert html_to_markdown(text) == text


def test_converted_markdown_is_stable():
    once = html_to_markdown("<!-- Word --><p>Die <b>Förderung</b></p><ul><li>a</li></ul>")

    assert html_to_markdown(once) == once
