"""Workflow buttons on the change form and actions on the change list.

Buttons post to /redaktion/catalogue/<model>/<id>/workflow/<name>/ (POST
and CSRF only; a GET is refused with 405 and changes nothing).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from catalogue.models import Workflow

from .. import workflow
from ..roles import can_publish

CHECKED = "checked"


class WorkflowAdmin:
    """Mixin for the ModelAdmin of Institution and Programme."""

    preview_url_name = None  # "admin:editorial_preview_programme"

    def url_name(self, suffix):
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_{suffix}"

    def has_publish_permission(self, request):
        return can_publish(request.user)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/workflow/<str:name>/",
                self.admin_site.admin_view(self.workflow_view),
                name=f"{info[0]}_{info[1]}_workflow",
            )
        ]
        return urls + super().get_urls()

    def workflow_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if name != CHECKED and name not in workflow.TRANSITIONS:
            raise Http404
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        seen = request.POST.get("version")
        if name == "publish" and seen is not None and seen != str(obj.version):
            # What the editor saw is not what is stored: publish nothing unseen.
            self.message_user(
                request,
                _(
                    "„%(entry)s“ wurde geändert, nachdem Sie die Seite geöffnet haben. Prüfen Sie die "
                    "neue Fassung und veröffentlichen Sie dann."
                )
                % {"entry": obj},
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse(self.url_name("change"), args=[obj.pk]))
        if name == CHECKED:
            done = workflow.mark_checked(obj, request.user)
        else:
            done = workflow.transition(obj, name, request.user)
        self._report(request, obj, name, done)
        return HttpResponseRedirect(reverse(self.url_name("change"), args=[obj.pk]))

    def _report(self, request, obj, name, done):
        if not done:
            self.message_user(
                request,
                _("Dieser Schritt ist für „%(entry)s“ nicht möglich.") % {"entry": obj},
                messages.ERROR,
            )
        elif name == CHECKED:
            self.message_user(request, _("„%(entry)s“ ist als geprüft markiert.") % {"entry": obj})
        else:
            self.message_user(
                request,
                _("„%(entry)s“ hat jetzt den Status „%(state)s“.")
                % {"entry": obj, "state": obj.get_state_display()},
            )

    def workflow_context(self, request, obj):
        buttons = [{"name": t.name, "label": t.label} for t in workflow.available(request.user, obj)]
        if can_publish(request.user):
            buttons.append({"name": CHECKED, "label": gettext_lazy("Als geprüft markieren")})
        for button in buttons:
            button["url"] = reverse(self.url_name("workflow"), args=[obj.pk, button["name"]])
        return {
            "workflow_buttons": buttons,
            "preview_url": reverse(self.preview_url_name, args=[obj.pk]),
            "is_public": obj.state == Workflow.PUBLISHED,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_permission(request, obj):
            extra_context.update(self.workflow_context(request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def view_on_site(self, obj):
        if obj.state == Workflow.PUBLISHED:
            return obj.get_absolute_url()
        return reverse(self.preview_url_name, args=[obj.pk])

    def _run_transition(self, request, queryset, name):
        done = sum(workflow.transition(entry, name, request.user) for entry in queryset)
        self._report_bulk(request, done, queryset.count() - done)

    def _report_bulk(self, request, done, skipped):
        self.message_user(
            request,
            ngettext("%(count)d Eintrag geändert.", "%(count)d Einträge geändert.", done) % {"count": done},
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d Eintrag übersprungen (Status passt nicht).",
                    "%(count)d Einträge übersprungen (Status passt nicht).",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=gettext_lazy("Zur Prüfung einreichen"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._run_transition(request, queryset, "submit")

    @admin.action(description=gettext_lazy("Veröffentlichen"), permissions=["publish"])
    def publish(self, request, queryset):
        self._run_transition(request, queryset, "publish")

    @admin.action(description=gettext_lazy("Archivieren"), permissions=["publish"])
    def archive(self, request, queryset):
        self._run_transition(request, queryset, "archive")

    @admin.action(description=gettext_lazy("Zurück in Entwurf"), permissions=["publish"])
    def back_to_draft(self, request, queryset):
        self._run_transition(request, queryset, "draft")

    @admin.action(description=gettext_lazy("Als geprüft markieren"), permissions=["publish"])
    def mark_checked(self, request, queryset):
        done = sum(workflow.mark_checked(entry, request.user) for entry in queryset)
        self._report_bulk(request, done, 0)

    workflow_actions = ["submit_for_review", "publish", "archive", "back_to_draft", "mark_checked"]
