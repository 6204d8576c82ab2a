"""Revisions in the change form of institutions and programmes.

- Every save stores a revision of the whole entry (`editorial.revisions`).
- A funder's save of a *published* entry is written, snapshotted and rolled
  back (a savepoint), so the live tables keep the public version and the
  funder's version waits beside it as a revision "In Prüfung".
- A funder who already has a revision waiting for review edits *that*
  revision, not the public text: the change form starts from it (fields,
  lists, deadlines and their own institution links), and saving stores the
  next revision and marks theirs before it "Überholt".
- The version check's conditional UPDATE (`locking.claim`) runs before that
  savepoint, in the same transaction; a save that loses the race is
  re-validated and refused with the differing fields, never a 500.
- Pages: the revisions of an entry (`…/<id>/fassungen/`), one revision with
  its differences from the public version (`…/fassungen/<n>/`), and POST-only
  steps on it: publish, send back (with a comment), restore as a new draft.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from catalogue import snapshots
from catalogue.models import Workflow

from .. import presence, revisions
from ..locking import VERSION_FIELD, StaleSave, claim
from ..models import Revision
from ..revision_diff import differences
from ..roles import can_publish, institution_ids, is_restricted

ATTEMPTS = 3
STEPS = ("publish", "return", "restore")


class RevisionAdmin:
    """Mixin for the ModelAdmin of Institution and Programme."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        urls = [
            path("<path:object_id>/fassungen/", view(self.revisions_view), name=f"{info}_revisions"),
            path(
                "<path:object_id>/fassungen/<int:revision_id>/",
                view(self.revision_view),
                name=f"{info}_revision",
            ),
            path(
                "<path:object_id>/fassungen/<int:revision_id>/<str:step>/",
                view(self.revision_step_view),
                name=f"{info}_revision_step",
            ),
        ]
        return urls + super().get_urls()

    # Saving ---------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if object_id else None
        request._revision_base = self._own_pending(request, obj)
        for _attempt in range(ATTEMPTS):
            try:
                return super().changeform_view(request, object_id, form_url, extra_context)
            except StaleSave:
                # Rolled back; the next round validates against the version
                # that won and names what differs.
                continue
        self.message_user(request, _("Der Eintrag wird gerade mehrfach gespeichert; bitte erneut versuchen."))
        return HttpResponseRedirect(request.path)

    def _own_pending(self, request, obj):
        """A funder's revision of a published entry still waiting for review,
        if it is the entry's newest revision: their form starts from it. (After
        anyone else's save the form starts from the public text.)"""
        if obj is None or not is_restricted(request.user) or obj.state != Workflow.PUBLISHED:
            return None
        newest = revisions.latest(obj)
        mine = newest is not None and newest.created_by_id == request.user.pk
        return newest if mine and newest.state == Revision.State.REVIEW else None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        base = getattr(request, "_revision_base", None)
        if base is None:
            return form
        initial = snapshots.field_values(self.model, base.snapshot) | base.snapshot.get("lists", {})

        class FromRevision(form):
            def __init__(self, *args, **options):
                options["initial"] = {**initial, **(options.get("initial") or {})}
                super().__init__(*args, **options)

        return FromRevision

    def get_formsets_with_inlines(self, request, obj=None):
        """From a revision, a GET shows its rows as new rows (they exist only
        in the snapshot); saving replaces the live rows in the funder's reach."""
        base = getattr(request, "_revision_base", None)
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            if base is not None and request.method == "GET":
                rows = self._revision_rows(request, inline, base)
                formset = type(formset.__name__, (formset,), {"extra": len(rows) + formset.extra})
            yield formset, inline

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        base = getattr(request, "_revision_base", None)
        if base is not None and request.method == "GET":
            kwargs["queryset"] = inline.model._default_manager.none()
            kwargs["initial"] = self._revision_rows(request, inline, base)
        return kwargs

    @staticmethod
    def _revision_rows(request, inline, base):
        name = inline.model._meta.model_name
        if name == "deadline":
            return [
                {"date": row["date"], "yearly": row["yearly"]} for row in base.snapshot.get("deadlines", [])
            ]
        if name == "programmeinstitution":
            own = set(institution_ids(request.user))
            return [
                {"institution": row["institution"], "role": row["role"], "position": row["position"]}
                for row in base.snapshot.get("institutions", [])
                if row["institution"] in own
            ]
        return []

    def save_model(self, request, obj, form, change):
        request._pending_revision = None
        if change:
            claim(obj, form.cleaned_data.get(VERSION_FIELD) or "")
            stored_state = type(obj)._default_manager.values_list("state", flat=True).get(pk=obj.pk)
            if is_restricted(request.user) and stored_state == Workflow.PUBLISHED:
                request._revision_savepoint = transaction.savepoint()
        super().save_model(request, obj, form, change)
        if getattr(request, "_revision_base", None) is not None and snapshots.is_programme(type(obj)):
            # The form showed the revision's rows as new ones: they replace the live rows
            # in the funder's reach (inside the savepoint; the live tables keep theirs).
            obj.deadlines.all().delete()
            obj.institution_links.filter(institution__in=institution_ids(request.user)).delete()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        snapshot = snapshots.take(obj)
        savepoint = getattr(request, "_revision_savepoint", None)
        if savepoint is not None:
            # The public version stays; the funder's waits beside it.
            transaction.savepoint_rollback(savepoint)
            request._revision_savepoint = None
            reason = _("Änderung durch Förderer, wartet auf Prüfung")
            revision = revisions.record(obj, Revision.State.REVIEW, request.user, reason, snapshot)
            if getattr(request, "_revision_base", None) is not None:
                revisions.supersede_own(revision)
            request._pending_revision = revision
            revisions.submitted(revision)
            return
        state = type(obj)._default_manager.values_list("state", flat=True).get(pk=obj.pk)
        revision = revisions.record(
            obj, state, request.user, getattr(obj, "_change_reason", "") or "", snapshot
        )
        if is_restricted(request.user):
            revisions.submitted(revision)

    def delete_model(self, request, obj):
        obj._history_user = request.user  # named in the Papierkorb
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def response_change(self, request, obj):
        revision = getattr(request, "_pending_revision", None)
        if revision is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _(
                "Ihre Änderung ist als Fassung %(number)d gespeichert und wartet auf die Prüfung durch "
                "die Redaktion. Bis dahin bleibt die veröffentlichte Fassung sichtbar."
            )
            % {"number": revision.number},
        )
        return HttpResponseRedirect(reverse(self.url_name("revision"), args=[obj.pk, revision.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_permission(request, obj):
            extra_context["editing_others"] = presence.others_editing(obj, request.user)
            presence.editing(obj, request.user)
            extra_context["pending_revisions"] = list(revisions.pending_of(obj))
            extra_context["revisions_url"] = reverse(self.url_name("revisions"), args=[obj.pk])
        return super().change_view(request, object_id, form_url, extra_context)

    # Pages ----------------------------------------------------------------

    def _entry(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return obj

    def _context(self, request, obj, title):
        return {**self.admin_site.each_context(request), "title": title, "opts": self.opts, "object": obj}

    def revisions_view(self, request, object_id):
        obj = self._entry(request, object_id)
        context = self._context(request, obj, _("Fassungen: %(entry)s") % {"entry": obj})
        context["revisions"] = revisions.revisions_of(obj).select_related("created_by", "reviewed_by")
        return render(request, "editorial/revisions.html", context)

    def revision_view(self, request, object_id, revision_id):
        obj = self._entry(request, object_id)
        revision = get_object_or_404(revisions.revisions_of(obj), pk=revision_id)
        base, base_label = self._public_version(obj)
        context = self._context(
            request, obj, _("Fassung %(number)d: %(entry)s") % {"number": revision.number, "entry": obj}
        )
        latest = revisions.latest(obj)
        context.update(
            revision=revision,
            base_label=base_label,
            changes=differences(type(obj), base, revision.snapshot),
            newer=latest is not None and latest.number > revision.number,
            may_decide=can_publish(request.user) and revisions.decidable(revision),
            may_restore=self.has_change_permission(request, obj),
        )
        return render(request, "editorial/revision.html", context)

    @staticmethod
    def _public_version(obj):
        """What the revision is compared with: the live entry if public,
        else the last published revision (or nothing)."""
        if obj.state == Workflow.PUBLISHED:
            return snapshots.take(obj), _("veröffentlichte Fassung")
        published = revisions.revisions_of(obj).filter(state=Revision.State.PUBLISHED).first()
        if published is None:
            return {}, _("noch nichts veröffentlicht")
        return published.snapshot, _("zuletzt veröffentlichte Fassung %(number)d") % {
            "number": published.number
        }

    def revision_step_view(self, request, object_id, revision_id, step):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if step not in STEPS:
            raise Http404
        obj = self._entry(request, object_id)
        revision = get_object_or_404(revisions.revisions_of(obj), pk=revision_id)
        back = reverse(self.url_name("revision"), args=[obj.pk, revision.pk])
        if step == "restore":
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
            draft = revisions.restore(revision, request.user)
            self.message_user(
                request,
                _("Fassung %(old)d ist als neuer Entwurf (Fassung %(new)d) wiederhergestellt.")
                % {"old": revision.number, "new": draft.number},
            )
            return HttpResponseRedirect(reverse(self.url_name("revision"), args=[obj.pk, draft.pk]))
        if not can_publish(request.user):
            raise PermissionDenied
        if not revisions.decidable(revision):
            self.message_user(request, _("Über diese Fassung ist schon entschieden."), messages.ERROR)
            return HttpResponseRedirect(back)
        if step == "return":
            return self._send_back(request, revision, back)
        return self._publish(request, revision, back)

    def _send_back(self, request, revision, back):
        comment = request.POST.get("comment", "").strip()
        if not comment or len(comment) > 5000:
            self.message_user(
                request, _("Bitte schreiben Sie einen Kommentar (höchstens 5000 Zeichen)."), messages.ERROR
            )
            return HttpResponseRedirect(back)
        revisions.send_back(revision, request.user, comment)
        self.message_user(request, _("Fassung %(number)d ist zurückgegeben.") % {"number": revision.number})
        return HttpResponseRedirect(back)

    def _publish(self, request, revision, back):
        try:
            outcome = revisions.publish(revision, request.user)
        except IntegrityError:
            self.message_user(
                request,
                _(
                    "Diese Fassung lässt sich nicht veröffentlichen: ihre Kennung gehört inzwischen "
                    "einem anderen Eintrag."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(back)
        self.message_user(request, _("Fassung %(number)d ist veröffentlicht.") % {"number": revision.number})
        if outcome.newer:
            self.message_user(
                request,
                _(
                    "Achtung: Es gibt eine neuere Fassung (%(numbers)s). Veröffentlicht wurde nur die "
                    "geprüfte Fassung %(number)d; die neuere wartet weiter auf Prüfung."
                )
                % {"numbers": ", ".join(str(r.number) for r in outcome.newer), "number": revision.number},
                messages.WARNING,
            )
        return HttpResponseRedirect(back)
