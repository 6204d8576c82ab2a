"""Synthetic catalogues for the search benchmarks.

    DATABASE_URL=sqlite:////tmp/bench-10k.db .venv/bin/python bench/generate.py 10000

Writes `size` programmes and one institution per eight programmes into an
empty, migrated database (it migrates first), then rebuilds the search index.
Everything is drawn from one seeded random source, so a size always gives the
same catalogue (bump GENERATOR_VERSION when the output changes: the benchmark
caches databases by it).

What makes it realistic: German titles of 5–15 words, descriptions of 80–300
and goals of 30–120 words with Zipf-distributed funding vocabulary; skewed
vocabularies (Niedersachsen- and Bund-wide offers common, single districts
rarer, "Sprachförderung" far more common than "Wohnen"); a mix of rolling,
yearly, one-off past and future and missing deadlines; amounts from a
thousand to two million euros. Rows go in with bulk_create (the many-to-many
rows with executemany) in batches, which sends no signals, so the index is
rebuilt once at the end.
"""

import argparse
import random
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import django_setup  # noqa: E402

GENERATOR_VERSION = 1
SEED = 20261125
PROGRAMMES_PER_INSTITUTION = 8
BATCH = 2000
VOCABULARY_FIELDS = ["regions", "integration_areas", "target_groups", "applicant_types", "funding_kinds"]
# Words per field: (low, high).
TITLE_WORDS, DESCRIPTION_WORDS, GOALS_WORDS = (5, 15), (80, 300), (30, 120)


class Picker:
    """Draws distinct codes with Zipf weights over the given order
    (the vocabulary files list the most used values first)."""

    def __init__(self, rng, codes, exponent=0.9, weights=None):
        self.rng, self.codes = rng, list(codes)
        self.weights = weights or [1 / rank**exponent for rank in range(1, len(self.codes) + 1)]

    def some(self, low, high):
        count = min(self.rng.randint(low, high), len(self.codes))
        chosen = set()
        while len(chosen) < count:
            chosen.add(self.rng.choices(self.codes, weights=self.weights)[0])
        return sorted(chosen)


def region_picker(rng, codes):
    """ni 40 %, de 28 %, eu 7 %, one of the 45 districts 25 % (Zipf among them)."""
    districts = [c for c in codes if c not in ("eu", "de", "ni")]
    # Region Hannover and the cities first: more organisations, more local offers.
    districts.sort(key=lambda c: (c != "03241", c[-3] != "1" and c[:4] != "0340", c))
    district_weights = [1 / rank for rank in range(1, len(districts) + 1)]
    scale = 0.25 / sum(district_weights)
    weights = [0.40, 0.28, 0.07] + [w * scale for w in district_weights]
    return Picker(rng, ["ni", "de", "eu", *districts], weights=weights)


def nice(amount):
    """Round to two significant digits, as funders write sums (25.000, 1.200)."""
    digits = len(str(int(amount))) - 2
    return int(round(amount, -digits)) if digits > 0 else int(amount)


def euro(amount):
    return f"{amount:,}".replace(",", ".") + " Euro"


