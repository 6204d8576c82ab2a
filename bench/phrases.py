"""Kept phrases against the one statement (search.kept_phrases, ADR 0012):
for the text of `n` distinct searches (as typed, with the thesaurus, with
any of their words; ranked and not), the documents and scores both ways,
compared exactly, and the time per search each way, on the SQLite catalogue
of DATABASE_URL. The phrases are kept as a server keeps them, from the
first search on: the time of the kept phrases includes every first read.

    DATABASE_URL=sqlite:///bench/out/sqlite-10k-g1.db .venv/bin/python bench/phrases.py 1500

Prints one JSON object: comparisons, differences, ms per search each way,
phrases kept and their MiB.
"""

import json
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.django_setup import setup  # noqa: E402


def texts(n):
    """The positive text queries of the first `n` distinct searches, each
    as typed, with the thesaurus and with any of its words."""
    from bench.mix import distinct_searches
    from search.text import TextQuery
    from thesaurus.expansion import expand

    for query_string in distinct_searches(n):
        typed = TextQuery.parse(parse_qs(query_string).get("q", [""])[0])
        if not typed.positive:
            continue
        expanded = expand(typed)
        yield from (text for text in {typed, expanded, expanded.with_any_word()} if text.positive)


def one_statement(text, scored):
    from pyroaring import BitMap

    from search import fulltext

    sql, params = fulltext.matches(text, scored=scored)
    rows = fulltext.fetch(sql, params)
    return BitMap(doc_id for doc_id, _score in rows), dict(rows) if scored else {}


def compare(n):
    from search import kept_phrases, snapshot

    kept_phrases.forget()
    version = snapshot.token()
    compared = differences = 0
    seconds = {"one_statement": 0.0, "kept_phrases": 0.0}
    for text in texts(n):
        for scored in (True, False):
            started = time.perf_counter()
            expected = one_statement(text, scored)
            seconds["one_statement"] += time.perf_counter() - started
            started = time.perf_counter()
            got = kept_phrases.rows(text, scored, version)
            seconds["kept_phrases"] += time.perf_counter() - started
            compared += 1
            differences += got != expected
    return {
        "comparisons": compared,
        "differences": differences,
        **{f"{way}_ms_per_search": round(s * 1000 / max(compared, 1), 2) for way, s in seconds.items()},
        "phrases_kept": len(kept_phrases._kept),
        "kept_mib": round(kept_phrases._kept_bytes / 2**20, 1),
    }


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    setup()
    print(json.dumps(compare(int(argv[0]) if argv else 1500)))


if __name__ == "__main__":
    main()
