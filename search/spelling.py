"""Typo tolerance: "Migrationsberetung" → "Meinten Sie Migrationsberatung?".

When a query finds nothing, each query word of MIN_CORRECTABLE_LENGTH or
more letters that matches no indexed word is compared with the vocabulary of
indexed words (`Term`), in two steps, the same on both engines so that both
correct the same way:

1. One edit: every spelling one edit away (a letter wrong, missing, extra,
   or two letters swapped) is looked up in one indexed query; the candidate
   found in the most documents wins.
2. Trigrams, for words further off ("Migrazionsberetung"): the indexed
   words most similar by pg_trgm's measure (shared trigrams of the padded
   word over all of them) of at least TRIGRAM_THRESHOLD, that share a
   trigram of the word's own letters. PostgreSQL finds them with `pg_trgm`
   and a trigram GIN index, SQLite with an FTS5 table of the words using
   the `trigram` tokenizer; the similarity is computed here for both.
"""

from string import ascii_lowercase

from django.db import connection

from .fulltext import fetch, fts5_external_content
from .models import Term
from .text import MIN_CORRECTABLE_LENGTH, fold, stem

MAX_CORRECTED_WORDS = 4
TRIGRAM_THRESHOLD = 0.4
# PostgreSQL compares in single precision: ask for a little less, decide here.
PG_TRIGRAM_THRESHOLD = TRIGRAM_THRESHOLD - 0.01

SQLITE_INSTALL, SQLITE_UNINSTALL = fts5_external_content(
    "search_trigrams", "search_term", "id", ("stem",), "trigram", watch_all_columns=False
)
POSTGRES_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_term_trigrams ON search_term USING gin (stem gin_trgm_ops)",
]
POSTGRES_UNINSTALL = ["DROP INDEX IF EXISTS search_term_trigrams"]


def install(schema_editor):
    """Create the trigram index of the indexed words (migration 0005)."""
    statements = {"sqlite": SQLITE_INSTALL, "postgresql": POSTGRES_INSTALL}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def uninstall(schema_editor):
    statements = {"sqlite": SQLITE_UNINSTALL, "postgresql": POSTGRES_UNINSTALL}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


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


def _one_edit_away(unknown):
    """{wrong stem: Term} for the words with an indexed word one edit away."""
    candidates = {term.stem: {stem(e) for e in edits(fold(term.surface))} for term in unknown}
    wanted = set().union(*candidates.values())
    found = {t.stem: t for t in Term.objects.filter(stem__in=wanted)}
    result = {}
    for term in unknown:
        best = sorted(
            (found[c] for c in candidates[term.stem] if c in found), key=lambda t: (-t.documents, t.stem)
        )
        if best:
            result[term.stem] = best[0]
    return result


def trigrams(word):
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """pg_trgm's similarity(): shared trigrams over all trigrams of both."""
    ours, theirs = trigrams(a), trigrams(b)
    return len(ours & theirs) / len(ours | theirs)


def _sharing_a_trigram(word):
    """(stem, display, documents) of the indexed words that may be similar to `word`."""
    if connection.vendor == "postgresql":
        sql = "SELECT stem, display, documents FROM search_term WHERE stem %% %s"
        return fetch(sql, [word], settings={"pg_trgm.similarity_threshold": str(PG_TRIGRAM_THRESHOLD)})
    inner = " OR ".join(f'"{t}"' for t in sorted(trigrams(word)) if " " not in t)
    sql = (
        "SELECT t.stem, t.display, t.documents FROM search_trigrams "
        "JOIN search_term t ON t.id = search_trigrams.rowid WHERE search_trigrams MATCH %s"
    )
    return fetch(sql, [inner])


def _most_similar(word):
    """The indexed word most similar to `word` by trigrams (ties: in more
    documents), or None. Both engines keep only the words that share a
    trigram of the word's own letters (SQLite finds no other)."""
    own = {t for t in trigrams(word) if " " not in t}
    scored = [
        (similarity(word, found), documents, found, display)
        for found, display, documents in _sharing_a_trigram(word)
        if own & trigrams(found)
    ]
    close = [row for row in scored if row[0] >= TRIGRAM_THRESHOLD]
    if not close:
        return None
    _similarity, documents, found, display = min(close, key=lambda row: (-row[0], -row[1], row[2]))
    return Term(stem=found, display=display, documents=documents)


def corrections(text_query):
    """{wrong stem: (right stem, display)} for the query's unknown words;
    empty when nothing can be corrected."""
    unknown = _unknown(text_query.positive_terms())
    if not unknown:
        return {}
    found = _one_edit_away(unknown)
    for term in unknown:
        if term.stem not in found and (similar := _most_similar(term.stem)):
            found[term.stem] = similar
    return {wrong: (right.stem, right.display) for wrong, right in found.items()}
