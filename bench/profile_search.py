"""Where the time of one search goes: every SQL statement with its time,
SQL against Python, the plan of the slowest statement, and optionally a
pyinstrument profile of the Python side.

    DATABASE_URL=sqlite:///bench/out/sqlite-10k-….db ATLAS_DEBUG=0 SECRET_KEY=x \\
        .venv/bin/python bench/profile_search.py "region=03155&status=open" --explain --python

EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL.
"""

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_setup  # noqa: E402

RUNS = 5


class StatementTimer:
    """A connection.execute_wrapper that records (seconds, sql, params)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.statements.append((time.perf_counter() - started, sql, params))


def explain(sql, params):
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        return "\n".join("  " + " | ".join(str(c) for c in row) for row in cursor.fetchall())


def timed_search(query_string, on):
    from django.db import connection
    from django.http import QueryDict

    from bench.measure import render
    from search.core import search

    timer = StatementTimer()
    with connection.execute_wrapper(timer):
        started = time.perf_counter()
        render(search(QueryDict(query_string), on=on))
        total = time.perf_counter() - started
    return total, timer.statements


def replay(sql, params):
    """Seconds to execute a statement and fetch every row (best of 3): the
    wrapper alone misses the fetching, where SQLite does much of its work."""
    from django.db import connection

    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            if cursor.description:  # not for SET
                cursor.fetchall()
        best = min(best, time.perf_counter() - started)
    return best


def report(query_string, on, show_plan):
    from django.db import transaction

    timed_search(query_string, on)  # warm-up
    runs = [timed_search(query_string, on) for _ in range(RUNS)]
    total, statements = min(runs, key=lambda run: run[0])
    plan = None
    with transaction.atomic():  # in order, in one transaction: SET LOCAL holds for what follows
        statements = [(replay(sql, params), sql, params) for _seconds, sql, params in statements]
        if show_plan and statements:
            slowest = max(statements, key=lambda s: s[0])
            plan = (slowest[0], explain(*slowest[1:]))
    sql_time = sum(s[0] for s in statements)
    print(f"?{query_string}: {total * 1000:.1f} ms (best of {RUNS}), {len(statements)} statements")
    print(f"  SQL {sql_time * 1000:.1f} ms (execute + fetch), Python {(total - sql_time) * 1000:.1f} ms")
    for seconds, sql, _params in sorted(statements, key=lambda s: -s[0]):
        print(f"  {seconds * 1000:7.1f} ms  {' '.join(sql.split())[:150]}")
    if plan:
        print(f"plan of the slowest statement ({plan[0] * 1000:.1f} ms):\n{plan[1]}")


def python_profile(query_string, on):
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(RUNS):
            timed_search(query_string, on)
    print(profiler.output_text(unicode=True, color=False))


def main():
    parser = argparse.ArgumentParser(description="Profile one search of the mix.")
    parser.add_argument("query_string", help='e.g. "q=sprachkurs&region=03155"')
    parser.add_argument("--explain", action="store_true", help="print the plan of the slowest statement")
    parser.add_argument("--python", action="store_true", help="print a pyinstrument profile")
    args = parser.parse_args()
    django_setup.setup()
    on = date.fromisoformat(django_setup.BENCH_DAY)
    report(args.query_string, on, args.explain)
    if args.python:
        python_profile(args.query_string, on)


if __name__ == "__main__":
    main()
