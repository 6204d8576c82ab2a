"""Pages of the Redaktion beyond the model admins: the worklist and the
preview of unpublished entries in the public page templates."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from catalogue.models import Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import with_details, with_status
from catalogue.status import today
from catalogue.vocabularies import INSTITUTION, lists_of
from public.views import programme_fields

from . import worklist as checks
from .roles import VIEW_WORKLIST


def worklist(request):
    if not request.user.has_perm(VIEW_WORKLIST):
        raise PermissionDenied
    on = today()
    context = {
        **admin.site.each_context(request),
        "title": _("Arbeitsliste"),
        "sections": checks.sections(on),
        "today": on,
    }
    return TemplateResponse(request, "editorial/worklist.html", context)


def _entry_for_preview(request, model, queryset, pk):
    """The entry if the user may see it in the admin (funders: their own)."""
    model_admin = admin.site._registry[model]
    entry = get_object_or_404(queryset, pk=pk)
    if not model_admin.has_view_permission(request, entry):
        raise Http404
    return entry


def preview_programme(request, pk):
    """The public programme page for any state (draft, review, …), marked as
    preview and kept out of search engines."""
    links = ProgrammeInstitution.objects.select_related("institution")
    queryset = with_details(Programme.objects.all()).prefetch_related(Prefetch("institution_links", links))
    programme = _entry_for_preview(request, Programme, queryset, pk)
    context = {
        **programme_fields(programme, today()),
        "similar_lines": "",
        "json_ld": "",
        "canonical_url": "",
        "preview_state": programme.get_state_display(),
        "preview_is_public": programme.state == Workflow.PUBLISHED,
    }
    return _no_index(render(request, "editorial/preview_programme.html", context))


def preview_institution(request, pk):
    lists = (vocabulary.key for vocabulary in lists_of(INSTITUTION))
    queryset = Institution.objects.select_related("kind").prefetch_related(*lists)
    institution = _entry_for_preview(request, Institution, queryset, pk)
    roles_here = ProgrammeInstitution.objects.filter(institution=institution)
    programmes = with_status(Programme.objects.filter(pk__in=roles_here.values("programme")), today())
    context = {
        "institution": institution,
        "programmes": programmes.prefetch_related(
            Prefetch("institution_links", roles_here, to_attr="roles_here")
        ).order_by("status_rank", "title"),
        "json_ld": "",
        "canonical_url": "",
        "preview_state": institution.get_state_display(),
        "preview_is_public": institution.state == Workflow.PUBLISHED,
    }
    return _no_index(render(request, "editorial/preview_institution.html", context))


def _no_index(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
