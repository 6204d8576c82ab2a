"""The bulk import page /redaktion/import/ and the downloadable templates.

One form: choose a file, then "Probelauf" (check and show what would
happen) or "Importieren" (check and, if everything is valid, apply in one
step). After a clean dry run the checked document waits in the session, so
"Jetzt importieren" applies exactly what was shown, without a second upload.
"""

import secrets

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import bulk
from .exporting import file_response
from .roles import BULK_IMPORT
from .tabular.columns import COLUMNS, KIND_LABELS
from .tabular.writing import template_csv, template_xlsx

SESSION_KEY = "editorial_import"


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
    outcome, form = None, ImportForm()
    if request.method == "POST" and "token" in request.POST:
        outcome = _apply_checked(request)
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            outcome = _check_or_apply(request, form)
    token = _remember(request, outcome)
    context = {
        **admin.site.each_context(request),
        "title": _("Massenimport"),
        "form": form,
        "outcome": outcome,
        "token": token,
        "kind_labels": {key: str(label) for key, label in KIND_LABELS.items()},
        "columns": COLUMNS,
    }
    return TemplateResponse(request, "editorial/import.html", context)


def _check_or_apply(request, form):
    upload = form.cleaned_data["file"]
    prepared = bulk.prepare(upload.name, upload.read(bulk.MAX_BYTES + 1))
    apply = "apply" in request.POST
    return bulk.run(prepared, apply=apply, user=request.user, as_draft=form.cleaned_data["as_draft"])


def _apply_checked(request):
    stored = request.session.pop(SESSION_KEY, None)
    if not stored or not secrets.compare_digest(stored["token"], request.POST["token"]):
        raise Http404(_("Dieser Probelauf ist abgelaufen; bitte laden Sie die Datei erneut hoch."))
    prepared = bulk.Prepared.from_session(stored["prepared"])
    return bulk.run(prepared, apply=True, user=request.user, as_draft=stored["as_draft"])


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
