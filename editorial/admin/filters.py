"""Change-list filters: status by deadline, worklist problems, funder."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution
from catalogue.status import STATUS_ORDER, today

from .. import roles, worklist


class StatusFilter(admin.SimpleListFilter):
    title = _("Frist-Status")
    parameter_name = "frist"

    def lookups(self, request, model_admin):
        return [(status.value, status.label) for status in STATUS_ORDER]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status_code=self.value())
        return queryset


class ProblemFilter(admin.SimpleListFilter):
    """The worklist's SQL sections as a filter, so that e.g. every expired
    programme can be selected and archived in one step."""

    title = _("Arbeitsliste")
    parameter_name = "problem"
    labels = {
        "expired": _("veröffentlicht, aber abgelaufen"),
        "deadline_after_end": _("Frist nach Ende der Laufzeit"),
        "unchecked": _("seit 12 Monaten nicht geprüft"),
        "missing_amount": _("Fördersumme fehlt"),
        "missing_deadline": _("Bewerbungsfrist fehlt"),
        "missing_eligibility": _("Antragsberechtigung fehlt"),
        "without_funder": _("ohne Förderer"),
        "contradictions": _("Text und Angaben widersprechen sich"),
    }

    def lookups(self, request, model_admin):
        if model_admin.model is Institution:
            return [("unchecked", self.labels["unchecked"])]
        return list(self.labels.items())

    def queryset(self, request, queryset):
        value = self.value()
        if value == "unchecked" and queryset.model is Institution:
            return queryset.filter(pk__in=worklist.not_checked(Institution, today()).values("pk"))
        if value in worklist.PROGRAMME_PROBLEMS:
            problems = worklist.PROGRAMME_PROBLEMS[value](today())
            return queryset.filter(pk__in=problems.values("pk"))
        return queryset


class ScheduleFilter(admin.SimpleListFilter):
    """Entries with a scheduled step ("veröffentlichen am", "archivieren am")."""

    title = _("Geplant")
    parameter_name = "geplant"

    def lookups(self, request, model_admin):
        return [
            ("publish", _("Veröffentlichung geplant")),
            ("archive", _("Archivierung geplant")),
            ("none", _("nichts geplant")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "publish":
            return queryset.filter(publish_at__isnull=False)
        if self.value() == "archive":
            return queryset.filter(archive_at__isnull=False)
        if self.value() == "none":
            return queryset.filter(publish_at__isnull=True, archive_at__isnull=True)
        return queryset


class InstitutionFilter(admin.SimpleListFilter):
    title = _("Förderer")
    parameter_name = "foerderer"

    def lookups(self, request, model_admin):
        institutions = roles.scope_institutions(Institution.objects.all(), request.user)
        return list(institutions.values_list("slug", "name"))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(institution_links__institution__slug=self.value()).distinct()
        return queryset
