"""manage.py import_catalogue FILE [FILE ...] [--dry-run]

Validates all files together against the interchange schema and the atlas's
vocabularies and imports them in one transaction: all or nothing, upsert by
id. Every error and warning is printed on standard error as

    FILE: Förderprogramm <id>: <field>: <message>
    FILE: Warnung: Förderprogramm <id>: <field>: <message>

and the summary ("3 neu, 1 aktualisiert, 40 unverändert") on standard output.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.interchange.importer import import_documents

KIND_LABELS = {
    "institution": gettext_lazy("Förderer"),
    "programme": gettext_lazy("Förderprogramm"),
    "document": gettext_lazy("Dokument"),
}


def _reject_constant(name):
    raise ValueError(_("%(name)s ist keine Zahl im Sinne von JSON") % {"name": name})


def read_document(path):
    """(data, None) or (None, German error text) for one file."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, _("Datei nicht lesbar: %(reason)s") % {"reason": error}
    try:
        return json.loads(text, parse_constant=_reject_constant), None
    except json.JSONDecodeError as error:
        return None, _("Kein gültiges JSON in Zeile %(line)d, Spalte %(column)d: %(reason)s") % {
            "line": error.lineno,
            "column": error.colno,
            "reason": error.msg,
        }
    except ValueError as error:
        return None, _("Kein gültiges JSON: %(reason)s") % {"reason": error}


def format_finding(item, *, warning=False):
    """ "demo.json: Förderprogramm abc: deadlines.dates[0]: Kein gültiges Datum …"."""
    where = str(KIND_LABELS.get(item["kind"], item["kind"]))
    if item["entry"]:
        where = f"{where} {item['entry']}"
    parts = [
        item["source"] or "-",
        *([_("Warnung")] if warning else []),
        where,
        item["field"],
        item["message"],
    ]
    return ": ".join(part for part in parts if part)


class Command(BaseCommand):
    help = _(
        "Importiert Förderer und Förderprogramme im Austauschformat foerderatlas/1: "
        "prüft alle Dateien, dann alles oder nichts, Abgleich über die Kennung."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", metavar="FILE", help=_("JSON-Datei(en) im Format foerderatlas/1")
        )
        parser.add_argument(
            "--dry-run", action="store_true", help=_("nur prüfen und berichten, nichts speichern")
        )

    def handle(self, *args, files, dry_run=False, **options):
        documents, problems = [], []
        for name in files:
            data, problem = read_document(name)
            if problem:
                problems.append(f"{name}: {problem}")
            documents.append((name, data))
        if problems:
            self.stderr.write("\n".join(problems))
            raise CommandError(_("Import abgebrochen; nichts wurde gespeichert."))
        report = import_documents(documents, dry_run=dry_run)
        self._print(report, verbosity=options["verbosity"])

    def _print(self, report, *, verbosity):
        for item in report.errors:
            self.stderr.write(format_finding(item))
        if verbosity >= 1:
            for item in report.warnings:
                self.stderr.write(format_finding(item, warning=True))
        if report.errors:
            entries = {(e["source"], e["kind"], e["entry"]) for e in report.errors}
            raise CommandError(
                _("Import abgebrochen: %(errors)d Fehler in %(entries)d Einträgen; nichts wurde gespeichert.")
                % {"errors": len(report.errors), "entries": len(entries)}
            )
        if verbosity >= 1:
            self.stdout.write(self._summary(report))

    def _summary(self, report):
        summary = _("%(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert") % {
            "created": len(report.created),
            "updated": len(report.updated),
            "unchanged": len(report.unchanged),
        }
        if report.dry_run:
            summary += " " + _("(Probelauf: nichts gespeichert)")
        return summary
