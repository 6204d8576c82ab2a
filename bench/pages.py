"""What each kind of page costs the server: CPU time (process_time) and wall
time per GET through Django's test client (middleware, view, template), on
the catalogue of DATABASE_URL, after a warm-up. Distinct URLs throughout, so
the page cache never answers (issue 14 item 6, issue 16).

    DATABASE_URL=sqlite:///bench/out/sqlite-10k-….db .venv/bin/python bench/pages.py pages_10k

Prints one JSON object: per page kind n, CPU p50/p95 and wall p50/p95 in ms.
`--only KIND` (repeatable) times only those kinds; `--n` sets the samples.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.django_setup import setup  # noqa: E402
from bench.stats import percentile  # noqa: E402

WARM_UP = 5
# The pages are timed one after another from one address: on a fast machine
# more API requests a minute than the production limit lets through (429).
# The limit is still counted on every request, as in production.
NO_LIMIT = {"ATLAS_API_RATE_LIMIT": str(10**9), "ATLAS_SEARCH_RATE_LIMIT": str(10**9)}


def _published(model, field="slug"):
    from catalogue.queries import published

    return list(published(model.objects.all()).order_by("pk").values_list(field, flat=True))


def page_kinds(n):
    """{kind: [path, …]}: `n` distinct paths of each kind of page."""
    from api import sitemaps
    from bench.mix import distinct_searches
    from catalogue.models import Institution, Programme

    rng = random.Random(16)
    programmes = rng.sample(_published(Programme), n + WARM_UP)
    funders = rng.sample(_published(Institution), min(n + WARM_UP, len(_published(Institution))))
    searches = distinct_searches(n + WARM_UP)
    ids = programmes
    pages = -(-len(_published(Programme)) // sitemaps.PAGE_SIZE)
    return {
        "search": [f"/suche/?{qs}" for qs in searches],
        "programme": [f"/foerderungen/{slug}/" for slug in programmes],
        "funder": [f"/foerderer/{slug}/" for slug in funders],
        "api_search": [f"/api/v1/search?{qs}" for qs in searches],
        "start": [f"/?v={k}" for k in range(n + WARM_UP)],
        "atom": [f"/api/v1/feeds/programmes.atom?{qs}" for qs in searches],
        "deadlines_ics": [f"/api/v1/feeds/deadlines.ics?{qs}" for qs in searches],
        "programme_ics": [f"/api/v1/programmes/{pk}/deadlines.ics" for pk in ids],
        "sitemap": [f"/sitemap.xml?v={k}" for k in range(n + WARM_UP)],
        # The index's pages, spread over the whole catalogue (the last ones read deepest).
        "sitemap_page": [
            f"/sitemap-programmes.xml?p={1 + k * pages // (n + WARM_UP)}" for k in range(n + WARM_UP)
        ],
    }


def _consume(response):
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def time_paths(paths):
    from django.test import Client

    client = Client()
    cpu, wall = [], []
    for k, path in enumerate(paths):
        started_cpu, started = time.process_time(), time.perf_counter()
        response = client.get(path)
        _consume(response)
        if k >= WARM_UP:
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return {
        "n": len(cpu),
        "cpu_p50_ms": round(percentile(cpu, 0.5), 1),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 1),
        "wall_p50_ms": round(percentile(wall, 0.5), 1),
        "wall_p95_ms": round(percentile(wall, 0.95), 1),
    }


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("label")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--only", action="append")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    for name, value in NO_LIMIT.items():
        os.environ.setdefault(name, value)
    setup()
    kinds = page_kinds(args.n)
    report = {"label": args.label}
    for kind, paths in kinds.items():
        if args.only and kind not in args.only:
            continue
        report[kind] = time_paths(paths)
        print(kind, report[kind], file=sys.stderr, flush=True)
    text = json.dumps(report)
    if args.out:
        Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
