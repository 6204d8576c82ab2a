"""How the thesaurus compares words across languages: every word is folded
and stemmed lightly by the rules of its script, the same way for the
thesaurus's terms and for what a visitor types.

- Latin script (German, English, Turkish): the search's own analyser
  (`search.text.analyse`: case, accents, umlauts, one German ending).
- Cyrillic (Ukrainian, Russian): one common case or plural ending.
- Arabic script (Arabic, Farsi): letter variants unified, the article
  "ال" and one plural or feminine ending removed.

The stemming is deliberately light: the shipped terms list the common
inflected forms ("жінки; жінок"), the rules only catch the regular rest.
"""

import re
import unicodedata

from search.text import STOPWORDS, analyse, tokens

# Tried longest first; a stem keeps at least MIN_STEM letters.
CYRILLIC_ENDINGS = sorted(
    (
        "ями", "ами", "ого", "ому", "ими", "ыми", "ів", "ов", "ев", "ах", "ях", "ам", "ям", "ою", "ею",
        "ии", "іи", "ыи", "ои", "еи", "ая", "яя", "ое", "ее", "ые", "ие", "их", "ых", "ом", "ем",
        "і", "и", "ы", "а", "я", "у", "ю", "е", "о", "ь",
    ),
    key=len,
    reverse=True,
)  # fmt: skip
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال")
ARABIC_SUFFIXES = ("ات", "ون", "ين", "ها", "ه")
ARABIC_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه"})
MIN_STEM = 3
MIN_ARABIC_STEM = 2

# Words that carry no meaning of their own in a query, per language besides
# German (the search knows those): left out when the rest names concepts.
# fmt: off
FOREIGN_STOPWORDS = frozenset({
    "for", "and", "with", "the", "of", "to", "a", "an", "in", "on", "my", "our",
    "için", "ve", "ile", "bir", "icin",
    "для", "і", "та", "з", "в", "у", "на", "по", "и", "с", "о", "про", "від", "от",
    "في", "من", "ل", "و", "مع", "على", "عن", "الى", "إلى",
    "برای", "با", "در", "به", "از", "را",
})
# fmt: on
SCRIPT = re.compile(r"(?P<cyrillic>[\u0400-\u04ff])|(?P<arabic>[\u0600-\u06ff])")


def _fold(word):
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _cyrillic(word):
    for ending in CYRILLIC_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return word


def _arabic(word):
    word = word.translate(ARABIC_LETTERS)
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            word = word[len(prefix) :]
            break
    for suffix in ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_ARABIC_STEM:
            return word[: -len(suffix)]
    return word


def key(word):
    """The form under which a word is compared: 'Курсів' → 'курс',
    'اللغة' → 'لغ', 'Flüchtlinge' → 'fluchtling'."""
    script = SCRIPT.search(word)
    if script is None:
        return analyse(word)
    folded = _fold(word)
    return _cyrillic(folded) if script.lastgroup == "cyrillic" else _arabic(folded)


def meaningful(surface):
    """Whether a word counts for matching (not a stopword in any language)."""
    return analyse(surface) not in STOPWORDS and _fold(surface) not in FOREIGN_STOPWORDS


def phrase_key(text):
    """The keys of a term's meaningful words: 'Menschen mit Fluchtgeschichte'
    → ('mensch', 'fluchtgeschicht')."""
    return tuple(key(t.surface) for t in tokens(text, joined_only=True) if meaningful(t.surface))
