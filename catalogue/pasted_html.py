"""HTML pasted into a Markdown field, turned into Markdown: the text stays,
tags and comments go.

Editors paste from Word and web pages ("<!-- aus Word kopiert --><p>Die
Förderung …</p>"); the public pages render Markdown with raw HTML off, so
the tags would show as text. Only what CommonMark itself calls raw HTML is
converted (HTML blocks and inline tags), so `a < b`, `<https://…>` autolinks
and code spans stay as written.

    "<p>Die <b>Förderung</b></p><ul><li>eins</li></ul>"
    → "Die **Förderung**\\n\\n- eins"

Entities stay as they are (`&amp;` is Markdown too), script and style
elements go with their content, links keep their http(s)/mailto target.
"""

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

MAX_ROUNDS = 10  # removing a tag can join two halves into a new one: "<<b>i>"
CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)
BLOCKS = {"p", "div", "section", "article", "header", "footer", "table", "tr", "blockquote", "pre", "hr"}
SKIPPED = {"script", "style", "head", "title", "template", "noscript"}
EMPHASIS = {"strong": "**", "b": "**", "em": "*", "i": "*"}
LINK_SCHEMES = ("http://", "https://", "mailto:")
HTML_PARSER = MarkdownIt("commonmark", {"html": True})


class _Converter(HTMLParser):
    """Feeds of HTML → Markdown text. In block mode paragraphs, headings and
    list items become Markdown blocks; in inline mode (single tags inside a
    Markdown paragraph) only emphasis, links and line breaks are kept."""

    def __init__(self, *, block):
        super().__init__(convert_charrefs=False)
        self.block = block
        self.out = []
        self.lists = []  # per open list: None for <ul>, the next number for <ol>
        self.links = []  # per open <a>: its target or None
        self.skipping = 0
        self.in_pre = 0

    def take(self):
        text, self.out = "".join(self.out), []
        return text

    def _break(self, text="\n\n"):
        if self.block:
            self.out.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag in EMPHASIS:
            self.out.append(EMPHASIS[tag])
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            plain = href.lower().startswith(LINK_SCHEMES) and not any(c in href for c in " ()<>[]")
            self.links.append(href if plain else None)
            if self.links[-1]:
                self.out.append("[")
        elif tag == "br":
            self.out.append("\n")
        elif re.fullmatch(r"h[1-6]", tag):
            self._break()
            self._break("#" * int(tag[1]) + " ")
        else:
            self._block_start(tag)

    def _block_start(self, tag):
        if tag in ("ul", "ol"):
            if not self.lists:  # a nested list starts with its first item's line break
                self._break()
            self.lists.append(None if tag == "ul" else 1)
        elif tag == "li":
            self._break("\n" + "   " * max(len(self.lists) - 1, 0))
            number = self.lists[-1] if self.lists else None
            self._break("- " if number is None else f"{number}. ")
            if number is not None:
                self.lists[-1] += 1
        elif tag in BLOCKS:
            self.in_pre += tag == "pre"
            self._break()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in EMPHASIS:
            self.out.append(EMPHASIS[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.out.append(f"]({href})")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._break()
        elif tag in BLOCKS or re.fullmatch(r"h[1-6]", tag):
            self.in_pre -= tag == "pre" and self.in_pre > 0
            self._break()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.skipping:
            return
        if self.block and not self.in_pre:
            data = re.sub(r"\s+", " ", data)
            if not self.out or self.out[-1].endswith(("\n", " ")):
                data = data.lstrip()
        self.out.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    # Comments, <!DOCTYPE …>, <?xml …?> and Word's conditional comments say nothing.
    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def _tidy_blocks(text):
    """Blank lines between blocks, none at the ends, no trailing spaces."""
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _block_to_markdown(html):
    converter = _Converter(block=True)
    converter.feed(html)
    converter.close()
    return _tidy_blocks(converter.take())


def _replace_outside_code(segment, tag, replacement, start):
    """Replace the first `tag` at or after `start` that is not inside a
    `code span`; returns (segment, where the search goes on)."""
    code = [match.span() for match in CODE_SPAN.finditer(segment)]
    found = segment.find(tag, start)
    while found >= 0 and any(a <= found < b for a, b in code):
        found = segment.find(tag, found + 1)
    if found < 0:
        return segment, start
    return segment[:found] + replacement + segment[found + len(tag) :], found + len(replacement)


def _inline_to_markdown(segment, tags):
    converter, cursor = _Converter(block=False), 0
    for tag in tags:
        converter.feed(tag)
        segment, cursor = _replace_outside_code(segment, tag, converter.take(), cursor)
    return segment


def _convert_once(text):
    lines, changed = text.splitlines(keepends=True), False
    for token in HTML_PARSER.parse(text):
        start, end = token.map or (0, 0)
        if token.type == "html_block":
            markdown = _block_to_markdown("".join(lines[start:end]))
            lines[start:end] = [markdown + "\n\n" if markdown else ""] + [""] * (end - start - 1)
            changed = True
        elif token.type == "inline" and any(child.type == "html_inline" for child in token.children or []):
            tags = [child.content for child in token.children if child.type == "html_inline"]
            segment = _inline_to_markdown("".join(lines[start:end]), tags)
            lines[start:end] = [segment] + [""] * (end - start - 1)
            changed = True
    if not changed:
        return text
    return "".join(lines).strip("\n") + ("\n" if text.endswith("\n") else "")


def html_to_markdown(text):
    """Markdown source with raw HTML converted to Markdown; text without raw
    HTML comes back unchanged (the caller warns when it differs)."""
    for _ in range(MAX_ROUNDS):
        converted = _convert_once(text)
        if converted == text:
            return text
        text = converted
    return text
