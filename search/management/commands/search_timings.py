"""Server time of the search on the current database: a fixed mix of 20
searches (text, typo, facets, sorting, paging), each run several times; the
median per search and over all. For a quick look; bench/ has the benchmark.

    .venv/bin/python manage.py search_timings --rounds 5
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.http import QueryDict

from search.core import search

MIX = [
    "q=Einbürgerung",
    "q=sprachkurs+ukrainische+gefluechtete",
    "q=Migrationsberetung",
    "q=Mikroprojekt",
    "q=Foerderung&status=closing_soon",
    'q="interkulturelle+Begegnung"',
    "q=Sport+-Verein",
    "q=Integration&page=2",
    "",
    "region=03155",
    "region=03241&status=open&sort=deadline",
    "integration_area=sprachfoerderung&target_group=fluchtgeschichte",
    "applicant_type=migrantenorganisation&funding_kind=institutionell",
    "amount_min=5000&amount_max=50000",
    "type=institution&region=ni",
    "status=expired&sort=title",
    "sort=newest",
    "integration_area=arbeitsmarkt-qualifizierung&integration_area=schule-bildung",
    "q=Kultur&region=03101&amount_max=10000",
    "q=jugend+sport&type=programme&target_group=kinder-jugendliche",
]


def timed(query):
    started = time.perf_counter()
    result = search(QueryDict(query))
    for hit in result.hits:
        str(hit.snippet)
    return (time.perf_counter() - started) * 1000, result.total


class Command(BaseCommand):
    help = "Misst die Serverzeit einer festen Mischung von 20 Suchen."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=5)

    def handle(self, *args, rounds, **options):
        timed("")  # the first search of a day refreshes the statuses
        medians = []
        for query in MIX:
            runs = [timed(query) for _ in range(rounds)]
            median = statistics.median(ms for ms, _total in runs)
            medians.append(median)
            self.stdout.write(f"{median:7.1f} ms  {runs[0][1]:6d} Treffer  ?{query}")
        medians.sort()
        p95 = medians[min(len(medians) - 1, round(0.95 * len(medians)) - 1)]
        self.stdout.write(
            f"median {statistics.median(medians):.1f} ms, p95 {p95:.1f} ms, max {medians[-1]:.1f} ms"
        )
