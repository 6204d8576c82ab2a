"""Search pages per second under load: the production server
(deploy/gunicorn.conf.py, 2 workers) on 127.0.0.1 and a free port, driven by
wrk with `bench/mix.lua` cycling through the mix.

    .venv/bin/python bench/load.py bench/out/10k-….db

The server runs as `make serve` runs it (ATLAS_DEBUG=0, the application
loaded and warmed up in the master before the workers fork, atlas/warmup.py;
the JSON access log) on the given SQLite file and is stopped afterwards,
whatever happens. Errors are non-2xx answers plus wrk's socket errors
(connect, read, write, timeout); zero are expected.
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.mix import MIX, distinct_searches  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LOG = ROOT / "bench/out/gunicorn.log"
WORKERS = 2
WRK_THREADS, WRK_CONNECTIONS, WRK_SECONDS = 2, 8, 15
# More distinct searches than a run sends, so none repeats.
DISTINCT = 20_000
# wrk counts an answer slower than this as a socket error (timeout).
WRK_TIMEOUT = 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url):
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        ATLAS_DEBUG="0",
        SECRET_KEY="bench-only-not-secret-" + "x" * 40,
        ATLAS_STATIC_ROOT=str(ROOT / "bench/out/static"),
        # One machine plays every visitor: per-address limits would stop it.
        ATLAS_SEARCH_RATE_LIMIT="0",
        ATLAS_API_RATE_LIMIT="0",
        ALLOWED_HOSTS="127.0.0.1",
        ATLAS_TODAY=env.get("ATLAS_TODAY", "2026-11-25"),
    )
    return env


def wait_until_up(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}, see {LOG}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds} s")


def parse_wrk(output):
    """Requests/s and errors from wrk's report and mix.lua's last line."""
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    counts = json.loads(output.strip().splitlines()[-1])
    socket_errors = sum(counts[k] for k in ("connect", "read", "write", "timeout"))
    return {
        "requests_per_s": round(rate, 1),
        "requests": counts["requests"],
        "non_2xx": counts["non_2xx"],
        "socket_errors": socket_errors,
        "errors": counts["non_2xx"] + socket_errors,
        "latency_p50_ms": counts["latency_p50_ms"],
        "latency_p99_ms": counts["latency_p99_ms"],
    }


def workers_cpu_seconds(master):
    """CPU time (user + system) the gunicorn workers of `master` used so far:
    what the server spent, whatever else runs on the machine."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # the parent's pid
            total += int(fields[11]) + int(fields[12])  # utime, stime (clock ticks)
    return total / os.sysconf("SC_CLK_TCK")


def production_server(env, port, log):
    """gunicorn as `make serve` starts it (deploy/gunicorn.conf.py), WORKERS
    workers on 127.0.0.1:`port`; the site's public address is the server's
    own (atlas/warmup.py keeps API items for it)."""
    base = f"http://127.0.0.1:{port}"
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "HOST": f"127.0.0.1:{port}", "ATLAS_WORKERS": str(WORKERS), "ATLAS_BASE_URL": base},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


# The master warms up before the workers answer (ATLAS_WARM_SECONDS, 20 s).
STARTUP_SECONDS = 60


def run(database_url, seconds=WRK_SECONDS):
    """{"cached": {...}, "uncached": {...}}: the mix as visitors repeat it
    (pages come from the page cache, public/search_page.py), and distinct
    searches (`bench.mix.distinct_searches`, each URL also made unique), so
    that every page is searched and rendered. Each with the server's CPU
    time per request and the machine's load average."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(LOG, "w")  # noqa: SIM115 (closed in finally, after the server)
    server = production_server(server_env(database_url), port, log)
    try:
        wait_until_up(f"{base}/health", server, seconds=STARTUP_SECONDS)
        mixes = {"cached": [qs for _, qs in MIX], "uncached": distinct_searches(DISTINCT)}
        results = {}
        for mode, queries in mixes.items():
            with tempfile.NamedTemporaryFile("w", suffix=".txt") as paths:
                paths.write("".join(f"/suche/?{qs}\n" for qs in queries))
                paths.flush()
                results[mode] = _measured(server.pid, _wrk, base, paths.name, seconds, mode)
                if results[mode]["errors"] == results[mode]["requests"]:
                    # A rate of error pages is no speed: say so instead of printing it.
                    raise SystemExit(f"load: every {mode} answer was an error; see {LOG}")
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def _measured(master, wrk, *args):
    """wrk's figures, with the workers' CPU ms per request and the load average."""
    cpu = workers_cpu_seconds(master)
    result = wrk(*args)
    used = workers_cpu_seconds(master) - cpu
    result["server_cpu_ms_per_request"] = round(used * 1000 / max(result["requests"], 1), 1)
    result["load_average"] = round(os.getloadavg()[0], 1)
    return result


def _wrk(base, paths, seconds, mode):
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s"]
    command += [f"--timeout={WRK_TIMEOUT}s", "-s", str(ROOT / "bench/mix.lua"), base, "--", paths, mode]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)
    return parse_wrk(done.stdout)


def main():
    path = Path(sys.argv[1]).resolve()
    # Pages link hashed static names (ATLAS_DEBUG=0); bench/run.py collects them too.
    env = server_env(f"sqlite:///{path}")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    print(json.dumps(run(f"sqlite:///{path}")))


if __name__ == "__main__":
    main()
