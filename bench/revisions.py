"""What a revision costs (issue 15, ADR 0006): taking a snapshot of a
programme with all its relations, storing it, applying it back (= publishing),
and its size, on the demo catalogue in a throw-away SQLite file.

    .venv/bin/python bench/revisions.py          # prints a table and one JSON line
"""

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ROUNDS = 5


def _timed(function, items):
    times = []
    for _round in range(ROUNDS):
        for item in items:
            start = time.perf_counter()
            function(item)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    directory = tempfile.mkdtemp(prefix="atlas-bench-revisions-")
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/atlas.db"
    from bench.django_setup import setup

    setup()
    from django.core.management import call_command
    from django.db import transaction

    call_command("migrate", verbosity=0)
    call_command("import_catalogue", str(ROOT / "demo" / "catalogue.json"), verbosity=0)
    from catalogue import snapshots
    from catalogue.models import Programme
    from editorial import revisions
    from editorial.models import Revision

    programmes = list(Programme.objects.all())
    taken = {p.pk: snapshots.take(p) for p in programmes}
    sizes = [len(json.dumps(s, ensure_ascii=False).encode()) for s in taken.values()]

    def apply(programme):
        with transaction.atomic():
            snapshots.apply(programme, taken[programme.pk])

    def record(programme):
        with transaction.atomic():
            revisions.record(programme, Revision.State.REVIEW)

    figures = {
        "programmes": len(programmes),
        "take_ms": _timed(snapshots.take, programmes),
        "record_ms": _timed(record, programmes),
        "apply_ms": _timed(apply, programmes),
        "snapshot_bytes_median": statistics.median(sizes),
        "snapshot_bytes_max": max(sizes),
    }
    for name, value in figures.items():
        print(f"{name:24} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
