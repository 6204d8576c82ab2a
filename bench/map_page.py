"""Time the map page /karte/ on the database DATABASE_URL points at.

    DATABASE_URL=sqlite:///bench/out/sqlite-10k-<key>.db .venv/bin/python bench/map_page.py map_10k

Two figures per map URL of MAP_MIX, as bench/measure.py takes them for the
search: the counts (`search.districts.district_counts`: 45 districts over
the in-memory index) and the full `GET /karte/?…` through Django's test
client (middleware, view, SVG and table template). The map page is not
cached, so no cache is emptied. For scale, on a machine whose load shifts
every figure, the search page for the same parameters is timed in the same
passes (`GET /suche/?…`, its page cache emptied first): the ratio of the
two medians holds better than either figure. One warm-up pass, then the
passes of `measure._passes`.

Prints one JSON object, or writes it to --out; `bench/run.py` collects it.
"""

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_setup  # noqa: E402
from bench.measure import ROUNDS, _passes, catalogue_size, forget_pages  # noqa: E402
from bench.stats import summary  # noqa: E402

# The map as visitors reach it: from the start page, from a filtered
# search ("Auf der Karte zeigen"), with words (one with a typo, whose
# fallback the map takes district by district) and a sorted table.
MAP_MIX = [
    ("map", ""),
    ("map status", "status=open"),
    ("map area+group", "integration_area=sprachfoerderung&target_group=fluchtgeschichte"),
    ("map text", "q=sprachkurs"),
    ("map typo", "q=Migrationsberetung"),
    ("map two words", "q=jugend+sport&status=open"),
    ("map amount+table order", "amount_max=10000&order=own"),
]


def time_counts(mix, rounds, on):
    from django.http import QueryDict

    from search.districts import district_counts

    def once(query_string):
        started = time.perf_counter()
        district_counts(QueryDict(query_string), on=on)
        return (time.perf_counter() - started) * 1000

    return _passes(mix, rounds, once)


def time_pages(mix, rounds):
    """({name: [ms, …]} of GET /karte/?…, the same of GET /suche/?…), interleaved."""
    from django.test import Client

    client, search_samples = Client(), {}

    def get(path):
        started = time.perf_counter()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"GET {path} answered {response.status_code}")
        return elapsed

    def once(query_string):
        forget_pages()  # the search page as rendered, not as kept
        search_samples.setdefault(query_string, []).append(get("/suche/?" + query_string))
        return get("/karte/?" + query_string)

    samples = _passes(mix, rounds, once)
    # The first sample of each is the warm-up pass's.
    return samples, {name: search_samples[qs][1:] for name, qs in mix}


def main(argv=None):
    parser = argparse.ArgumentParser(description="Time the map page on DATABASE_URL.")
    parser.add_argument("label", help="e.g. map_10k")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--out", help="write the report to this JSON file (default: print it)")
    args = parser.parse_args(argv)
    django_setup.setup()
    from django.db import connection

    on = date.fromisoformat(django_setup.BENCH_DAY)
    pages, search_pages = time_pages(MAP_MIX, args.rounds)
    report = {
        "label": args.label,
        "vendor": connection.vendor,
        **catalogue_size(),
        "counts": summary(time_counts(MAP_MIX, args.rounds, on)),
        "page": summary(pages),
        "search_page": summary(search_pages),
    }
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1), encoding="utf-8")
    else:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
