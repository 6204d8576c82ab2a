"""Query expansion: a search in any language finds the German entries.

`expand(text_query)` looks up the query's words in the thesaurus, longest
run of words first ("мовні курси" before "курси"); each run that names a
concept becomes an alternative of the words as typed and the concept's
German terms, so "refugees" searches "refugees" or "Geflüchtete" or
"Flüchtlinge" …, and "Flüchtlinge" finds what "Geflüchtete" finds.

`match(text_query)` is `search.fulltext.match` that ranks the entries
matching the words as typed above those found only through the thesaurus.

The lookup table is built once per process; every `REFRESH_SECONDS` one
small query asks whether the thesaurus changed (the process that saved a
concept renews at once), so an editor's change reaches every worker within
a minute without a query per search.
"""

import time
from dataclasses import dataclass, field

from pyroaring import BitMap

from search import fulltext
from search.text import Term, TextQuery, tokens

from .analysis import key, meaningful, phrase_key

MAX_RUN = 5  # the longest term, in words
REFRESH_SECONDS = 60
# Above any score of the engines (their title bonus is 100).
EXACT_BONUS = 1000.0


@dataclass(frozen=True)
class Entry:
    """What a run of words leads to: concept ids, and per concept its German
    terms as tuples of Terms and its filter ("parameter", "code") or None."""

    concepts: tuple
    options: tuple
    filters: tuple
    german: bool = False  # the run is a German term: typed as the catalogue writes it


@dataclass
class _Table:
    lookup: dict = field(default_factory=dict)
    built: float = 0.0  # when the version was last compared
    version: tuple | None = None  # (concepts, last change) the lookup was built from


_table = _Table()


def clear():
    _table.built, _table.version = 0.0, None


def _german_options(concept):
    return tuple(
        tuple(Term(t.stem, t.surface) for t in tokens(term, joined_only=True)) for term in concept.terms("de")
    )


def _build():
    from .models import LANGUAGES, Concept

    runs, german = {}, set()
    for concept in Concept.objects.all():
        options, pair = _german_options(concept), concept.filter_pair()
        for language in LANGUAGES:
            for term in concept.terms(language):
                run = phrase_key(term)
                if run and len(run) <= MAX_RUN:
                    runs.setdefault(run, {})[concept.pk] = (options, pair)
                    german |= {run} if language == "de" else set()
    return {
        run: Entry(
            tuple(found),
            tuple(o for options, _p in found.values() for o in options if o),
            tuple(p for _o, p in found.values() if p),
            run in german,
        )
        for run, found in runs.items()
    }


def _version():
    from django.db.models import Count, Max

    from .models import Concept

    found = Concept.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    return found["count"], found["changed"]


def lookup():
    """{run of keys: Entry}. Every REFRESH_SECONDS one small query asks
    whether the thesaurus changed; only then is the table built anew
    (reading every concept takes most of a second)."""
    if _table.built and time.monotonic() - _table.built <= REFRESH_SECONDS:
        return _table.lookup
    version = _version()
    if version != _table.version:
        _table.lookup, _table.version = _build(), version
    _table.built = time.monotonic()
    return _table.lookup


@dataclass(frozen=True)
class ExpandedQuery(TextQuery):
    """A TextQuery whose words named thesaurus concepts: `original` is the
    query as typed, `entries` what its words led to."""

    original: TextQuery | None = None
    entries: tuple = ()

    def positive_terms(self):
        """The words as typed: only they may be spelling-corrected."""
        return self.original.positive_terms()

    def stems(self):
        """Every stem to highlight, the German terms found too."""
        return {t.stem for t in TextQuery.positive_terms(self)}

    def corrected(self, corrections):
        return expand(self.original.corrected(corrections))


def _runs(terms, table):
    """[(terms of a run, Entry or None)] over the query's words, longest runs first."""
    found, i = [], 0
    while i < len(terms):
        for n in range(min(MAX_RUN, len(terms) - i), 0, -1):
            entry = table.get(tuple(key(t.surface) for t in terms[i : i + n]))
            # German words of several terms keep their meaning as typed (all
            # of them, anywhere), as before the thesaurus; each may expand alone.
            if entry and not (n > 1 and entry.german):
                found.append((terms[i : i + n], entry))
                i += n
                break
        else:
            found.append((terms[i : i + 1], None))
            i += 1
    return found


