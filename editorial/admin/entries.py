"""Admin of institutions (Förderer) and programmes (Förderprogramme)."""

import calendar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from catalogue.models import Deadline, Institution, Programme, ProgrammeInstitution
from catalogue.queries import with_status
from catalogue.status import Status, today
from catalogue.vocabularies import INSTITUTION, PROGRAMME, lists_of

from .. import roles
from ..entry_fields import AddressField, LinkRowsField, SourceRowsField, region_field
from ..exporting import EXPORT_ACTIONS
from ..locking import EntryForm
from .filters import InstitutionFilter, ProblemFilter, ScheduleFilter, StatusFilter
from .history_admin import HistoryAdmin
from .labels import LabelledInline, LabelledInlineFormSet, name_widget
from .revisions_admin import RevisionAdmin
from .scoping import ScopedEntryAdmin
from .workflow_admin import WorkflowAdmin

CHECKBOXES = {models.ManyToManyField: {"widget": forms.CheckboxSelectMultiple}}
# Fields editors fill in without knowing JSON or RFC 3986 (editorial.entry_fields);
# the website's AddressField normalises instead of Django's URLField guessing a scheme.
INPUT_FIELDS = {"links": LinkRowsField, "sources": SourceRowsField, "website": AddressField}
EDITORIAL_FIELDSET = (
    gettext_lazy("Redaktion"),
    {"fields": ("state", "publish_at", "archive_at", "last_checked", "created_at", "updated_at")},
)
CONTACT_FIELDSET = (
    gettext_lazy("Kontakt"),
    {"fields": ("contact_name", "contact_email", "contact_phone", "contact_address")},
)


def list_fields(kind, group=""):
    """The entries' declared vocabulary lists in `group` (catalogue.vocabularies)."""
    return tuple(vocabulary.key for vocabulary in lists_of(kind, group))


def classification_fieldset(kind):
    """Every vocabulary list at the top of an entry of `kind`, in declaration order."""
    return (gettext_lazy("Einordnung"), {"fields": list_fields(kind)})


class EntryAdmin(RevisionAdmin, WorkflowAdmin, HistoryAdmin, ScopedEntryAdmin, SimpleHistoryAdmin):
    """What institutions and programmes share: revisions, roles, workflow,
    history, version check, export."""

    form = EntryForm
    formfield_overrides = CHECKBOXES
    change_form_template = "editorial/change_form.html"
    save_on_top = True
    list_per_page = 50
    actions = [*WorkflowAdmin.workflow_actions, *EXPORT_ACTIONS]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in INPUT_FIELDS:
            return INPUT_FIELDS[db_field.name](label=db_field.verbose_name, required=False)
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField):
            return name_widget(field, db_field.verbose_name)
        return region_field(field) if db_field.name == "regions" and field else field

    @admin.display(description=gettext_lazy("geplant"), ordering="publish_at")
    def schedule(self, obj):
        """ "veröffentlichen 12.01.2027 10:00" and/or "archivieren …", or "–"."""
        steps = [
            _("%(step)s %(when)s")
            % {"step": step, "when": date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT")}
            for step, when in ((_("veröffentlichen"), obj.publish_at), (_("archivieren"), obj.archive_at))
            if when
        ]
        return "; ".join(steps) or "–"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for name in getattr(form, "html_removed", []):
            label = obj._meta.get_field(name).verbose_name
            self.message_user(
                request,
                _(
                    "HTML-Code in „%(field)s“ wurde in Markdown umgewandelt: der Text bleibt, Tags und "
                    "Kommentare entfallen. Bitte prüfen Sie das Ergebnis."
                )
                % {"field": label},
                messages.WARNING,
            )


class DeadlineForm(forms.ModelForm):
    def clean_yearly(self):
        """ "MM-TT" of a day that exists in some year (29 Feb included)."""
        yearly = self.cleaned_data.get("yearly", "").strip()
        if yearly and not _is_month_day(yearly):
            raise ValidationError(
                _("Kein jährliches Datum: „%(value)s“ (MM-TT, zum Beispiel 03-31)."), params={"value": yearly}
            )
        return yearly


def _is_month_day(text):
    if len(text) != 5 or text[2] != "-" or not (text[:2] + text[3:]).isdigit():
        return False
    month, day = int(text[:2]), int(text[3:])
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


class DeadlineInline(LabelledInline, admin.TabularInline):
    model = Deadline
    form = DeadlineForm
    formset = LabelledInlineFormSet
    extra = 0
    fields = ("date", "yearly")


class LinkFormSet(LabelledInlineFormSet):
    """A funder's programme must stay linked to one of their institutions,
    or it would vanish from their view."""

    restricted = False

    def clean(self):
        super().clean()
        if not self.restricted:
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data.get("institution") and not form.cleaned_data.get("DELETE")
        ]
        if not kept:
            raise ValidationError(_("Verknüpfen Sie das Programm mit mindestens einer Ihrer Institutionen."))


