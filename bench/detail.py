"""Programme detail pages: a full GET through Django's test client
(middleware, view, similar programmes, template) for 200 published
programmes picked at random, after a warm-up; p50 and p95 in ms.

    DATABASE_URL=… .venv/bin/python bench/detail.py postgres_100k --out FILE
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.django_setup import setup  # noqa: E402
from bench.stats import percentile  # noqa: E402

PAGES, WARM_UP = 200, 20


def time_pages(slugs):
    from django.test import Client

    client = Client()
    times = []
    for slug in slugs:
        started = time.perf_counter()
        response = client.get(f"/foerderungen/{slug}/")
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (slug, response.status_code)
    return times


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("label")
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    setup()
    from catalogue.models import Programme
    from catalogue.queries import published

    slugs = list(published(Programme.objects.all()).values_list("slug", flat=True))
    picked = random.Random(16).sample(slugs, min(PAGES + WARM_UP, len(slugs)))
    time_pages(picked[:WARM_UP])
    times = time_pages(picked[WARM_UP:])
    report = {
        "label": args.label,
        "n": len(times),
        "p50_ms": round(percentile(times, 0.5), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
    }
    text = json.dumps(report)
    if args.out:
        Path(args.out).write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
