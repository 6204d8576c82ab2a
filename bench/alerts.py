"""Time `manage.py send_alerts` for 10,000 confirmed subscriptions over a
catalogue (the issue asks for under two minutes at 10k programmes).

    .venv/bin/python bench/alerts.py bench/out/sqlite-10k-g1.db --out result.json
    .venv/bin/python bench/run.py --only-alerts      # the same through make bench's runner

Works on a copy of the cached catalogue (the cache stays as it is):

1. 10,000 confirmed subscriptions over `SEARCHES` distinct searches drawn
   with Zipf weights, as people share popular searches (Sprachförderung in
   Niedersachsen) and few ask the same rare one: words from the generator's
   vocabulary, regions, Integrationsbereiche, Zielgruppen, Antragsberechtigte,
   "open only", in the combinations the Suche page produces. 7 languages.
2. Each search's baseline is recorded, as confirming does (untimed).
3. `NEW` programmes, held back as drafts before the baseline, are published
   through the ORM (signals update the index, as an import does).
4. Timed: one run of the alerts (`alerts.sending.run_all`, reminders off)
   through Django's SMTP backend to an aiosmtpd sink on 127.0.0.1, one
   connection for the run; then a second run with nothing new.

Prints one JSON object as the last line.
"""

import argparse
import cProfile
import json
import os
import pstats
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_setup  # noqa: E402
from bench.words import NOUNS  # noqa: E402

SUBSCRIPTIONS = 10_000
SEARCHES = 2_000
NEW = 50
SEED = 20261206
LANGUAGES = ["de", "de", "de", "en", "ar", "tr", "uk", "ru", "fa"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_sink(port):
    """aiosmtpd's sink in its own process. Started outside the project
    directory: the project's `public` app would shadow the `public` module
    aiosmtpd imports."""
    python = str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "python")
    command = [python, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Sink"]
    process = subprocess.Popen(command, cwd=tempfile.gettempdir(), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("bench/alerts.py: the SMTP sink did not start")


def searches(rng, vocab, count):
    """`count` distinct query strings as the Suche page writes them."""
    from django.http import QueryDict

    from search.core import canonical_query

    words = NOUNS[:150]
    found = {}
    while len(found) < count:
        params = QueryDict(mutable=True)
        if rng.random() < 0.5:
            params["q"] = " ".join(rng.sample(words, rng.choice([1, 1, 1, 2])))
        if rng.random() < 0.7:
            params.setlist("region", [rng.choice(["ni", "ni", *vocab["region"]])])
        for name, chance in (("integration_area", 0.5), ("target_group", 0.25), ("applicant_type", 0.3)):
            if rng.random() < chance:
                params.setlist(name, rng.sample(vocab[name], rng.choice([1, 1, 2])))
        if rng.random() < 0.2:
            params.setlist("status", ["open", "closing_soon"])
        query = canonical_query(params)
        found.setdefault(query, None)
    return list(found)


def vocabularies():
    from search.vocabularies import load

    return {name: [o.code for o in options] for name, options in load().items()}


def setup(rng, subscriptions, distinct):
    """Subscriptions, baselines and the held-back programmes; returns the
    programmes to publish and the number of distinct searches in use."""
    from django.utils import timezone

    from alerts import watching
    from alerts.models import AlertQuery, Subscription
    from catalogue.models import Programme, Workflow

    held_back = rng.sample(sorted(Programme.objects.values_list("pk", flat=True)), NEW)
    for programme in Programme.objects.filter(pk__in=held_back):
        programme.state = Workflow.DRAFT
        programme.save()  # signals: out of the index, as a draft is
    queries = searches(rng, vocabularies(), distinct)
    rows = AlertQuery.objects.bulk_create([AlertQuery(key=AlertQuery.key_of(q), query=q) for q in queries])
    weights = [1 / rank for rank in range(1, len(rows) + 1)]
    now = timezone.now()
    chosen = rng.choices(rows, weights=weights, k=subscriptions)
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"person{n}@example.org",
                search=search,
                language=rng.choice(LANGUAGES),
                consent_text="bench",
                confirmed_at=now,
            )
            for n, search in enumerate(chosen)
        ],
        batch_size=2000,
    )
    in_use = {s.pk for s in chosen}
    started = time.perf_counter()
    for search in AlertQuery.objects.filter(pk__in=in_use):
        watching.refresh(search)
    baseline = time.perf_counter() - started
    Subscription.objects.update(told_until=timezone.now())
    return held_back, len(in_use), baseline


def publish(held_back):
    from catalogue.models import Programme, Workflow

    for programme in Programme.objects.filter(pk__in=held_back):
        programme.state = Workflow.PUBLISHED
        programme.save()


def main(argv=None):
    parser = argparse.ArgumentParser(description="Time send_alerts for 10,000 subscriptions.")
    parser.add_argument("database", help="a catalogue made by bench/generate.py (not changed)")
    parser.add_argument("--out", help="write the JSON result here too")
    parser.add_argument("--subscriptions", type=int, default=SUBSCRIPTIONS, help="for a quick look")
    parser.add_argument("--searches", type=int, default=SEARCHES, help="distinct searches to draw")
    parser.add_argument("--profile", action="store_true", help="print where the timed run spends its time")
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="bench-alerts-"))
    port = free_port()
    sink = smtp_sink(port)
    try:
        copy = workdir / "alerts.db"
        shutil.copyfile(args.database, copy)
        os.environ.update(
            DATABASE_URL=f"sqlite:///{copy}",
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(port),
            ATLAS_BASE_URL="https://atlas.example.org",
        )
        django_setup.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from alerts.sending import run_all
        from catalogue.models import Programme

        rng = random.Random(SEED)
        held_back, in_use, baseline = setup(rng, args.subscriptions, args.searches)
        publish(held_back)
        profile = cProfile.Profile() if args.profile else None
        started = time.perf_counter()
        if profile:
            profile.enable()
        run = run_all(reminders=False)
        seconds = time.perf_counter() - started
        if profile:
            profile.disable()
            pstats.Stats(profile, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
        started = time.perf_counter()
        idle = run_all(reminders=False)
        idle_seconds = time.perf_counter() - started
        result = {
            "programmes": Programme.objects.count(),
            "subscriptions": args.subscriptions,
            "searches": in_use,
            "new_programmes": NEW,
            "seconds": round(seconds, 2),
            "mails": run.alerts,
            "failed": run.failed,
            "idle_seconds": round(idle_seconds, 2),
            "idle_mails": idle.alerts,
            "baseline_seconds": round(baseline, 2),
        }
    finally:
        sink.terminate()
        sink.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    line = json.dumps(result)
    if args.out:
        Path(args.out).write_text(line)
    print(line)


if __name__ == "__main__":
    main()
