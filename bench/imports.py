"""Import speed: a foerderatlas/1 document of `size` programmes (one funder
per eight, deadlines, regions, vocabularies, a funder link each) imported
with `manage.py import_catalogue` into a fresh, migrated SQLite database —
catalogue and search index in one transaction (ADR 0006). Then
`check_search_index` must find no drift.

    .venv/bin/python bench/imports.py 10000      # one JSON line
"""

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.words import ADJECTIVES, FUNCTION_WORDS, NOUNS, VERBS  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
AREAS = ["sprachfoerderung", "leben-im-quartier", "wohnen", "sport-bewegung", "kultur"]
REGIONS = ["ni", "de", "eu", "03241", "03159", "03404"]


def document(size, seed=20261125):
    rng = random.Random(seed)
    words = [*NOUNS, *ADJECTIVES, *VERBS, *FUNCTION_WORDS]

    def text(count):
        return " ".join(rng.choices(words, k=count))

    institutions = [{"id": f"f{n}", "name": f"Stiftung {text(2)} {n}"} for n in range(size // 8 + 1)]
    programmes = []
    for n in range(size):
        dated = n % 2 == 0
        programmes.append(
            {
                "id": f"p{n}",
                "title": f"{text(rng.randint(5, 12))} {n}",
                "description": text(rng.randint(80, 300)),
                "goals": text(rng.randint(30, 120)),
                "amount": {"max_eur": rng.randint(1, 2000) * 1000},
                "deadlines": {"kind": "dates", "dates": ["2027-03-31"], "yearly": ["09-30"]}
                if dated
                else {"kind": "rolling"},
                "regions": rng.sample(REGIONS, rng.randint(1, 2)),
                "integration_areas": rng.sample(AREAS, rng.randint(1, 3)),
                "eligible": {"applicant_types": ["verein"]},
                "institutions": [{"id": f"f{n // 8}", "role": "mittelgeber"}],
            }
        )
    return {"format": "foerderatlas/1", "institutions": institutions, "programmes": programmes}


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(size, env):
    with tempfile.TemporaryDirectory() as scratch:
        env = dict(env, DATABASE_URL=f"sqlite:///{scratch}/import.db")
        path = Path(scratch) / "import.json"
        path.write_text(json.dumps(document(size), ensure_ascii=False))
        subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        started, cpu_before = time.perf_counter(), _children_cpu()
        done = subprocess.run(
            [PYTHON, "manage.py", "import_catalogue", str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = round(time.perf_counter() - started, 1)
        cpu_seconds = round(_children_cpu() - cpu_before, 1)
        drift = subprocess.run(
            [PYTHON, "manage.py", "check_search_index"], cwd=ROOT, env=env, capture_output=True
        )
        return {
            "size": size,
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,  # the import's own CPU: wall time depends on the shared machine
            "ok": done.returncode == 0,
            "summary": done.stdout.strip(),
            "index_drift": drift.returncode != 0,
        }


if __name__ == "__main__":
    import os

    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, dict(os.environ))))
