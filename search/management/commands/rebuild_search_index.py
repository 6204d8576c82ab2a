from django.core.management.base import BaseCommand

from search.index import rebuild_index


class Command(BaseCommand):
    help = "Baut den Suchindex aus allen veröffentlichten Einträgen neu auf."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(f"Suchindex neu aufgebaut: {count} Einträge.")