class Generator:
    def __init__(self, size, seed=SEED):
        from bench.text import Prose
        from catalogue import models

        self.m = models
        self.size = size
        self.rng = random.Random(seed)
        self.prose = Prose(self.rng)
        self.day = date.fromisoformat(django_setup.BENCH_DAY)
        self.institution_count = max(1, size // PROGRAMMES_PER_INSTITUTION)
        self.pickers = self._pickers()
        self.funder_weights = [1 / rank**0.8 for rank in range(1, self.institution_count + 1)]

    def _pickers(self):
        m, rng = self.m, self.rng
        return {
            "regions": region_picker(rng, m.Region.objects.values_list("code", flat=True)),
            "integration_areas": Picker(rng, m.IntegrationArea.objects.values_list("code", flat=True)),
            "target_groups": Picker(rng, m.TargetGroup.objects.values_list("code", flat=True)),
            "applicant_types": Picker(rng, m.ApplicantType.objects.values_list("code", flat=True), 1.1),
            "funding_kinds": Picker(rng, m.FundingKind.objects.values_list("code", flat=True), 2.5),
            "kind": Picker(rng, m.InstitutionKind.objects.values_list("code", flat=True), 1.0),
        }

    # Institutions -------------------------------------------------------

    def institutions(self):
        from bench import words

        rows, links = [], {f: [] for f in VOCABULARY_FIELDS if f != "applicant_types"}
        for pk in range(1, self.institution_count + 1):
            pattern = self.rng.choice(words.INSTITUTION_PATTERNS)
            _, description, goals = self.prose.entry((1, 1), (40, 150), (20, 80))
            name = pattern.format(
                adj=self.rng.choice(words.ADJECTIVES).capitalize() + "e",
                noun=self.rng.choice(self.prose.nouns),
                place=self.rng.choice(words.PLACES),
            )
            rows.append(
                self.m.Institution(
                    pk=pk,
                    slug=f"bench-institution-{pk}",
                    name=name,
                    kind_id=self.pickers["kind"].some(1, 1)[0],
                    website=f"https://example.org/foerderer/{pk}",
                    description=description,
                    goals=goals,
                    contact_email=f"kontakt{pk}@example.org",
                    state=self._state(),
                )
            )
            for field, low, high in [
                ("regions", 1, 2),
                ("integration_areas", 1, 5),
                ("target_groups", 1, 4),
                ("funding_kinds", 1, 2),
            ]:
                links[field] += [(pk, code) for code in self.pickers[field].some(low, high)]
        return rows, links

    # Programmes ---------------------------------------------------------

    def _state(self):
        return self.rng.choices(["published", "draft", "review", "archived"], [92, 4, 2, 2])[0]

    def _deadlines(self, pk):
        """Kind and Deadline rows: 55 % dates (yearly, future or past one-off),
        30 % rolling, 15 % none."""
        kind = self.rng.choices(["dates", "rolling", "none"], [55, 30, 15])[0]
        rows = []
        if kind == "dates":
            for _ in range(self.rng.choice([1, 1, 1, 2, 2, 3])):
                roll = self.rng.random()
                if roll < 0.45:
                    yearly = f"{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}"
                    rows.append(self.m.Deadline(programme_id=pk, yearly=yearly))
                elif roll < 0.75:
                    when = self.day + timedelta(days=self.rng.randint(0, 400))
                    rows.append(self.m.Deadline(programme_id=pk, date=when))
                else:
                    when = self.day - timedelta(days=self.rng.randint(1, 730))
                    rows.append(self.m.Deadline(programme_id=pk, date=when))
        return kind, rows

    def _amounts(self):
        if self.rng.random() < 0.15:
            return {}
        maximum = nice(10 ** self.rng.uniform(3, 6.3))
        minimum = nice(maximum * self.rng.uniform(0.05, 0.3)) if self.rng.random() < 0.35 else None
        text = f"bis zu {euro(maximum)}" if minimum is None else f"{euro(minimum)} bis {euro(maximum)}"
        rate = self.rng.choice([None, None, 50, 75, 80, 90, 100])
        return {
            "amount_text": text + (f", höchstens {rate} % der Kosten" if rate else ""),
            "amount_min_eur": Decimal(minimum) if minimum else None,
            "amount_max_eur": Decimal(maximum),
            "amount_max_rate_percent": Decimal(rate) if rate else None,
        }

    def _own_contribution(self):
        if self.rng.random() < 0.5:
            return {}
        percent = self.rng.choice([10, 10, 20, 25, 50])
        return {
            "own_contribution_text": f"mindestens {percent} % Eigenanteil",
            "own_contribution_min_percent": Decimal(percent),
            "own_contribution_in_kind_allowed": self.rng.random() < 0.6,
        }

    def _period(self):
        """10 % have a Laufzeit; half of those ended already (expired)."""
        if self.rng.random() >= 0.10:
            return {}
        end = self.day + timedelta(days=self.rng.randint(-500, 900))
        return {"period_start": end - timedelta(days=self.rng.choice([365, 730, 1095])), "period_end": end}

    def programme(self, pk):
        kind, deadlines = self._deadlines(pk)
        window = self.day + timedelta(days=self.rng.randint(1, 120)) if self.rng.random() < 0.05 else None
        title, description, goals = self.prose.entry(TITLE_WORDS, DESCRIPTION_WORDS, GOALS_WORDS)
        programme = self.m.Programme(
            pk=pk,
            slug=f"bench-programme-{pk}",
            title=title,
            description=description,
            goals=goals,
            eligible_text=" ".join(self.prose.sentences(self.prose.words(self.rng.randint(10, 30)))),
            contact_name="Förderreferat",
            contact_email=f"foerderung{pk}@example.org",
            last_checked=self.day - timedelta(days=self.rng.randint(0, 700)),
            state=self._state(),
            deadline_kind=kind,
            window_start=window,
            links=[{"title": "Förderrichtlinie", "url": f"https://example.org/richtlinie/{pk}"}],
            **self._amounts(),
            **self._own_contribution(),
            **self._period(),
        )
        return programme, deadlines

    def roles(self, pk):
        funder = self.rng.choices(range(1, self.institution_count + 1), weights=self.funder_weights)[0]
        rows = [self.m.ProgrammeInstitution(programme_id=pk, institution_id=funder, role="mittelgeber")]
        if self.rng.random() < 0.3 and self.institution_count > 1:
            approver = self.rng.randint(1, self.institution_count)
            if approver != funder:
                rows.append(
                    self.m.ProgrammeInstitution(
                        programme_id=pk, institution_id=approver, role="bewilligungsstelle", position=1
                    )
                )
        return rows

    def vocabulary_links(self, pk):
        ranges = {
            "regions": (1, 2),
            "integration_areas": (1, 4),
            "target_groups": (1, 3),
            "applicant_types": (1, 5),
            "funding_kinds": (1, 2),
        }
        return {f: [(pk, code) for code in self.pickers[f].some(*r)] for f, r in ranges.items()}


def insert_links(model, field, pairs):
    """Rows of the auto-created M2M table `model.field`, by executemany: a
    million two-column rows at 100k programmes, where building a model
    instance per row would cost more than the insert."""
    from django.db import connection

    m2m = model._meta.get_field(field)
    through = m2m.remote_field.through._meta
    source = through.get_field(m2m.m2m_field_name()).column
    target = through.get_field(m2m.m2m_reverse_field_name()).column
    sql = f'INSERT INTO "{through.db_table}" ("{source}", "{target}") VALUES (%s, %s)'
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), BATCH * 10):
            cursor.executemany(sql, pairs[start : start + BATCH * 10])


