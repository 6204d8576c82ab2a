from django.core.management.base import BaseCommand

from catalogue.status import today
from feedback import reminders


class Command(BaseCommand):
    help = (
        "Bittet Förderer-Konten per E-Mail, Einträge zu bestätigen, die seit sechs Monaten nicht geprüft "
        "wurden, und löscht erledigte Meldungen nach einem Jahr. Für cron."
    )

    def handle(self, *args, **options):
        run = reminders.run(today())
        self.stdout.write(
            f"{run.mails} E-Mails zu {run.entries} Einträgen, {run.failed} fehlgeschlagen, "
            f"{run.told} Vorschlagende benachrichtigt, {run.deleted} alte Datensätze gelöscht."
        )