def _group(typed, entry):
    """The words as typed, then each German term not the same as them."""
    options = [tuple(typed)]
    for option in entry.options:
        if option not in options and tuple(t.stem for t in option) != tuple(t.stem for t in typed):
            options.append(option)
    return tuple(options)


def _expanded_alternatives(alternatives, table):
    """The query's own alternatives ("Sport oder Quartier"), each option
    that names a concept joined by the concept's German terms."""
    expanded, named = [], []
    for group in alternatives:
        options = list(group)
        for option in group:
            entry = table.get(tuple(key(t.surface) for t in option if meaningful(t.surface)))
            if entry:
                named.append(entry)
                options += [o for o in _group(option, entry) if o not in options]
        expanded.append(tuple(options))
    return tuple(expanded), named


def expand(text_query):
    """The query with every run of words that names a concept replaced by
    the alternative of it and the concept's German terms; unchanged (the
    same object) when no word names one."""
    if not text_query or isinstance(text_query, ExpandedQuery):
        return text_query
    table = lookup()
    words = [t for t in text_query.required if meaningful(t.surface)]
    runs = _runs(words, table)
    alternatives, named = _expanded_alternatives(text_query.alternatives, table)
    entries = (*(entry for _terms, entry in runs if entry), *named)
    if not entries:
        return text_query
    rest = tuple(terms[0] for terms, entry in runs if entry is None)
    groups = tuple(_group(terms, entry) for terms, entry in runs if entry)
    return ExpandedQuery(
        required=rest,
        phrases=text_query.phrases,
        excluded=text_query.excluded,
        sequence=text_query.sequence if rest else (),  # the phrase bonus needs a required word
        any_word=text_query.any_word,
        alternatives=(*alternatives, *groups),
        original=text_query,
        entries=entries,
    )


def filters_named(text_query):
    """The search filters ("parameter", "code") the query's words name, in order."""
    expanded = expand(text_query)
    pairs = [pair for entry in getattr(expanded, "entries", ()) for pair in entry.filters]
    return list(dict.fromkeys(pairs))


@dataclass
class ExactFirst(fulltext.Matches):
    """Matches whose entries with the words as typed (`exact`) rank above
    those found only through the thesaurus."""

    exact: BitMap = field(default_factory=BitMap)
    boosted: BitMap = field(default_factory=BitMap)
    typed: TextQuery | None = None
    # Ranked by the match itself: on PostgreSQL those with a query word in the title.
    titled: BitMap = field(default_factory=BitMap)

    def ranking(self, documents, expired, wanted):
        # PostgreSQL ranks the matches outside the title later (ADR 0003);
        # exact ones by the words as typed, so that their own order is the
        # one the search had before the thesaurus. Every exact match ranks
        # above those found only through the thesaurus, but below an exact
        # one with a query word in its title (TITLE_BONUS): when these fill
        # the page, the others are not ranked (for a word in most entries,
        # that was every entry, 0.2-0.4 s at 100,000).
        exact = documents & self.exact
        unranked_exact = exact - self.ranked
        if unranked_exact and len((exact & self.titled) - expired) < wanted:
            by_typed = fulltext.Matches(self.typed, unranked_exact)
            by_typed._rank(unranked_exact)
            self.scores.update(by_typed.scores)
            self.ranked |= unranked_exact
        scores = super().ranking(documents, expired, wanted)
        for document in (self.exact & self.ranked) - self.boosted:
            scores[document] = scores.get(document, 0.0) + EXACT_BONUS
            self.boosted.add(document)
        return scores


def match(text_query, *, scored=True, version=None):
    """`search.fulltext.match`, with entries matching the words as typed first."""
    matches = fulltext.match(text_query, scored=scored, version=version)
    original = getattr(text_query, "original", None)
    if not scored or original is None or not matches.ids:
        return matches
    typed = original.with_any_word() if text_query.any_word else original
    exact = (
        fulltext.match(typed, scored=False, version=version).ids & matches.ids if typed.positive else BitMap()
    )
    return ExactFirst(
        matches.text_query,
        matches.ids,
        matches.scores,
        matches.ranked,
        exact=exact,
        typed=typed,
        titled=BitMap(matches.ranked),
    )
