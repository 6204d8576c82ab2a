"""Time the Fördercheck on the database DATABASE_URL points at.

    DATABASE_URL=sqlite:///bench/out/sqlite-10k-….db .venv/bin/python bench/check.py sqlite_10k

A check reads every published programme, so its cost grows with the
catalogue, not with the answers. Timed for a mix of profiles (the three
research personas and variations):

- "api": one call of `search.check.check()` plus one page of the JSON the
  API sends (the items with their reasons' messages, serialised), as
  bench/measure.py times the search ("server time");
- "page": a full GET /foerdercheck/?… through Django's test client
  (middleware, view, template).

One warm-up pass, then ROUNDS passes; prints one JSON object as the last line.
"""

import argparse
import json
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_setup  # noqa: E402
from bench.stats import summary  # noqa: E402

ROUNDS = 5
PROFILES = [
    # An initiative without legal form in a rural district, without own money.
    ("initiative rural", "region=03155&applicant_type=initiative&own_contribution_percent=0"),
    # A migrant organisation in a city needing 2,000 €.
    ("migrant org city", "region=03241&applicant_type=migrantenorganisation&amount=2000"),
    # A sports club wanting 5,000 € with 10 % own money.
    (
        "sports club",
        "region=03459&applicant_type=sportverein&amount=5000&own_contribution_percent=10"
        "&integration_area=sport-bewegung",
    ),
    ("state-wide, in kind", "region=ni&applicant_type=verein&own_contribution_percent=5&in_kind=1"),
    (
        "groups and areas",
        "region=03101&applicant_type=verein&target_group=fluchtgeschichte&target_group=frauen-maedchen"
        "&integration_area=sprachfoerderung&amount=20000",
    ),
    ("later start, page 3", "region=03254&applicant_type=kommune&start=2027-06-01&page=3"),
]


def time_api(rounds, on):
    from django.http import QueryDict

    from api.check import check_item
    from search.check import check

    def once(query_string):
        result = check(QueryDict(query_string), on=on, answers_required=True)
        if result.errors:
            raise SystemExit(f"check {query_string!r} is invalid: {result.errors}")
        json.dumps({"data": [check_item(a) for a in result.items], "counts": result.counts})

    return _passes(rounds, once)


def time_page(rounds):
    from django.test import Client

    client = Client()

    def once(query_string):
        response = client.get("/foerdercheck/?" + query_string)
        if response.status_code != 200:
            raise SystemExit(f"GET /foerdercheck/?{query_string} answered {response.status_code}")

    return _passes(rounds, once)


def _passes(rounds, once):
    """({profile: [wall ms, …]}, {profile: [CPU ms, …]}): the CPU time of
    this process holds up on a busy machine, the wall time does not."""
    wall, cpu = {name: [] for name, _ in PROFILES}, {name: [] for name, _ in PROFILES}
    for _, query_string in PROFILES:
        once(query_string)
    for _ in range(rounds):
        for name, query_string in PROFILES:
            started, started_cpu = time.perf_counter(), time.process_time()
            once(query_string)
            cpu[name].append((time.process_time() - started_cpu) * 1000)
            wall[name].append((time.perf_counter() - started) * 1000)
    return wall, cpu


def main(argv=None):
    parser = argparse.ArgumentParser(description="Time the Fördercheck on DATABASE_URL.")
    parser.add_argument("label", help="e.g. sqlite_10k")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--out", help="write the report to this JSON file (default: print it)")
    args = parser.parse_args(argv)
    django_setup.setup()
    from django.db import connection

    from bench.measure import catalogue_size

    on = date.fromisoformat(django_setup.BENCH_DAY)
    (api, api_cpu), (page, page_cpu) = time_api(args.rounds, on), time_page(args.rounds)
    report = {
        "label": args.label,
        "vendor": connection.vendor,
        **catalogue_size(),
        "api": summary(api),
        "page": summary(page),
        "api_cpu": summary(api_cpu),
        "page_cpu": summary(page_cpu),
        "load_average": round(os.getloadavg()[0], 1),
    }
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
