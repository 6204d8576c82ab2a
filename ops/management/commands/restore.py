"""manage.py restore FILE: replace the database's content with a backup."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.backup import BackupError, restore


class Command(BaseCommand):
    help = _("Ersetzt den Inhalt der Datenbank durch eine Sicherung von manage.py backup.")

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help=_("die Sicherungsdatei"))
        parser.add_argument("--database", default="default", help=_("Datenbank-Alias (Vorgabe: default)"))

    def handle(self, *, file, database, **options):
        try:
            restore(file, database)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Wiederhergestellt aus %(file)s") % {"file": file})