class InstitutionLinkInline(LabelledInline, admin.TabularInline):
    model = ProgrammeInstitution
    formset = LinkFormSet
    extra = 1
    fields = ("institution", "role", "position")
    verbose_name = gettext_lazy("Beteiligte Institution")

    def get_queryset(self, request):
        # A funder sees (and can change) only the links to their own institutions;
        # links to others stay as they are.
        queryset = super().get_queryset(request).select_related("institution")
        if roles.is_restricted(request.user):
            queryset = queryset.filter(institution__in=roles.institution_ids(request.user))
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "institution":
            kwargs["queryset"] = roles.scope_institutions(Institution.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.restricted = roles.is_restricted(request.user)
        return formset


@admin.register(Programme)
class ProgrammeAdmin(EntryAdmin):
    scope_function = staticmethod(roles.scope_programmes)
    preview_url_name = "admin:editorial_preview_programme"
    inlines = [InstitutionLinkInline, DeadlineInline]
    prepopulated_fields = {"slug": ("title",)}
    search_fields = ("title", "slug", "institution_links__institution__name")
    list_display = (
        "title",
        "state",
        "status_label",
        "next_deadline_display",
        "funders",
        "schedule",
        "last_checked",
        "updated_at",
    )
    list_filter = ("state", StatusFilter, ProblemFilter, ScheduleFilter, "deadline_kind", InstitutionFilter)
    fieldsets = (
        (None, {"fields": ("title", "slug", "loaded_version")}),
        (gettext_lazy("Beschreibung"), {"fields": ("description", "goals")}),
        (
            gettext_lazy("Fördersumme und Eigenanteil"),
            {
                "fields": (
                    "amount_text",
                    ("amount_min_eur", "amount_max_eur", "amount_max_rate_percent"),
                    "own_contribution_text",
                    ("own_contribution_min_percent", "own_contribution_in_kind_allowed"),
                )
            },
        ),
        (
            gettext_lazy("Bewerbungsfrist und Laufzeit"),
            {"fields": ("deadline_kind", "window_start", "deadline_note", ("period_start", "period_end"))},
        ),
        (
            gettext_lazy("Antragsberechtigt"),
            {"fields": ("eligible_text", *list_fields(PROGRAMME, "eligible"))},
        ),
        classification_fieldset(PROGRAMME),
        (gettext_lazy("Links und Quellen"), {"fields": ("links", "sources")}),
        (gettext_lazy("In anderen Sprachen"), {"fields": ("translations",)}),
        CONTACT_FIELDSET,
        EDITORIAL_FIELDSET,
    )

    def get_queryset(self, request):
        links = ProgrammeInstitution.objects.select_related("institution")
        queryset = super().get_queryset(request).prefetch_related(Prefetch("institution_links", links))
        return with_status(queryset, today())

    def get_list_filter(self, request):
        if roles.is_restricted(request.user):
            return ("state", StatusFilter, ScheduleFilter)
        return self.list_filter

    @admin.display(description=gettext_lazy("Frist-Status"), ordering="status_rank")
    def status_label(self, obj):
        return Status(obj.status_code).label

    @admin.display(description=gettext_lazy("nächste Frist"), ordering="next_deadline")
    def next_deadline_display(self, obj):
        return obj.next_deadline or "–"

    @admin.display(description=gettext_lazy("Förderer"))
    def funders(self, obj):
        return ", ".join(link.institution.name for link in obj.institution_links.all())


@admin.register(Institution)
class InstitutionAdmin(EntryAdmin):
    scope_function = staticmethod(roles.scope_institutions)
    preview_url_name = "admin:editorial_preview_institution"
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ("name", "slug")
    list_display = ("name", "kind", "state", "schedule", "last_checked", "updated_at")
    list_filter = ("state", ScheduleFilter, "kind", ProblemFilter)
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "website", "loaded_version")}),
        (gettext_lazy("Beschreibung"), {"fields": ("description", "goals")}),
        classification_fieldset(INSTITUTION),
        (gettext_lazy("Quellen"), {"fields": ("sources",)}),
        (gettext_lazy("In anderen Sprachen"), {"fields": ("translations",)}),
        CONTACT_FIELDSET,
        EDITORIAL_FIELDSET,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("kind")

    def get_list_filter(self, request):
        if roles.is_restricted(request.user):
            return ("state", ScheduleFilter)
        return self.list_filter
