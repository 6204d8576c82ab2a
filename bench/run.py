"""`make bench`: the search benchmarks, end to end. See bench/README.md.

    .venv/bin/python bench/run.py                # everything (what make bench runs)
    .venv/bin/python bench/run.py --sqlite 1000 --no-postgres --no-load   # a quick look

1. SQLite catalogues of 1k, 10k and 100k programmes, generated once and
   cached under bench/out/ (bench/cache.py: the file name carries the
   generator's version, a stamp beside it a hash of the search code that
   shapes the index, whose change rebuilds only the index).
2. The mix of 20 searches timed on each (bench/measure.py, one process per
   database); at 10k also through Datasette on the same file.
3. Search pages per second under load at 10k (gunicorn + wrk, bench/load.py),
   and the realistic mix with exports, alone and during an import
   (bench/mixed.py). The Fördercheck (API server time and full page) on the
   same 10k catalogue (bench/check.py); `--only-check` runs just that.
4. PostgreSQL at 10k and 100k in a throw-away cluster (bench/postgres.py
   inside scripts/with-postgres.sh), generated anew each run; programme
   detail pages timed there too (bench/detail.py).
5. `send_alerts` for 10,000 subscriptions on a copy of the sqlite 10k
   catalogue (bench/alerts.py); `--only-alerts` runs just that.
6. The map page /karte/ at 10k (bench/map_page.py).
7. Every kind of page (search, programme, funder, API, start, feeds,
   sitemap) at 10k and 100k on SQLite: CPU and wall time (bench/pages.py);
   `--only-pages` runs just that.
8. A table, then one line of JSON as the last line.

    .venv/bin/python bench/run.py --only-map    # just the map page at 10k
"""

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import imports, load, report  # noqa: E402
from bench import mixed as mixed_load  # noqa: E402
from bench.cache import OUT, ROOT, data_key, index_key, label, prune  # noqa: E402

RESULTS = OUT / "results"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SQLITE_SIZES = [1000, 10_000, 100_000]
POSTGRES_SIZES = [10_000, 100_000]
IMPORT_SIZE = 10_000
DATASETTE_SIZE = LOAD_SIZE = CHECK_SIZE = MAP_SIZE = ALERTS_SIZE = 10_000


