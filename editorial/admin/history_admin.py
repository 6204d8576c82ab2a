"""Version history of an entry: who changed what when (django-simple-history),
a word-by-word comparison of any two versions, and restoring an old one
(simple-history's revert form, which goes through our change form and so
through the version check and the funder rules)."""

import dataclasses

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _
from simple_history.template_utils import HistoricalRecordContextHelper

from ..history import SKIPPED, changes, in_field_order


class ContextHelper(HistoricalRecordContextHelper):
    """The history list names the changed fields, without the timestamps
    that change on every save."""

    def context_for_delta_changes(self, delta):
        changes = in_field_order(self.model, [c for c in delta.changes if c.field not in SKIPPED])
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))


class HistoryAdmin:
    """Mixin for a SimpleHistoryAdmin."""

    object_history_list_template = "editorial/history_list.html"

    def revert_disabled(self, request, obj=None):
        # Restoring goes through revisions (with every relation, no schedule).
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        urls = [
            path(
                "<path:object_id>/versionen/<int:old_id>/<int:new_id>/",
                self.admin_site.admin_view(self.history_diff_view),
                name=f"{info[0]}_{info[1]}_history_diff",
            )
        ]
        return urls + super().get_urls()

    def get_historical_record_context_helper(self, request, historical_record):
        return ContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        records = list(historical_records)
        for newer, older in zip(records, records[1:], strict=False):
            newer.previous_version_id = older.history_id

    def history_diff_view(self, request, object_id, old_id, new_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        records = {r.history_id: r for r in obj.history.filter(history_id__in=[old_id, new_id])}
        if set(records) != {old_id, new_id}:
            raise Http404
        old, new = sorted(records.values(), key=lambda r: r.history_date)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Unterschiede zwischen zwei Fassungen: %(entry)s") % {"entry": obj},
            "opts": self.opts,
            "object": obj,
            "old": old,
            "new": new,
            "changes": changes(old, new),
        }
        return render(request, "editorial/history_diff.html", context)
