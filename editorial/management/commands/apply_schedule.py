"""manage.py apply_schedule: publish and archive entries whose
"veröffentlichen am" / "archivieren am" time has come. Put it in cron, e.g.
every 15 minutes:

    */15 * * * *  cd /srv/atlas && .venv/bin/python manage.py apply_schedule
"""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from editorial.workflow import apply_schedule


class Command(BaseCommand):
    help = _("Veröffentlicht und archiviert Einträge, deren geplanter Zeitpunkt erreicht ist.")

    def handle(self, *args, **options):
        result = apply_schedule(timezone.now())
        for entry in result.published:
            self.stdout.write(_("veröffentlicht: %(entry)s") % {"entry": entry})
        for entry in result.archived:
            self.stdout.write(_("archiviert: %(entry)s") % {"entry": entry})
        self.stdout.write(
            _("%(published)d veröffentlicht, %(archived)d archiviert.")
            % {"published": len(result.published), "archived": len(result.archived)}
        )