def bench_env(database_url=None):
    """Production-like settings for every process the benchmark starts."""
    env = dict(os.environ)
    env.update(
        ATLAS_DEBUG="0",
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ATLAS_STATIC_ROOT=str(ROOT / "bench/out/static"),
        # One machine plays every visitor: per-address limits would stop it.
        ATLAS_SEARCH_RATE_LIMIT="0",
        ATLAS_API_RATE_LIMIT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        ATLAS_TODAY="2026-11-25",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def log(message):
    print(message, file=sys.stderr, flush=True)


def step(args, env):
    started = time.perf_counter()
    subprocess.run([PYTHON, *args], cwd=ROOT, env=env, check=True)
    return time.perf_counter() - started


def sqlite_database(size):
    """The cached SQLite catalogue of `size` programmes, migrated and indexed."""
    try:
        return _sqlite_database(size)
    except subprocess.CalledProcessError:
        # A migration the cached file cannot take (rewritten during development): build anew.
        log(f"sqlite {label(size)}: the cached catalogue does not migrate; building it anew")
        (OUT / f"sqlite-{label(size)}-{data_key()}.db").unlink(missing_ok=True)
        return _sqlite_database(size)


def _sqlite_database(size):
    path = OUT / f"sqlite-{label(size)}-{data_key()}.db"
    stamp = path.with_suffix(".index")
    if not path.exists():
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        log(f"sqlite {label(size)}: generating {path.name}")
        step(["bench/generate.py", str(size), "--no-index"], bench_env(f"sqlite:///{partial}"))
        partial.rename(path)
        stamp.unlink(missing_ok=True)
        prune(f"sqlite-{label(size)}-*.db", keep=path)
        prune(f"sqlite-{label(size)}-*.index", keep=stamp)
    if stamp.exists() and stamp.read_text() == index_key():
        step(["manage.py", "migrate", "-v0"], bench_env(f"sqlite:///{path}"))
    else:
        log(f"sqlite {label(size)}: migrating and indexing")
        step(["bench/generate.py", str(size), "--index-only"], bench_env(f"sqlite:///{path}"))
        stamp.write_text(index_key())
    return path


def measure_sqlite(size):
    path = sqlite_database(size)
    out = RESULTS / f"sqlite_{label(size)}.json"
    args = ["bench/measure.py", f"sqlite_{label(size)}", "--out", str(out)]
    if size == DATASETTE_SIZE:
        args.append("--datasette")
    log(f"sqlite {label(size)}: timing the mix")
    step(args, bench_env(f"sqlite:///{path}"))
    return path


def measure_check(path):
    log(f"sqlite {label(CHECK_SIZE)}: timing the Fördercheck")
    out = RESULTS / f"check_{label(CHECK_SIZE)}.json"
    step(["bench/check.py", f"sqlite_{label(CHECK_SIZE)}", "--out", str(out)], bench_env(f"sqlite:///{path}"))


def measure_map(path):
    log(f"map page: sqlite {label(MAP_SIZE)}")
    out = RESULTS / f"map_{label(MAP_SIZE)}.json"
    step(["bench/map_page.py", f"map_{label(MAP_SIZE)}", "--out", str(out)], bench_env(f"sqlite:///{path}"))


def measure_postgres(sizes):
    log(f"postgres {', '.join(label(s) for s in sizes)}: throw-away cluster")
    command = ["scripts/with-postgres.sh", PYTHON, "bench/postgres.py", str(RESULTS), *map(str, sizes)]
    subprocess.run(command, cwd=ROOT, env=bench_env(), check=True)


def measure_pages(size, path):
    """What each kind of page costs (bench/pages.py): distinct URLs, CPU and
    wall time; and `export_catalogue` of the whole catalogue (bench/export_size.py)."""
    log(f"pages: every kind of page on sqlite {label(size)}")
    env = bench_env(f"sqlite:///{path}")
    out = RESULTS / f"pages_sqlite_{label(size)}.json"
    step(["bench/pages.py", out.stem, "--out", str(out)], env)
    log(f"export_catalogue: sqlite {label(size)}")
    exported = RESULTS / f"export_sqlite_{label(size)}.json"
    step(["bench/export_size.py", exported.stem, "--out", str(exported)], env)


def measure_alerts(path):
    log(f"alerts: send_alerts for 10,000 subscriptions on sqlite {label(ALERTS_SIZE)}")
    step(["bench/alerts.py", str(path), "--out", str(RESULTS / "alerts_10k.json")], bench_env())


def measure_load(path, search=True, mixed=True):
    if search:
        log(f"load: the production server (2 workers) on sqlite {label(LOAD_SIZE)}, wrk -t2 -c8 -d15s")
        result = load.run(f"sqlite:///{path}")
        (RESULTS / f"load_{label(LOAD_SIZE)}.json").write_text(json.dumps(result))
    if mixed:
        log(f"mixed load on sqlite {label(LOAD_SIZE)}: alone, then during an import")
        result = mixed_load.run(path)
        (RESULTS / f"mixed_{label(LOAD_SIZE)}.json").write_text(json.dumps(result))


def measure_import(size):
    """Issue 14: importing `size` programmes (catalogue and index, one transaction)."""
    log(f"import: {size} programmes into a fresh sqlite database")
    result = imports.run(size, bench_env())
    (RESULTS / f"import_{label(size)}.json").write_text(json.dumps(result))


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Search benchmarks (bench/README.md).")
    sizes = lambda text: [int(s) for s in text.split(",") if s]  # noqa: E731
    parser.add_argument("--sqlite", type=sizes, default=SQLITE_SIZES, help="e.g. 1000,10000")
    parser.add_argument("--postgres", type=sizes, default=POSTGRES_SIZES, help="e.g. 10000,100000")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--no-load", action="store_true", help="skip the load test")
    # --only-X for every partial run; the older --X-only spellings still work.
    parser.add_argument(
        "--only-check",
        "--check-only",
        dest="check_only",
        action="store_true",
        help="only the Fördercheck on the sqlite 10k catalogue",
    )
    parser.add_argument("--no-map", action="store_true", help="skip the map page")
    parser.add_argument(
        "--only-map",
        "--map-only",
        dest="map_only",
        action="store_true",
        help="only the map page at 10k programmes",
    )
    parser.add_argument("--no-alerts", action="store_true", help="skip send_alerts")
    parser.add_argument("--no-import", action="store_true", help="skip the import of 10k programmes")
    parser.add_argument(
        "--only-import",
        "--import-only",
        dest="import_only",
        action="store_true",
        help="only the import of 10k programmes",
    )
    parser.add_argument("--only-alerts", action="store_true", help="only send_alerts (sqlite 10k)")
    parser.add_argument(
        "--only-load", action="store_true", help="only search pages under load at 10k (cached and distinct)"
    )
    parser.add_argument("--only-mixed", action="store_true", help="only the mixed load at 10k (issue 16)")
    parser.add_argument(
        "--only-pages",
        action="store_true",
        help="only every kind of page on the sqlite catalogues (--sqlite)",
    )
    args = parser.parse_args(argv)
    if args.map_only:
        args.sqlite, args.no_load, args.no_postgres, args.no_map = [], True, True, False
    return args


def missing_tools(args):
    """The system programs this run needs but cannot find (checked first,
    not after half an hour of catalogues); `make bench` installs them."""
    missing = []
    if not args.no_load and LOAD_SIZE in args.sqlite and not shutil.which("wrk"):
        missing.append("wrk")
    if args.postgres and not args.no_postgres and not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        missing.append("postgresql")
    return missing


def main(argv=None):
    args = parse_args(argv)
    if missing := missing_tools(args):
        sys.exit(f"bench: missing {', '.join(missing)}; run scripts/install-system-deps.sh (make bench does)")
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Pages render as in production (ATLAS_DEBUG=0): hashed static file names.
    step(["manage.py", "collectstatic", "--noinput", "-v0"], bench_env())
    for old in RESULTS.glob("*.json"):
        old.unlink()
    if args.only_alerts:
        measure_alerts(sqlite_database(ALERTS_SIZE))
        results = {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))}
        print(report.alerts_table(results))
        print(json.dumps(report.summary_line(results)))
        return
    if args.only_load or args.only_mixed:
        args.sqlite, args.no_load, args.no_postgres, args.no_map = [], True, True, True
        measure_load(sqlite_database(LOAD_SIZE), search=args.only_load, mixed=args.only_mixed)
        args.no_import = True
    if args.only_pages:
        for size in args.sqlite:
            measure_pages(size, sqlite_database(size))
        results = {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))}
        print(json.dumps(report.summary_line(results)))
        return
    if args.import_only:
        measure_import(IMPORT_SIZE)
        results = {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))}
        print(json.dumps(report.summary_line(results)))
        return
    if args.check_only:
        args.sqlite, args.no_load, args.no_postgres, args.no_map = [], True, True, True
        measure_check(sqlite_database(CHECK_SIZE))
    paths = {size: measure_sqlite(size) for size in args.sqlite}
    for size, path in paths.items():
        if size >= LOAD_SIZE:
            measure_pages(size, path)
    if CHECK_SIZE in paths:
        measure_check(paths[CHECK_SIZE])
    if not args.no_alerts and ALERTS_SIZE in paths:
        measure_alerts(paths[ALERTS_SIZE])
    if not args.no_map and (args.map_only or MAP_SIZE in paths):
        measure_map(paths.get(MAP_SIZE) or sqlite_database(MAP_SIZE))
    if not args.no_load and LOAD_SIZE in paths:
        measure_load(paths[LOAD_SIZE])
    if not args.no_import and not args.check_only:
        measure_import(IMPORT_SIZE)
    if args.postgres and not args.no_postgres:
        measure_postgres(args.postgres)
    results = {p.stem: json.loads(p.read_text()) for p in sorted(RESULTS.glob("*.json"))}
    # Other processes on the machine skew every figure; the report says how busy it was.
    busy = (load_before, os.getloadavg()[0])
    print(report.table(results, time.perf_counter() - started, busy))
    print(json.dumps(report.summary_line(results)))


if __name__ == "__main__":
    main()
