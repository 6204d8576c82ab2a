"""`manage.py export_catalogue` on a large catalogue (issue 16: the
documented export must stream and work at 100,000 programmes on SQLite and
PostgreSQL): wall time, the command's peak memory, the file's size, and
whether the file is one complete interchange document holding every entry.

    DATABASE_URL=… .venv/bin/python bench/export_size.py export_sqlite_100k --out FILE

The file is checked without loading it whole: entries are counted by the
lines opening their "id" key at the entry's indent, as the exporter writes it.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")


def entries_in(path):
    """(entries, last line): lines opening an entry's "id" key, at an entry's indent."""
    count, last = 0, ""
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.startswith('   "id": '):
                count += 1
            if line.strip():
                last = line.strip()
    return count, last


def expected_entries():
    sys.path.insert(0, str(ROOT))
    from bench.django_setup import setup

    setup()
    from catalogue.models import Institution, Programme

    return Programme.objects.count() + Institution.objects.count()


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("label")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "catalogue.json"
        timing = Path(scratch) / "time.txt"
        started = time.perf_counter()
        subprocess.run(
            [
                "/usr/bin/time",
                "-f",
                "%M",
                "-o",
                str(timing),
                PYTHON,
                "manage.py",
                "export_catalogue",
                "-o",
                target,
            ],
            cwd=ROOT,
            env=os.environ,
            check=True,
        )
        seconds = time.perf_counter() - started
        count, last = entries_in(target)
        report = {
            "label": args.label,
            "seconds": round(seconds, 1),
            "max_rss_mb": round(int(timing.read_text().split()[-1]) / 1024),
            "bytes": target.stat().st_size,
            "entries": count,
            "expected_entries": expected_entries(),
            "complete": last == "}",
            "load_average": os.getloadavg()[0],
        }
    text = json.dumps(report)
    if args.out:
        Path(args.out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
