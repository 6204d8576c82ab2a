"""manage.py export_catalogue [-o FILE] [--published-only]

Writes the catalogue in the interchange format foerderatlas/1. By default
every entry regardless of its workflow state, because the export is the
editors' backup; the format has no state field, so a draft imported into an
empty atlas comes back published. `--published-only` exports what the
public sees.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalogue.interchange.exporter import stream_document
from catalogue.models import Institution, Programme
from catalogue.queries import published


class Command(BaseCommand):
    help = _("Schreibt den Katalog im Austauschformat foerderatlas/1 (Standard: alle Einträge).")

    def add_arguments(self, parser):
        parser.add_argument(
            "-o", "--output", metavar="FILE", help=_("in diese Datei statt auf die Standardausgabe")
        )
        parser.add_argument("--published-only", action="store_true", help=_("nur veröffentlichte Einträge"))

    def handle(self, *, output=None, published_only=False, **options):
        institutions, programmes = Institution.objects.all(), Programme.objects.all()
        if published_only:
            institutions, programmes = published(institutions), published(programmes)
        pieces = stream_document(institutions, programmes)
        if output is None:
            for piece in pieces:
                self.stdout.write(piece, ending="")
            return
        try:
            with open(output, "w", encoding="utf-8") as file:
                file.writelines(pieces)
        except OSError as error:
            raise CommandError(
                _("%(file)s: nicht schreibbar: %(reason)s") % {"file": output, "reason": error}
            ) from error
