"""Markdown of descriptions and goals, rendered safely for the pages (raw
HTML in what editors paste is converted on input: `catalogue.pasted_html`).

Two layers, because either alone is one bug away from an XSS hole:
markdown-it-py (CommonMark, raw HTML off, so `<script>` comes out as text) and
nh3 on the result (a short allow-list of tags; links only http, https and
mailto, with rel="nofollow noopener").

Headings in content are renumbered to fit under the page's own outline: a
detail page has one <h1> (the title) and <h2> sections ("Beschreibung"), so the
highest heading level used in a text becomes <h3>, the next one <h4>, and so
on down to <h6>. "## Entstehung" therefore never becomes a second <h1>, and
no level is skipped.
"""

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

FIRST_CONTENT_LEVEL = 3
LAST_LEVEL = 6
ALLOWED_TAGS = {
    "p",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "code",
    "pre",
    "blockquote",
    "br",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
LINK_SCHEMES = ("http://", "https://", "mailto:")


CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
# The German gender star ("Migrant*innen") sits between two letters; CommonMark
# would pair two of them into emphasis across the words in between.
GENDER_STAR = re.compile(r"(?<=[^\W_])\*(?=[^\W_])")


def _escape_gender_stars(text):
    """Escape word-internal stars outside code spans so they stay stars."""
    parts, last = [], 0
    for match in CODE_SPAN.finditer(text):
        parts.append(GENDER_STAR.sub(r"\\*", text[last : match.start()]))
        parts.append(match.group(0))
        last = match.end()
    parts.append(GENDER_STAR.sub(r"\\*", text[last:]))
    return "".join(parts)


def _image_as_text(renderer, tokens, idx, options, env):
    """Images would be requests to third parties: show their alt text instead."""
    return escapeHtml(renderer.renderInlineAsText(tokens[idx].children, options, env))


@lru_cache(maxsize=2)
def _parser(html):
    md = MarkdownIt("commonmark", {"html": html})
    md.add_render_rule("image", _image_as_text)
    return md


def _keep_attribute(tag, attribute, value):
    """nh3 attribute filter: relative and exotic links are dropped, not just
    unknown schemes (ammonia would keep `/relative` and `#anchor`)."""
    if tag == "a" and attribute == "href" and not value.lower().startswith(LINK_SCHEMES):
        return None
    return value


def _shift_headings(tokens):
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    new_level = {
        level: f"h{min(FIRST_CONTENT_LEVEL + rank, LAST_LEVEL)}" for rank, level in enumerate(levels)
    }
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = new_level[int(token.tag[1])]


# A pure function of the text: a programme page renders its description
# twice (the page and its JSON-LD summary), and the editors' preview again.
@lru_cache(maxsize=256)
def render_markdown(text):
    """Markdown (CommonMark) → sanitised HTML fragment, e.g.
    "## Ziele\\n\\n- **mehr** Teilhabe" →
    "<h3>Ziele</h3>\\n<ul>\\n<li><strong>mehr</strong> Teilhabe</li>…"."""
    if not text:
        return ""
    md = _parser(html=False)
    tokens = md.parse(_escape_gender_stars(text))
    _shift_headings(tokens)
    html = md.renderer.render(tokens, md.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_keep_attribute,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
