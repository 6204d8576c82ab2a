"""manage.py backup -o FILE: the whole database in one file (ops/backup.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ops.backup import BackupError, backup


class Command(BaseCommand):
    help = _("Sichert die ganze Datenbank in eine Datei (SQLite: Online-Sicherung; PostgreSQL: pg_dump).")

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", metavar="FILE", required=True, help=_("die Sicherungsdatei"))
        parser.add_argument("--database", default="default", help=_("Datenbank-Alias (Vorgabe: default)"))

    def handle(self, *, output, database, **options):
        try:
            backup(output, database)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Gesichert: %(file)s") % {"file": output})
