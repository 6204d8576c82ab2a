"""Time the mix of searches on the database DATABASE_URL points at.

    DATABASE_URL=sqlite:///bench/out/10k.db .venv/bin/python bench/measure.py sqlite_10k --datasette

Server time is one call of `search.core.search()` plus turning its result
into the data a page or the API shows (hits with snippets, facet groups with
counts and toggle URLs, serialised to JSON) — everything but HTTP and the
template. The in-memory index (`search.snapshot`) is current during the
passes, as it is between changes; the time to read it anew after a change
is measured apart ("snapshot"). For reference the same mix also goes through Django's test client
(`GET /suche/?…`: middleware, view, template). One warm-up pass over the
whole mix, then ROUNDS passes; the passes interleave the searches so that no
search finds the caches primed by its own previous run.

Prints one JSON object as the last line; `bench/run.py` collects them.
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_setup  # noqa: E402
from bench.mix import FACET_ONLY, MIX, OUTSIDE_MIX  # noqa: E402
from bench.stats import summary  # noqa: E402

ROUNDS = 5
MIN_ROUNDS = 2
BUDGET_SECONDS = 90


def render(result):
    """The result as the data a client receives, serialised."""
    data = {
        "total": result.total,
        "page": result.page,
        "num_pages": result.num_pages,
        "suggestion": result.suggestion,
        "errors": result.errors,
        "hits": [_hit(hit) for hit in result.hits],
        "facets": _facets(result.facets),
        "active_filters": [str(f) for f in result.active_filters],
    }
    return json.dumps(data, default=str)


def _hit(hit):
    entry = hit.object
    return {
        "type": hit.type,
        "id": entry.slug,
        "title": getattr(entry, "title", None) or getattr(entry, "name", ""),
        "snippet": str(hit.snippet),
    }


def _facets(facets):
    """Facet groups as plain data, whatever container the core uses."""
    groups = facets.items() if hasattr(facets, "items") else ((getattr(g, "name", ""), g) for g in facets)
    out = {}
    for name, group in groups:
        values = getattr(group, "values", group)
        values = values() if callable(values) else values
        out[str(name)] = [
            {k: _field(v, k) for k in ("value", "label", "count", "selected", "toggle_url")} for v in values
        ]
    return out


def _field(value, key):
    return value[key] if isinstance(value, dict) else getattr(value, key)


def forget_text_matches():
    """Each pass repeats the same searches: without this, every pass after the
    first would read its full-text matches from the process's kept ones
    (search.fulltext, per index version) and time a cache, not the engine."""
    from search import fulltext

    fulltext.forget_kept_matches()


def forget_pages():
    """Forget what a page keeps for the next time (the whole rendered search
    page, `caches["local"]`; what it made of each entry, `search.kept`) and
    the kept text matches: a timed page is rendered from the index, not
    read from memory. (Django's default cache holds only limits.)"""
    from django.core.cache import caches

    caches["local"].clear()
    caches["entries"].clear()
    forget_text_matches()


def time_core(mix, rounds, on):
    """{name: [milliseconds, …]} for search() + render of each search."""
    from django.http import QueryDict

    from search.core import search

    def once(query_string):
        forget_text_matches()
        started = time.perf_counter()
        render(search(QueryDict(query_string), on=on))
        return (time.perf_counter() - started) * 1000

    for name, query_string in mix:
        result = search(QueryDict(query_string), on=on)
        if result.errors:
            raise SystemExit(f"mix search {name!r} ({query_string}) is invalid: {result.errors}")
    return _passes(mix, rounds, once)


def time_client(mix, rounds):
    """{name: [milliseconds, …]} for a full GET /suche/?… through the test
    client, rendered each time (`forget_pages`)."""
    from django.test import Client

    client = Client()

    def once(query_string):
        forget_pages()
        started = time.perf_counter()
        response = client.get("/suche/?" + query_string)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET /suche/?{query_string} answered {response.status_code}")
        return elapsed

    return _passes(mix, rounds, once, budget=BUDGET_SECONDS / 2, min_rounds=1)


def _passes(mix, rounds, once, budget=BUDGET_SECONDS, min_rounds=MIN_ROUNDS):
    """Warm-up pass, then `rounds` passes — fewer (but `min_rounds`) if the
    passes would take longer than `budget` seconds: a slow engine at 100k
    must not stretch `make bench` past its time; the report shows the
    number of samples."""
    samples = {name: [] for name, _ in mix}
    started = time.perf_counter()
    for query_string in (qs for _, qs in mix):
        once(query_string)
    pass_seconds = time.perf_counter() - started
    rounds = max(min_rounds, min(rounds, int(budget / max(pass_seconds, 1e-3))))
    for _ in range(rounds):
        for name, query_string in mix:
            samples[name].append(once(query_string))
    return samples


def time_snapshot(rounds=3):
    """Reading the in-memory index anew, as the first search after a change
    does: median milliseconds, and its size in MB (tracemalloc, one read)."""
    import statistics
    import tracemalloc

    from catalogue.status import today
    from search import snapshot

    def read():
        return snapshot.Snapshot(snapshot._documents(today()), snapshot._tags())

    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        read()
        times.append((time.perf_counter() - started) * 1000)
    tracemalloc.start()
    kept = read()
    size, _peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del kept
    return {"ms": round(statistics.median(times), 1), "mb": round(size / 2**20, 1)}


def catalogue_size():
    from catalogue.models import Institution, Programme

    return {"programmes": Programme.objects.count(), "institutions": Institution.objects.count()}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Time the search mix on DATABASE_URL.")
    parser.add_argument("label", help="e.g. sqlite_10k")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--datasette", action="store_true", help="also compare facet counts with Datasette")
    parser.add_argument("--out", help="write the report to this JSON file (default: print it)")
    args = parser.parse_args(argv)
    django_setup.setup()
    from django.db import connection

    on = date.fromisoformat(django_setup.BENCH_DAY)
    core = time_core(MIX, args.rounds, on)
    client = time_client(MIX, args.rounds)
    report = {
        "label": args.label,
        "vendor": connection.vendor,
        **catalogue_size(),
        "core": summary(core),
        "client": summary(client),
        "outside_mix": summary(time_core(OUTSIDE_MIX, args.rounds, on))["per_search"],
        "snapshot": time_snapshot(),
    }
    if args.datasette:
        from bench import datasette_ref

        report["datasette"] = datasette_ref.compare(
            connection.settings_dict["NAME"], FACET_ONLY, args.rounds, on
        )
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1), encoding="utf-8")
    else:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
