"""SQLite full text from the phrases of a query, each kept in memory.

SQLite's bm25 (fts5_aux.c) adds up one term per phrase of the query, and a
phrase's term depends only on the phrase and the document (how often and
in which columns the document holds it, the document's length, how many
documents hold it). So the matches and scores of a query follow from those
of its phrases: the parts' documents combined with AND (OR for `any_word`),
each document's score the sum of its phrases' scores, added in the order
of the phrases as SQLite adds them — the same doubles to the last bit
(`search/tests/test_kept_phrases.py` holds the two equal).

What makes this worth it: distinct searches are made of few phrases. 1,066
distinct searches of the bench mix hold 8,125 phrases, 788 of them
different (the thesaurus adds the same alternatives to the same words), and
the full-text statement was the largest part of a search page. Each
phrase's documents and scores are kept per index version (a write makes a
new version, and nothing of an older one is read again), at most
KEPT_BYTES per process, the least recently used going first.

Up to KEPT_UP_TO_DOCUMENTS only: a phrase read alone costs about what its
rows cost, and in a large catalogue a common word's rows are many (at
100,000 documents "verein"* alone took 173 ms, the query with its four
thesaurus phrases 201 ms), and few of them fit in KEPT_BYTES. There the
one statement stays.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from pyroaring import BitMap

from . import fulltext, reading, snapshot

KEPT_BYTES = 48 * 2**20
KEPT_UP_TO_DOCUMENTS = 25_000
_kept = OrderedDict()  # {(database alias, index version, phrase): _Phrase}
_kept_bytes = 0
# `make run` serves requests in threads; they share what is kept.
_lock = threading.Lock()


@dataclass(frozen=True)
class _Phrase:
    ids: np.ndarray  # the documents holding the phrase, ascending
    scores: np.ndarray  # the phrase's bm25 term for each of them
    documents: BitMap  # the same ids, for combining parts
    size: int  # bytes, as counted against KEPT_BYTES


def pays_off(version):
    """Whether the index of `version` is small enough for kept phrases."""
    size = snapshot.kept_size(version)
    return size is not None and size <= KEPT_UP_TO_DOCUMENTS


def forget():
    global _kept_bytes
    with _lock:
        _kept.clear()
        _kept_bytes = 0


def _read(phrase):
    rows = fulltext.fetch(
        f"SELECT rowid, -bm25(search_fts, {fulltext.FTS5_WEIGHTS}) FROM search_fts "
        "WHERE search_fts MATCH %s ORDER BY rowid",
        [phrase],
    )
    ids = np.fromiter((row[0] for row in rows), dtype=np.uint32, count=len(rows))
    scores = np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows))
    documents = BitMap(ids.tolist())
    containers = documents.get_statistics()
    bitmap = sum(containers[f"n_bytes_{kind}_containers"] for kind in ("array", "run", "bitset"))
    return _Phrase(ids, scores, documents, ids.nbytes + scores.nbytes + bitmap)


def _keep(key, phrase):
    global _kept_bytes
    with _lock:
        if key in _kept:
            return
        _kept[key] = phrase
        _kept_bytes += phrase.size
        while _kept_bytes > KEPT_BYTES and _kept:
            _key, oldest = _kept.popitem(last=False)
            _kept_bytes -= oldest.size


def _phrase(phrase, version):
    key = (reading.database().alias, version, phrase)
    with _lock:
        kept = _kept.get(key)
        if kept is not None:
            _kept.move_to_end(key)
            return kept
    kept = _read(phrase)
    _keep(key, kept)
    return kept


def _any_of(phrases):
    """The documents holding any of `phrases` (a new bitmap)."""
    first, *rest = [phrase.documents for phrase in phrases]
    return first.union(*rest)


def _scores(phrases, ids):
    """{id: score} of the documents `ids`: the terms of `phrases` (in the
    query's order) added up."""
    matched = np.array(ids.to_array(), dtype=np.uint32)
    total = np.zeros(len(matched))
    for phrase in phrases:
        if not len(phrase.ids):
            continue
        place = np.minimum(np.searchsorted(phrase.ids, matched), len(phrase.ids) - 1)
        holds = phrase.ids[place] == matched
        total[holds] += phrase.scores[place[holds]]
    return dict(zip(matched.tolist(), total.tolist(), strict=True))


def rows(text_query, scored, version):
    """(ids, scores) of the documents matching `text_query` (with positive
    words), as `search.fulltext` reads them from one statement, for index
    version `version`."""
    parts = fulltext.fts5_parts(text_query)
    kept = {phrase: _phrase(phrase, version) for part in parts for phrase in part}
    first, *rest = [_any_of([kept[phrase] for phrase in part]) for part in parts]
    ids = first.union(*rest) if text_query.any_word else first.intersection(*rest)
    if text_query.excluded:
        ids -= _any_of([_phrase(fulltext._fts_term(term), version) for term in text_query.excluded])
    if not scored:
        return ids, {}
    return ids, _scores([kept[phrase] for part in parts for phrase in part], ids)
