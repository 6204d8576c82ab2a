"""A realistic mix under load at 10k programmes (issue 16): distinct searches,
programme and funder pages, API searches, and one CSV export of every
programme per minute, against the production server (deploy/gunicorn.conf.py,
2 workers) on a copy of the SQLite catalogue. Run twice: alone, and while
`manage.py import_catalogue` writes 1,000 changed programmes.

    .venv/bin/python bench/mixed.py bench/out/sqlite-10k-….db

Prints one JSON object: mixed_pages_per_s_10k, mixed_errors_10k, the p50/p99
latencies, the exports' times and statuses, and the same with `_import`,
plus whether the import succeeded and how long it took.
"""

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import (  # noqa: E402
    ROOT,
    STARTUP_SECONDS,
    free_port,
    parse_wrk,
    production_server,
    server_env,
    wait_until_up,
    workers_cpu_seconds,
)
from bench.mix import distinct_searches  # noqa: E402

SECONDS = 60
EXPORT_EVERY = 60
CHANGED = 1000
# Shares of the mix, per 10 requests: what visitors of a catalogue do.
SEARCHES, PROGRAMMES, FUNDERS, API = 4, 3, 1, 2
PYTHON = str(ROOT / ".venv/bin/python")


def _slugs(database, table, count):
    with sqlite3.connect(database) as db:
        rows = db.execute(f"SELECT slug FROM {table} WHERE state = 'published' ORDER BY slug").fetchall()
    return random.Random(16).sample([slug for (slug,) in rows], min(count, len(rows)))


def paths(database):
    """The mix as request paths. Searches on the page and through the API are
    distinct ones, as many seekers send them (`bench.mix.distinct_searches`:
    none repeats within a run); every path has a query string, so mixed.lua's
    "uncached" mode also keeps repeated programme and funder pages out of
    any page cache."""
    programmes = _slugs(database, "catalogue_programme", 600)
    funders = _slugs(database, "catalogue_institution", 200)
    searches = iter(distinct_searches(600 * (SEARCHES + API), seed=16))
    lines = []
    for n in range(600):
        lines += [f"/suche/?{next(searches)}" for _ in range(SEARCHES)]
        lines += [
            f"/foerderungen/{programmes[(n * PROGRAMMES + k) % len(programmes)]}/?v=1"
            for k in range(PROGRAMMES)
        ]
        lines += [f"/foerderer/{funders[n % len(funders)]}/?v=1"] * FUNDERS
        lines += [f"/api/v1/search?{next(searches)}" for _ in range(API)]
    return lines


def _exports(base, stop, found):
    """One CSV export of every programme per minute, from the start."""
    while not stop.is_set():
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(f"{base}/api/v1/search.csv?type=programme", timeout=120) as answer:
                size = len(answer.read())
                found.append(
                    {
                        "status": answer.status,
                        "seconds": round(time.perf_counter() - started, 1),
                        "bytes": size,
                    }
                )
        except Exception as error:  # noqa: BLE001 (any failure is a result)
            found.append(
                {
                    "status": getattr(error, "code", str(error)),
                    "seconds": round(time.perf_counter() - started, 1),
                }
            )
        stop.wait(EXPORT_EVERY)


def changed_document(database, target):
    """1,000 programmes with a new title, in the interchange format."""
    env = server_env(f"sqlite:///{database}")
    exported = subprocess.run(
        [PYTHON, "manage.py", "export_catalogue"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    document = json.loads(exported.stdout)
    document["programmes"] = random.Random(1).sample(document["programmes"], CHANGED)
    for programme in document["programmes"]:
        programme["title"] += " (geändert)"
    target.write_text(json.dumps(document, ensure_ascii=False))


def _wrk(base, paths_file, seconds):
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout=10s", "-s", str(ROOT / "bench/mix.lua")]
    done = subprocess.run(
        [*command, base, "--", paths_file, "uncached"],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 120,
    )
    return parse_wrk(done.stdout)


def _round(base, paths_file, import_file=None, env=None, master=None):
    stop, exports = threading.Event(), []
    cpu_before = workers_cpu_seconds(master)
    exporter = threading.Thread(target=_exports, args=(base, stop, exports))
    importer = None
    exporter.start()
    started = time.perf_counter()
    if import_file:
        importer = subprocess.Popen(
            [PYTHON, "manage.py", "import_catalogue", str(import_file)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
    try:
        load = _wrk(base, paths_file, SECONDS)
    finally:
        stop.set()
        exporter.join()
    served = load["requests"] + len(exports)
    cpu_ms = (workers_cpu_seconds(master) - cpu_before) * 1000
    result = {**load, "exports": exports, "server_cpu_ms_per_request": round(cpu_ms / max(served, 1), 1)}
    result["load_average"] = os.getloadavg()[0]
    if importer:
        _out, err = importer.communicate(timeout=600)
        result["import_ok"] = importer.returncode == 0
        result["import_seconds"] = round(time.perf_counter() - started, 1)
        result["import_error"] = err.strip().splitlines()[-1] if importer.returncode else None
    return result


def run(source_database):
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "atlas.db"
        shutil.copy(source_database, database)
        env = server_env(f"sqlite:///{database}")
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        import_file = Path(scratch) / "changed.json"
        changed_document(database, import_file)
        paths_file = Path(scratch) / "paths.txt"
        paths_file.write_text("\n".join(paths(database)) + "\n")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = open(ROOT / "bench/out/mixed-gunicorn.log", "w")  # noqa: SIM115 (closed below)
        server = production_server(env, port, log)
        try:
            wait_until_up(f"{base}/health", server, seconds=STARTUP_SECONDS)
            alone = _round(base, paths_file, master=server.pid)
            during = _round(base, paths_file, import_file, env, master=server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()
    return {"alone": alone, "import": during}


KEYS = [
    "mixed_pages_per_s_10k",
    "mixed_errors_10k",
    "mixed_p99_ms_10k",
    "mixed_cpu_ms_per_request_10k",
    "mixed_pages_per_s_10k_import",
    "mixed_errors_10k_import",
    "mixed_p99_ms_10k_import",
    "import_1000_ok",
    "import_1000_seconds",
]


def summary(result):
    """The figures of the summary line (KEYS); an export that failed is an error."""
    alone, during = result["alone"], result["import"]
    return {
        "mixed_pages_per_s_10k": alone["requests_per_s"],
        "mixed_errors_10k": alone["errors"] + sum(e["status"] != 200 for e in alone["exports"]),
        "mixed_p99_ms_10k": alone["latency_p99_ms"],
        "mixed_cpu_ms_per_request_10k": alone["server_cpu_ms_per_request"],
        "mixed_pages_per_s_10k_import": during["requests_per_s"],
        "mixed_errors_10k_import": during["errors"] + sum(e["status"] != 200 for e in during["exports"]),
        "mixed_p99_ms_10k_import": during["latency_p99_ms"],
        "import_1000_ok": during["import_ok"],
        "import_1000_seconds": during["import_seconds"],
    }


def main():
    result = run(Path(sys.argv[1]).resolve())
    print(json.dumps({**summary(result), "details": result}))


if __name__ == "__main__":
    main()
