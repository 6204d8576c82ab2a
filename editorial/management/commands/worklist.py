"""manage.py worklist: the data-quality worklist of /redaktion/worklist/ as text."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from catalogue.status import today
from editorial import worklist


def _describe(entry):
    return f"{entry._meta.verbose_name} {entry.slug}: {entry} [{entry.get_state_display()}]"


class Command(BaseCommand):
    help = _(
        "Gibt die Arbeitsliste der Redaktion aus "
        "(Abgelaufenes, Ungeprüftes, Lücken, Widersprüche, Dubletten, Links)."
    )

    def handle(self, *args, **options):
        total = 0
        for section in worklist.sections(today()):
            total += section.count
            self.stdout.write(f"\n{section.title} ({section.count})")
            for line in self._lines(section):
                self.stdout.write(f"  {line}")
        self.stdout.write("\n" + _("%(count)d Punkte insgesamt.") % {"count": total})

    @staticmethod
    def _lines(section):
        if section.groups is not None:
            for group in section.groups:
                yield " = ".join(_describe(entry) for entry in group)
        elif section.findings is not None:
            for finding in section.findings:
                yield f"{_describe(finding.entry)}: " + " ".join(finding.messages)
        elif section.links is not None:
            for problem in section.links:
                result = problem.check.error or f"HTTP {problem.check.status_code}"
                if problem.check.redirect_to:
                    result += f" → {problem.check.redirect_to}"
                yield f"{problem.check.url} ({result}): " + ", ".join(e.slug for e in problem.entries)
        else:
            yield from (_describe(entry) for entry in section.entries)
