"""Whether the search index says what the catalogue says; exit code 1 on any
difference (for monitoring), 0 when they agree. `rebuild_search_index`
repairs drift."""

import sys

from django.core.management.base import BaseCommand

from search.drift import drift


class Command(BaseCommand):
    help = "Vergleicht den Suchindex mit dem Katalog; Exit-Code 1 bei Abweichungen."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=50, help="höchstens so viele Abweichungen zeigen")

    def handle(self, *args, limit, **options):
        found = drift(limit)
        if not found:
            self.stdout.write("Suchindex stimmt mit dem Katalog überein.")
            return
        for line in found:
            self.stdout.write(line)
        self.stderr.write(f"Suchindex weicht ab ({len(found)} Befunde, höchstens {limit} gezeigt).")
        sys.exit(1)
