"""German-aware text analysis: the one analyser both engines share.

The index and every query go through the same functions here, so SQLite
(FTS5) and PostgreSQL (tsvector) see the same token streams and give the same
answers. Each word is

1. folded: case folded, accents removed, ß → ss, and the umlaut spellings
   ae/oe/ue → a/o/u ("Förderung", "Foerderung", "forderung" → "forderung");
2. stemmed lightly: one common German ending is stripped ("Förderungen" →
   "forderung", "Vereinen" → "verein", "Kindern" → "kind").

Queries then match every indexed word that *starts with* the stem of a query
word, so "Einbürgerung" finds "Einbürgerungslotsen".

Gender forms ("Migrant*innen", "Schüler:innen") are joined before analysis,
and hyphenated compounds are indexed as parts *and* joined ("Anti-Rassismus"
→ anti, rassismus, antirassismus).
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

# Words this long or longer are typo-corrected (issue: "a word of 6+ letters").
MIN_CORRECTABLE_LENGTH = 6
# Shorter query stems match exactly; a one- or two-letter prefix matches too much.
MIN_PREFIX_LENGTH = 3
MIN_STEM_LENGTH = 4
MAX_QUERY_WORDS = 12

# Left out of the required words of a query unless it has nothing else.
# fmt: off
STOPWORDS = frozenset({
    "aber", "alle", "als", "am", "an", "auch", "auf", "aus", "bei", "bis", "da", "das", "dass", "dem",
    "den", "der", "des", "die", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "es", "fur",
    "gegen", "im", "in", "ist", "mit", "nach", "nicht", "noch", "oder", "ohne", "sich", "sie", "sind",
    "so", "uber", "um", "und", "uns", "von", "vor", "wie", "wir", "zu", "zum", "zur",
})
# fmt: on
# Ending → letters that must precede it (None: any). After Lucene's German
# light stemmer (Savoy): a plural or genitive "s" follows a consonant but not
# r/s ("Vereins" → verein, but "Kurs", "Rassismus" stay); a lone "n" ends a
# plural after l, r or u ("Regeln", "Frauen").
SUFFIXES = (
    ("ern", None),
    ("en", None),
    ("er", None),
    ("es", None),
    ("em", None),
    ("e", None),
    ("n", "lru"),
    ("s", "bdfghklmnt"),
)

GENDER_MARK = re.compile(r"(?<=[^\W\d_])[*:_/·](?=in)")
WORD = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")
UMLAUT_SPELLING = re.compile(r"([aou])e")
URL = re.compile(r"https?://\S+|www\.\S+")
HYPHEN = re.compile(r"[-‐‑]")


def fold(word):
    """'Förderungen' → 'forderungen', 'Fuß' → 'fuss', 'Foerderung' → 'forderung'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return UMLAUT_SPELLING.sub(r"\1", plain)


def stem(word):
    """Strip one common German ending from a folded word; other scripts and
    words with digits stay as they are."""
    if not (word.isascii() and word.isalpha()):
        return word
    if word.endswith("ungen"):
        return word[:-2]
    for suffix, after in SUFFIXES:
        rest = word[: -len(suffix)]
        if word.endswith(suffix) and len(rest) >= MIN_STEM_LENGTH:
            word = rest if after is None or rest[-1] in after else word
            break
    # Adjectives of places and fields meet their noun: "ukrainische" and
    # "Ukraine" → ukrain, "politisch" → polit (a prefix of "politik").
    if word.endswith("isch") and len(word) - 4 >= MIN_STEM_LENGTH:
        return word[:-4]
    return word


@lru_cache(maxsize=200_000)
def analyse(word):
    """The stem of one word as written; cached, as a catalogue uses a few
    ten thousand distinct words millions of times."""
    return stem(fold(word))


class Token(NamedTuple):
    stem: str
    surface: str  # the word as written, e.g. "Förderungen"


def tokens(text, *, joined_only=False):
    """Analyse running text into Tokens, in order. A hyphenated compound
    gives its joined form first, then its parts (unless `joined_only`, as
    for queries: the joined form matches both spellings)."""
    text = GENDER_MARK.sub("", URL.sub(" ", text or ""))
    result = []
    for word in WORD.findall(text):
        if "-" not in word and "‐" not in word and "‑" not in word:
            result.append(Token(analyse(word), word))
            continue
        parts = HYPHEN.split(word)
        result.append(Token(analyse("".join(parts)), word))
        if not joined_only:
            result += [Token(analyse(part), part) for part in parts]
    return result


def index_text(text):
    """The analysed form stored in the index: stems separated by spaces."""
    return " ".join(t.stem for t in tokens(text))


def analyse_text(text, spellings):
    """index_text(text), noting in `spellings` the first way each stem is
    written ({"forderung": "Förderungen"}), in one pass."""
    found = tokens(text)
    for token in found:
        spellings.setdefault(token.stem, token.surface)
    return " ".join(t.stem for t in found)


