"""Start Django from a benchmark script: the project root on sys.path,
settings from the environment (DATABASE_URL picks the database), the bench day
pinned so that statuses never depend on the day the benchmark runs."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DAY = "2026-11-25"


def setup():
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "atlas.settings")
    os.environ.setdefault("ATLAS_TODAY", BENCH_DAY)
    import django

    django.setup()
