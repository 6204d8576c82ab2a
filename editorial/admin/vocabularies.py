"""Admin of the controlled vocabularies: add, relabel, reorder (position),
merge one value into another; a value in use cannot be deleted. Regions
form a fixed hierarchy: relabel and reorder only."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import ApplicantType, FundingKind, InstitutionKind, IntegrationArea, Region, TargetGroup

from .. import vocabulary


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Zusammenführen mit"))

    def __init__(self, *args, model, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = model.objects.exclude(pk__in=[s.pk for s in sources])


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "position", "use_count")
    list_editable = ("position",)
    list_display_links = ("label",)
    search_fields = ("code", "label")
    ordering = ("position", "code")
    actions = ["merge_values"]

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        counts = [Count(rel.name, distinct=True) for rel in vocabulary._relations(self.model())]
        if counts:
            queryset = queryset.annotate(uses_total=sum(counts[1:], counts[0]))
        return queryset

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "label" in form.changed_data:
            vocabulary.relabelled(obj)

    @admin.display(description=gettext_lazy("verwendet"), ordering="uses_total")
    def use_count(self, obj):
        return getattr(obj, "uses_total", 0)

    def get_deleted_objects(self, objs, request):
        """A value in use is 'protected': Django then refuses the deletion and
        lists the uses; the page says how to merge instead."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        for value in objs:
            found = vocabulary.uses(value)
            if found:
                protected.append(
                    _("„%(value)s“ wird verwendet (%(uses)s) – zuerst mit einem anderen Wert zusammenführen.")
                    % {"value": value, "uses": vocabulary.describe_uses(found)}
                )
        return deleted, model_count, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and vocabulary.uses(obj):
            self.message_user(
                request,
                _(
                    "„%(value)s“ wird noch verwendet (%(uses)s) und kann nicht gelöscht werden. "
                    "Führen Sie den Wert zuerst mit einem anderen zusammen "
                    "(Aktion „Zusammenführen“ in der Liste)."
                )
                % {"value": obj, "uses": vocabulary.describe_uses(vocabulary.uses(obj))},
                messages.ERROR,
            )
        return super().delete_view(request, object_id, extra_context)

    @admin.action(
        description=gettext_lazy("Ausgewählte Werte mit einem anderen zusammenführen"), permissions=["delete"]
    )
    def merge_values(self, request, queryset):
        sources = list(queryset)
        form = MergeForm(
            request.POST if "target" in request.POST else None, model=self.model, sources=sources
        )
        if form.is_valid():
            target = form.cleaned_data["target"]
            for source in sources:
                vocabulary.merge(source, target)
            self.message_user(
                request,
                _("%(values)s zusammengeführt mit „%(target)s“.")
                % {"values": ", ".join(f"„{s}“" for s in sources), "target": target},
            )
            return HttpResponseRedirect(request.get_full_path())
        context = {
            **self.admin_site.each_context(request),
            "title": _("Werte zusammenführen"),
            "opts": self.opts,
            "sources": sources,
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "editorial/merge.html", context)


for vocabulary_model in (FundingKind, IntegrationArea, TargetGroup, ApplicantType, InstitutionKind):
    admin.site.register(vocabulary_model, VocabularyAdmin)


@admin.register(Region)
class RegionAdmin(VocabularyAdmin):
    list_display = ("label", "code", "level", "parent", "position")
    list_filter = ("level",)
    actions = []
    readonly_fields = ("code", "level", "parent")

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields

    def get_queryset(self, request):
        return admin.ModelAdmin.get_queryset(self, request).select_related("parent")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
