"""Stores today's statuses in the search documents (daily, from cron, shortly
after midnight). Searches do not need it to be right — they compute another
day's statuses without writing (search.snapshot) — but a current index spares
every worker that extra query once a day."""

from django.core.management.base import BaseCommand

from catalogue.status import today
from search.index import refresh_statuses


class Command(BaseCommand):
    help = "Schreibt die Status des heutigen Tages in den Suchindex."

    def handle(self, *args, **options):
        count = refresh_statuses(today())
        self.stdout.write(f"Status aktualisiert: {count} Förderprogramme.")
