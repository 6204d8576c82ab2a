"""manage.py check_links [--workers N] [--timeout S] [URL ...]

Checks every address of the catalogue (programme links, websites, sources)
and records the result per URL in LinkCheck; the worklist shows the broken
ones. Meant for a weekly cron job, e.g.

    17 3 * * 1  cd /srv/atlas && .venv/bin/python manage.py check_links
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from editorial import linkcheck


class Command(BaseCommand):
    help = _("Prüft alle Links des Katalogs und speichert das Ergebnis je Adresse.")

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", metavar="URL", help=_("nur diese Adressen prüfen"))
        parser.add_argument(
            "--workers",
            type=int,
            default=linkcheck.DEFAULT_WORKERS,
            help=_("höchstens so viele Anfragen zugleich"),
        )
        parser.add_argument(
            "--timeout", type=float, default=linkcheck.DEFAULT_TIMEOUT, help=_("Sekunden je Anfrage")
        )

    def handle(self, *args, urls, workers, timeout, **options):
        if workers < 1 or timeout <= 0:
            raise CommandError(_("--workers muss mindestens 1 und --timeout größer als 0 sein."))
        everything = not urls
        urls = urls or linkcheck.catalogue_urls()
        results = linkcheck.check_all(urls, workers=workers, timeout=timeout)
        linkcheck.record(results)
        removed = linkcheck.forget_unused(urls) if everything else 0
        for result in results:
            if not result.ok or result.redirect_to:
                self.stdout.write(self._line(result))
        broken = sum(not r.ok for r in results)
        self.stdout.write(
            _("%(total)d Adressen geprüft, %(broken)d fehlerhaft, %(removed)d alte Ergebnisse entfernt.")
            % {"total": len(results), "broken": broken, "removed": removed}
        )

    @staticmethod
    def _line(result):
        parts = [result.url, str(result.status_code or "-")]
        if result.error:
            parts.append(result.error)
        if result.redirect_to:
            parts.append(f"→ {result.redirect_to}")
        return "  ".join(parts)
