"""manage.py send_alerts — e-mail alerts, deadline reminders and the
clean-up of unconfirmed sign-ups, in one run (cron: see README)."""

from django.core.management.base import BaseCommand

from alerts.sending import run_all


class Command(BaseCommand):
    help = "Send search alerts and deadline reminders; delete unconfirmed sign-ups older than 7 days."

    def add_arguments(self, parser):
        parser.add_argument("--no-alerts", action="store_true", help="skip the search alerts")
        parser.add_argument("--no-reminders", action="store_true", help="skip the deadline reminders")

    def handle(self, *args, no_alerts=False, no_reminders=False, **options):
        run = run_all(alerts=not no_alerts, reminders=not no_reminders)
        deleted = ", ".join(f"{name} {count}" for name, count in run.deleted.items())
        self.stdout.write(
            f"{run.searches} searches, {run.alerts} alerts, {run.reminders} reminders sent, "
            f"{run.failed} failed; deleted: {deleted}"
        )
