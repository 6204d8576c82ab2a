"""The PostgreSQL part of the benchmark, run inside a throw-away cluster:

    scripts/with-postgres.sh .venv/bin/python bench/postgres.py bench/out/results 10000 100000

For each size: a fresh database `bench_<size>` in the cluster DATABASE_URL
points at, filled from the cached dump `bench/out/postgres-<size>-<key>.dump`
(pg_dump's custom format; re-indexed if the search code that shapes the
index changed) or, when there is none for the current generator, generated
and indexed anew; what was built is dumped for the next run. Then the mix is
timed (bench/measure.py) into `<results>/postgres_<size>.json`.
Restoring a dump takes a minute where generating and indexing 100k
programmes takes many. The cluster vanishes with the script's exit.
"""

import glob
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cache import OUT, ROOT, data_key, index_key, label, prune  # noqa: E402

PYTHON = sys.executable


def pg_tool(name):
    """A client program of the newest installed PostgreSQL (as scripts/with-postgres.sh)."""
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return candidates[-1]


def libpq_url(url):
    """dj-database-url's postgres:// as libpq takes it (postgresql://)."""
    return "postgresql://" + url.split("://", 1)[1]


def database_url(base_url, name):
    return urlunsplit(urlsplit(base_url)._replace(path=f"/{name}"))


def execute(url, *statements):
    import psycopg

    with psycopg.connect(libpq_url(url), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def log(message):
    print(message, file=sys.stderr, flush=True)


def timed(what, function, *args):
    started = time.perf_counter()
    function(*args)
    log(f"  {what}: {time.perf_counter() - started:.0f} s")


def run(args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def restore(dump, url, env):
    run([pg_tool("pg_restore"), "--no-owner", "--jobs=2", f"--dbname={libpq_url(url)}", str(dump)], env)
    run([PYTHON, "manage.py", "migrate", "-v0"], env)  # other apps may have migrated since
    # As autovacuum leaves a live database: statistics, and the visibility
    # map that lets an index answer alone (a sitemap page, api.sitemaps).
    execute(url, "VACUUM ANALYZE")


def save(dump, url, env):
    """Dump the indexed catalogue for the next run, stamped with the index key."""
    partial = dump.with_suffix(".partial")
    partial.parent.mkdir(parents=True, exist_ok=True)  # run on its own, before bench/run.py made it
    run([pg_tool("pg_dump"), "--format=custom", "--compress=1", f"--file={partial}", libpq_url(url)], env)
    partial.rename(dump)
    dump.with_suffix(".index").write_text(index_key())
    size_label = dump.stem.split("-")[1]
    prune(f"postgres-{size_label}-*.dump", keep=dump)
    prune(f"postgres-{size_label}-*.index", keep=dump.with_suffix(".index"))


def fill(base_url, name, size, env):
    """Restore the cached catalogue (re-indexing it if the search code
    changed), or generate it; dump what was built for the next run."""
    url = env["DATABASE_URL"]
    dump = OUT / f"postgres-{label(size)}-{data_key()}.dump"
    if dump.exists():
        try:
            timed(f"restored {dump.name}", restore, dump, url, env)
        except subprocess.CalledProcessError:
            log(f"  {dump.name} does not restore or migrate; building anew")
            dump.unlink()
            execute(base_url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    stamp = dump.with_suffix(".index")
    if not dump.exists():
        timed("generated and indexed", run, [PYTHON, "bench/generate.py", str(size)], env)
    elif not stamp.exists() or stamp.read_text() != index_key():
        timed("re-indexed", run, [PYTHON, "bench/generate.py", str(size), "--index-only"], env)
    else:
        return
    timed(f"dumped to {dump.name}", save, dump, url, env)


def bench_size(base_url, size, results):
    name = f"bench_{size}"
    execute(base_url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    env = dict(os.environ, DATABASE_URL=database_url(base_url, name))
    fill(base_url, name, size, env)
    out = Path(results) / f"postgres_{label(size)}.json"
    timed(
        "timed the mix", run, [PYTHON, "bench/measure.py", f"postgres_{label(size)}", "--out", str(out)], env
    )
    detail = Path(results) / f"detail_postgres_{label(size)}.json"
    timed(
        "timed detail pages",
        run,
        [PYTHON, "bench/detail.py", f"postgres_{label(size)}", "--out", str(detail)],
        env,
    )
    pages = Path(results) / f"pages_postgres_{label(size)}.json"
    timed("timed every kind of page", run, [PYTHON, "bench/pages.py", pages.stem, "--out", str(pages)], env)
    exported = Path(results) / f"export_postgres_{label(size)}.json"
    timed(
        "export_catalogue", run, [PYTHON, "bench/export_size.py", exported.stem, "--out", str(exported)], env
    )


def main():
    results, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
    for size in sizes:
        log(f"postgres {label(size)}:")
        bench_size(os.environ["DATABASE_URL"], size, results)


if __name__ == "__main__":
    main()
