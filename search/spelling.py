"""Typo tolerance: "Migrationsberetung" → "Meinten Sie Migrationsberatung?".

When a query finds nothing, each query word of MIN_CORRECTABLE_LENGTH or
more letters that matches no indexed word is compared with the vocabulary of
indexed words (`Term`): every spelling one edit away (a letter wrong,
missing, extra, or two letters swapped) is looked up in one indexed query,
and the candidate found in the most documents wins. The same lookup runs on
both engines, so both correct the same way.
"""

from string import ascii_lowercase

from .models import Term
from .text import MIN_CORRECTABLE_LENGTH, fold, stem

MAX_CORRECTED_WORDS = 4


def edits(word):
    """Every string one edit away from `word` (a–z alphabet: words are folded)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in ascii_lowercase if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in ascii_lowercase]
    return set(deletes + swaps + replaces + inserts) - {word}


def _unknown(terms):
    """The long query words that match no indexed word, even as a prefix."""
    long_words = [
        t
        for t in terms
        if len(fold(t.surface)) >= MIN_CORRECTABLE_LENGTH and t.stem.isascii() and t.stem.isalpha()
    ]
    unknown = [t for t in long_words if not Term.objects.filter(stem__startswith=t.stem).exists()]
    return unknown[:MAX_CORRECTED_WORDS]


def corrections(text_query):
    """{wrong stem: (right stem, display)} for the query's unknown words;
    empty when nothing can be corrected."""
    terms = list(text_query.required) + [t for phrase in text_query.phrases for t in phrase]
    unknown = _unknown(terms)
    if not unknown:
        return {}
    candidates = {term.stem: {stem(e) for e in edits(fold(term.surface))} for term in unknown}
    wanted = set().union(*candidates.values())
    found = {t.stem: t for t in Term.objects.filter(stem__in=wanted)}
    result = {}
    for term in unknown:
        best = sorted(
            (found[c] for c in candidates[term.stem] if c in found), key=lambda t: (-t.documents, t.stem)
        )
        if best:
            result[term.stem] = (best[0].stem, best[0].display)
    return result
