"""The feedback sections of the Redaktion's worklist: open error reports
with their entries, and account requests waiting for a decision.
(Suggestions wait as programmes "In Prüfung" in the review section.)"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import AccountRequest, Report

EXCERPT = 200


@dataclass
class Finding:
    entry: object
    messages: list


def _excerpt(text):
    return text if len(text) <= EXCERPT else text[:EXCERPT].rstrip() + "…"


def open_reports():
    reports = Report.objects.filter(closed_at__isnull=True).select_related("programme", "institution")
    by_entry = defaultdict(list)
    for report in reports.order_by("created_at"):
        by_entry[report.entry].append(f"{report.get_kind_display()}: {_excerpt(report.text)}")
    return [Finding(entry, messages) for entry, messages in by_entry.items()]


def open_account_requests():
    requests = AccountRequest.objects.filter(decided_at__isnull=True).select_related("institution")
    return [
        Finding(r.institution, [f"{r.name} ({r.position}), {r.email}"])
        for r in requests.order_by("created_at")
    ]


def open_feedback(on):
    """(key, title, hint, findings) of each section, for `editorial.worklist`."""
    return [
        (
            "reports",
            _("Fehlermeldungen von Besucherinnen und Besuchern"),
            _(
                "Eintrag berichtigen, dann die Meldung unter „Rückmeldungen › Fehlermeldungen“ mit einer "
                "Notiz schließen."
            ),
            open_reports(),
        ),
        (
            "account_requests",
            _("Anfragen für ein Förderer-Konto"),
            _("Unter „Rückmeldungen › Kontoanfragen“ freischalten oder ablehnen."),
            open_account_requests(),
        ),
    ]
