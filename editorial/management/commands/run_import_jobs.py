"""manage.py run_import_jobs [--once] [--poll SECONDS]

Applies the bulk imports the Redaktion started on /redaktion/import/
(`editorial.jobs`), one at a time. With --once it applies what is waiting
and ends (the import page starts it so by default); without, it keeps
polling, e.g. as a systemd service with ATLAS_IMPORT_WORKER=external:

    ExecStart=/srv/atlas/.venv/bin/python manage.py run_import_jobs
"""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from editorial import jobs


class Command(BaseCommand):
    help = _("Führt die in der Redaktion gestarteten Massenimporte aus, einen nach dem anderen.")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help=_("nur die wartenden ausführen, dann enden"))
        parser.add_argument("--poll", type=float, default=2.0, help=_("Sekunden zwischen zwei Blicken"))

    def handle(self, *args, once, poll, **options):
        while True:
            job = jobs.claim_next()
            if job is not None:
                try:
                    jobs.run(job)
                except Exception:  # logged and stored on the job; the next one may still run
                    pass
                else:
                    self.stdout.write(_("Import „%(name)s“ fertig.") % {"name": job.filename})
                continue
            if once:
                return
            time.sleep(poll)
