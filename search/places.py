"""Place names in the query text: "Sprachcafé in Osnabrück" searches
"Sprachcafé" in the Fördergebiet Osnabrück.

Seekers type where they are; no entry has "Osnabrück" in its text when its
Fördergebiet is the district or the whole state, so the words found nothing.
A word naming a district or district-free city of the region vocabulary —
folded and stemmed like every query word, so "Goettingen", "Göttinger" and
"Osnabrücks" count — becomes the region filter (containment, as if chosen in
the facet); a preposition or "Landkreis"/"Stadt" right before it goes with
it. Only districts and cities (AGS codes), never "EU-weit", "Bundesweit" or
"Niedersachsen": those are words of many titles. A query with quotes or
excluded words is left alone (the user wrote a syntax, not a place), and
`exact=1` turns the detection off.

    detect("Sprachcafé in Osnabrück", regions)
    → Place(words="in Osnabrück", codes=("03404", "03459"), rest="Sprachcafé")
"""

import re
from dataclasses import dataclass

from .text import analyse

# Words that may stand before a place name and go with it.
LEAD_WORDS = frozenset(
    {"in", "im", "aus", "bei", "fur", "fuer", "um", "rund", "landkreis", "kreis", "lk", "stadt", "region"}
)
# Names that are everyday words, too ("leer" = empty): a place only after a lead word ("in Leer").
EVERYDAY_WORDS = frozenset({"leer", "grafschaft"})
# Parts of labels that are not the place's name.
LABEL_NOISE = re.compile(r"^(Landkreis|Stadt|Region)\s+|\s*\(.*?\)|/.*$")
PART = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class Place:
    words: str  # as typed, e.g. "in Osnabrück"
    codes: tuple  # region codes, e.g. ("03404", "03459")
    rest: str  # the query without them


def _key(word):
    return analyse(word.strip(".,;:!?()"))


def place_names(regions):
    """{stem: (codes…)} for every district and city: "osnabruck" →
    ("03404", "03459"); both halves of "Hameln-Pyrmont" name it."""
    names = {}
    for option in regions:
        if not option.code.isdigit():
            continue
        name = LABEL_NOISE.sub("", option.label)
        for part in PART.split(name):
            if len(part) >= 4:
                names.setdefault(_key(part), []).append(option.code)
    return {key: tuple(codes) for key, codes in names.items()}


def detect(query, regions):
    """The Place named in `query`, or None."""
    if not query or '"' in query or "„" in query or any(w.startswith("-") for w in query.split()):
        return None
    names = place_names(regions)
    words = query.split()
    found, codes = set(), []
    for i, word in enumerate(words):
        key = _key(word)
        if key in EVERYDAY_WORDS and not (i and _key(words[i - 1]) in LEAD_WORDS):
            continue
        for code in names.get(key, ()):
            found.add(i)
            codes.append(code)
    if not found:
        return None
    for i in sorted(found):  # "in", "Landkreis" … right before a place go with it
        j = i - 1
        while j >= 0 and j not in found and _key(words[j]) in LEAD_WORDS:
            found.add(j)
            j -= 1
    typed = " ".join(w for i, w in enumerate(words) if i in found)
    rest = " ".join(w for i, w in enumerate(words) if i not in found)
    return Place(typed, tuple(dict.fromkeys(codes)), rest)
