"""Result snippets: a short passage of an entry's text with the words that
matched the query marked, e.g. "… unterstützt <mark>Sprachkurse</mark> für …".

The words are found with the search analyser (`search.text`), so a snippet
marks exactly what the engine matched: "Förderungen" for the query
"foerderung". Works the same on both engines; the text is escaped first, the
only HTML is our <mark>.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .text import MIN_PREFIX_LENGTH, tokens

LENGTH = 220
CONTEXT_BEFORE = 60
# A word as written, gender forms and hyphenated compounds included.
_PART = r"[^\W_]+(?:[*:_/·](?=in)[^\W_]+)?"
WORD = re.compile(rf"{_PART}(?:[-‐‑]{_PART})*")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
BLOCK_MARK = re.compile(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+", re.M)
# Emphasis markers, but not the gender star between letters ("Migrant*innen").
EMPHASIS = re.compile(r"\*\*|__|`|(?<![^\W_])\*|\*(?![^\W_])")


@lru_cache(maxsize=4096)
def _plain(markdown):
    text = EMPHASIS.sub("", BLOCK_MARK.sub("", LINK.sub(r"\1", markdown)))
    return " ".join(text.split())


def plain(markdown):
    """Markdown as one line of plain text. Kept for the texts seen last:
    distinct searches show the same entries again and again."""
    return _plain(markdown or "")


SOURCES = ("description", "goals", "eligible_text", "amount_text", "own_contribution_text", "deadline_note")


def _sources(entry):
    """The entry's texts as plain lines, each made when the search for a
    matched word reaches it (most snippets come from the first)."""
    return (plain(getattr(entry, name)) for name in SOURCES if getattr(entry, name, ""))


@lru_cache(maxsize=20000)
def _stems(word):
    return tuple(token.stem for token in tokens(word))


@lru_cache(maxsize=64)  # each remembers the words it has seen
def _matcher(stems):
    """word → whether it matches a query stem (exactly, or as a prefix), for
    a frozenset of stems; each word is analysed once per query ("und" comes
    back in every text)."""
    exact = tuple(s for s in stems if len(s) < MIN_PREFIX_LENGTH)
    prefixes = tuple(s for s in stems if len(s) >= MIN_PREFIX_LENGTH)
    seen = {}

    def matches(word):
        found = seen.get(word)
        if found is None:
            found = seen[word] = any(stem in exact or stem.startswith(prefixes) for stem in _stems(word))
        return found

    return matches


def _nothing(word):
    return False


def _window(text, position):
    """(start, end) of about LENGTH characters around `position`, on word boundaries."""
    start = 0
    if position > CONTEXT_BEFORE:
        space = text.find(" ", position - CONTEXT_BEFORE)
        start = space + 1 if 0 <= space < position else position
    end = len(text)
    if end - start > LENGTH:
        space = text.rfind(" ", start, start + LENGTH)
        end = space if space > start else start + LENGTH
    return start, end


def _render(text, start, end, matches):
    pieces, cursor = [], start
    if matches is not _nothing:
        for word in WORD.finditer(text, start, end):
            if matches(word.group()):
                pieces += [escape(text[cursor : word.start()]), "<mark>", escape(word.group()), "</mark>"]
                cursor = word.end()
    pieces.append(escape(text[cursor:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)


def snippet(entry, text_query=None):
    """Safe HTML: the first passage of the entry's text that matched, or the
    beginning of its description."""
    stems = text_query.stems() if text_query else set()
    matches = _matcher(frozenset(stems)) if stems else _nothing
    first = None
    for text in _sources(entry):
        first = text if first is None else first
        if not stems:
            break
        for word in WORD.finditer(text):
            if matches(word.group()):
                return _render(text, *_window(text, word.start()), matches)
    if first is None:
        return mark_safe("")
    return _render(first, *_window(first, 0), matches)


def highlight(text, text_query=None):
    """Safe HTML: the whole `text` (a title) with the matched words marked."""
    stems = text_query.stems() if text_query else set()
    return _render(text, 0, len(text), _matcher(frozenset(stems)) if stems else _nothing)
