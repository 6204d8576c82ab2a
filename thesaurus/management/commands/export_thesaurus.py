"""manage.py export_thesaurus [-o FILE]: the thesaurus in its file format."""

from django.core.management.base import BaseCommand

from thesaurus import data
from thesaurus.models import Concept


class Command(BaseCommand):
    help = "Write the thesaurus in the format load_thesaurus reads."

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", default="-")

    def handle(self, *args, output, **options):
        text = data.dump(Concept.objects.all())
        if output == "-":
            self.stdout.write(text, ending="")
        else:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