def generate(size, seed=SEED, log=print):
    """Fill the (empty, migrated) default database with a catalogue of `size` programmes."""
    from django.db import connection, transaction

    from catalogue import models as m

    if m.Programme.objects.exists() or m.Institution.objects.exists():
        raise SystemExit("The database already holds a catalogue; generate into an empty one.")
    started = time.perf_counter()
    gen = Generator(size, seed)
    with transaction.atomic():
        institutions, links = gen.institutions()
        m.Institution.objects.bulk_create(institutions, batch_size=BATCH)
        for field, pairs in links.items():
            insert_links(m.Institution, field, pairs)
        for first in range(1, size + 1, BATCH * 5):
            _programme_batch(gen, range(first, min(first + BATCH * 5, size + 1)))
        _reset_sequences(connection)
    seconds = time.perf_counter() - started
    log(f"generated {size} programmes, {gen.institution_count} institutions in {seconds:.1f} s")


def _programme_batch(gen, pks):
    from catalogue import models as m

    programmes, deadlines, roles = [], [], []
    links = {f: [] for f in VOCABULARY_FIELDS}
    for pk in pks:
        programme, rows = gen.programme(pk)
        programmes.append(programme)
        deadlines += rows
        roles += gen.roles(pk)
        for field, pairs in gen.vocabulary_links(pk).items():
            links[field] += pairs
    m.Programme.objects.bulk_create(programmes, batch_size=BATCH)
    m.Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
    m.ProgrammeInstitution.objects.bulk_create(roles, batch_size=BATCH)
    for field, pairs in links.items():
        insert_links(m.Programme, field, pairs)


def _reset_sequences(connection):
    """Explicit primary keys leave PostgreSQL's sequences behind; move them on."""
    from django.apps import apps
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_app_config("catalogue").get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def rebuild_index(log=print):
    from search.index import rebuild_index as rebuild

    started = time.perf_counter()
    documents = rebuild()
    log(f"indexed {documents} documents in {time.perf_counter() - started:.1f} s")


def analyze(log=print):
    """Planner statistics, as autovacuum gives a live PostgreSQL server after
    a bulk load, and as the application gives SQLite after every import
    (`ops.planner`)."""
    from django.db import connection

    from ops.planner import refresh_statistics

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        refresh_statistics()
    log("analyzed")


def reset_search_schema():
    """Drop the search app's tables and forget its migrations, so that its
    current migrations build them anew. A cached catalogue outlives many
    versions of the search code, and during development a search migration
    may be rewritten rather than followed by a new one."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            cursor.execute(
                "SELECT type, name, sql FROM sqlite_master WHERE name LIKE 'search!_%' ESCAPE '!' "
                "AND type IN ('trigger', 'table', 'view')"
            )
            # Triggers first, then virtual tables (they drop their shadow tables).
            order = {"trigger": 0, "view": 1, "table": 2}
            rows = sorted(cursor.fetchall(), key=lambda r: (order[r[0]], "VIRTUAL" not in (r[2] or "")))
            for kind, name, _sql in rows:
                cursor.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE tablename LIKE 'search!_%' ESCAPE '!'")
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TABLE IF EXISTS "{name}" CASCADE')
        cursor.execute("DELETE FROM django_migrations WHERE app = 'search'")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of programmes, e.g. 10000")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--no-index", action="store_true", help="skip rebuilding the search index")
    parser.add_argument(
        "--index-only", action="store_true", help="only migrate and rebuild the index (search tables anew)"
    )
    args = parser.parse_args(argv)
    django_setup.setup()
    from django.core.management import call_command

    if args.index_only:
        reset_search_schema()
    call_command("migrate", verbosity=0)
    if not args.index_only:
        generate(args.size, args.seed)
    if not args.no_index:
        rebuild_index()
    analyze()


if __name__ == "__main__":
    main()