def sort_key(text):
    """A title for A–Z sorting that puts "Ärzte" with the a's."""
    return " ".join(fold(w) for w in WORD.findall(text or ""))[:200]


@dataclass(frozen=True)
class Term:
    """One query word: its stem, as typed, and whether it matches as a prefix."""

    stem: str
    surface: str

    @property
    def prefix(self):
        return len(self.stem) >= MIN_PREFIX_LENGTH


# Between two words or phrases, the alternative of both (websearch syntax).
OR_WORDS = frozenset({"or", "oder"})
CHUNK = re.compile(r'-?"[^"]*"?|\S+')


def _chunks(q):
    """The query's chunks as (kind, terms), kind "word", "phrase", "not" or "or"."""
    for chunk in CHUNK.findall(q or ""):
        if chunk.casefold() in OR_WORDS:
            yield "or", ()
            continue
        negative = chunk.startswith("-") and len(chunk) > 1
        body = chunk[1:] if negative else chunk
        terms = tuple(Term(t.stem, t.surface) for t in tokens(body, joined_only=True))
        if terms:
            yield ("not" if negative else "phrase" if body.startswith('"') else "word"), terms


def _join_alternatives(chunks):
    """Chunks with "word or phrase or …" joined into one ("any", options)
    chunk; an "or" without a word or phrase on both sides is left out."""
    joined, after_or = [], False
    for kind, terms in chunks:
        if kind == "or":
            after_or = bool(joined) and joined[-1][0] != "not"
            continue
        if after_or and kind != "not":
            previous_kind, previous = joined.pop()
            options = previous if previous_kind == "any" else (previous,)
            joined.append(("any", (*options, terms)))
        else:
            joined.append((kind, terms))
        after_or = False
    return joined


@dataclass(frozen=True)
class TextQuery:
    """A parsed search: required words, quoted phrases, alternatives,
    excluded words — the syntax of PostgreSQL's `websearch_to_tsquery`,
    with "oder" besides "or".

    `TextQuery.parse('Sprachkurs "für Frauen" -Berlin')` →
    required=(sprachkurs), phrases=((fur, frau),), excluded=(berlin,).
    `TextQuery.parse('Sprachkurs Kinder oder "junge Menschen"')` →
    required=(sprachkurs), alternatives=(((kind,), (jung, mensch)),): each
    alternative is a group of options, each option a word or a phrase.
    `any_word` asks for entries with at least one required word or
    alternative (the fallback when no entry has all of them)."""

    required: tuple = ()
    phrases: tuple = ()
    excluded: tuple = ()
    sequence: tuple = ()  # every unquoted word in order, for the phrase bonus
    any_word: bool = False
    corrections: dict = field(default_factory=dict, compare=False)
    alternatives: tuple = ()

    @classmethod
    def parse(cls, q):
        phrases, excluded, sequence, alternatives = [], [], [], []
        for kind, terms in _join_alternatives(_chunks(q)):
            if kind == "not":
                excluded += terms
            elif kind == "phrase":
                phrases.append(terms)
            elif kind == "any":
                alternatives.append(terms)
            else:
                sequence += terms
        meaningful = [t for t in sequence if t.stem not in STOPWORDS]
        required = meaningful or sequence
        return cls(
            required=tuple(required[:MAX_QUERY_WORDS]),
            phrases=tuple(phrases[:MAX_QUERY_WORDS]),
            excluded=tuple(excluded[:MAX_QUERY_WORDS]),
            sequence=tuple(sequence[:MAX_QUERY_WORDS]),
            alternatives=tuple(group[:MAX_QUERY_WORDS] for group in alternatives[:MAX_QUERY_WORDS]),
        )

    @property
    def positive(self):
        return bool(self.required or self.phrases or self.alternatives)

    def __bool__(self):
        return self.positive or bool(self.excluded)

    def positive_terms(self):
        """Every word the entries must contain, in phrases and alternatives too."""
        in_phrases = [t for p in self.phrases for t in p]
        in_alternatives = [t for group in self.alternatives for option in group for t in option]
        return [*self.required, *in_phrases, *in_alternatives]

    def stems(self):
        """Every stem to highlight."""
        return {t.stem for t in self.positive_terms()}

    def with_any_word(self):
        return replace(self, phrases=(), sequence=(), any_word=True)

    def corrected(self, corrections):
        """The same query with some stems replaced: {old stem: (new stem, display)}."""

        def fix(term):
            if term.stem in corrections:
                return Term(corrections[term.stem][0], corrections[term.stem][1])
            return term

        def fix_all(terms):
            return tuple(fix(t) for t in terms)

        return replace(
            self,
            required=fix_all(self.required),
            phrases=tuple(fix_all(p) for p in self.phrases),
            sequence=fix_all(self.sequence),
            alternatives=tuple(tuple(fix_all(option) for option in group) for group in self.alternatives),
            corrections=corrections,
        )
