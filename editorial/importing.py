"""The bulk import page /redaktion/import/, its jobs' pages and the
downloadable templates.

One form: choose a file, then "Probelauf" (check and show what would
happen, in the request) or "Importieren" (check and, if everything is
valid, apply in one step). After a clean dry run the checked document waits
in the session, so "Jetzt importieren" applies exactly what was shown,
without a second upload. Applying runs outside the request as an import job
(`editorial.jobs`); its page /redaktion/import/auftrag/<id>/ reloads itself
(a meta refresh, no script needed) until the job is done, then shows the outcome.
"""

import secrets

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import bulk, jobs
from .exporting import file_response
from .models import ImportJob
from .roles import BULK_IMPORT
from .tabular.columns import COLUMNS, KIND_LABELS
from .tabular.writing import template_csv, template_xlsx

SESSION_KEY = "editorial_import"
REFRESH_SECONDS = 3


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Datei"),
        help_text=gettext_lazy("Austauschformat (JSON), CSV oder XLSX, höchstens 10 MB."),
    )
    as_draft = forms.BooleanField(
        label=gettext_lazy("Neue Einträge als Entwurf anlegen"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Bestehende Einträge behalten ihren Status."),
    )


def import_view(request):
    if not request.user.has_perm(BULK_IMPORT):
        raise PermissionDenied
    outcome, form, busy = None, ImportForm(), None
    try:
        if request.method == "POST" and "token" in request.POST:
            outcome = _apply_checked(request)
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                outcome = _check_or_apply(request, form)
    except jobs.Busy as error:
        busy = error.job
    if isinstance(outcome, ImportJob):
        return HttpResponseRedirect(reverse("admin:editorial_import_job", args=[outcome.pk]))
    token = _remember(request, outcome)
    context = {
        **admin.site.each_context(request),
        "title": _("Massenimport"),
        "form": form,
        "outcome": outcome,
        "busy": busy,
        "token": token,
        "kind_labels": {key: str(label) for key, label in KIND_LABELS.items()},
        "columns": COLUMNS,
    }
    return TemplateResponse(request, "editorial/import.html", context)


def _check_or_apply(request, form):
    upload = form.cleaned_data["file"]
    prepared = bulk.prepare(upload.name, upload.read(bulk.MAX_BYTES + 1))
    as_draft = form.cleaned_data["as_draft"]
    if "apply" not in request.POST:
        return bulk.run(prepared, apply=False, user=request.user, as_draft=as_draft)
    # Every error is found here, without writing (a fraction of the import's time); only a
    # valid file becomes a job.
    checked = bulk.run(prepared, apply=False, user=request.user, validate_only=True)
    if not checked.ok:
        return checked
    return jobs.start(prepared, user=request.user, as_draft=as_draft)


def _apply_checked(request):
    stored = request.session.get(SESSION_KEY)
    if not stored or not secrets.compare_digest(stored["token"], request.POST["token"]):
        raise Http404(_("Dieser Probelauf ist abgelaufen; bitte laden Sie die Datei erneut hoch."))
    prepared = bulk.Prepared.from_session(stored["prepared"])
    job = jobs.start(prepared, user=request.user, as_draft=stored["as_draft"])
    del request.session[SESSION_KEY]  # only once started: a refused start can be retried
    return job


def job_view(request, pk):
    """One import job: progress while it waits or runs (the page reloads
    itself every few seconds), then its outcome."""
    if not request.user.has_perm(BULK_IMPORT):
        raise PermissionDenied
    job = jobs.refresh(get_object_or_404(ImportJob, pk=pk))
    done = job.state in (ImportJob.State.DONE, ImportJob.State.FAILED)
    context = {
        **admin.site.each_context(request),
        "title": _("Massenimport: %(name)s") % {"name": job.filename},
        "job": job,
        "progress": None if done else jobs.progress(job),
        "outcome": bulk.Outcome.from_json(job.result) if job.result else None,
        "refresh_seconds": None if done else REFRESH_SECONDS,
        "kind_labels": {key: str(label) for key, label in KIND_LABELS.items()},
    }
    return TemplateResponse(request, "editorial/import_job.html", context)


def _remember(request, outcome):
    """After a clean dry run, keep the document for "Jetzt importieren"."""
    if outcome is None or outcome.applied or not outcome.ok:
        return None
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "prepared": outcome.prepared.to_session(),
        "as_draft": bool(request.POST.get("as_draft")),
    }
    return token


def template_view(request, file_format):
    if file_format == "csv":
        return file_response(template_csv(), "csv", "foerderatlas-vorlage")
    if file_format == "xlsx":
        return file_response(template_xlsx(), "xlsx", "foerderatlas-vorlage")
    raise Http404
