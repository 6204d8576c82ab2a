"""manage.py load_thesaurus [FILE] [--replace]: create or update the
thesaurus from a file (default: the shipped one); all or nothing."""

from django.core.management.base import BaseCommand, CommandError

from thesaurus import data
from thesaurus.models import Concept


class Command(BaseCommand):
    help = "Load the multilingual thesaurus (default: the file shipped with the atlas)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(data.DATA_FILE))
        parser.add_argument("--replace", action="store_true", help="delete concepts the file does not name")

    def handle(self, *args, file, replace, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                parsed = data.parse(handle.read())
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: {error}") from error
        if parsed.errors:
            raise CommandError("\n".join(parsed.errors))
        created, updated, deleted = data.save(parsed.rows, Concept, replace=replace)
        self.stdout.write(
            f"{len(parsed.rows)} concepts: {created} created, {updated} updated, {deleted} deleted"
        )
