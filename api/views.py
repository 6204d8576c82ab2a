"""The bodies of single entries, vocabularies and regions (the operations
are declared in `api.operations`), and the JSON 404 for any other address
under /api/. Search-backed lists are in `api.listing`, exports in
`api.exports`, feeds in `api.feeds`, the OpenAPI document and its page in
`api.documentation`."""

from django.utils.translation import gettext as _

from catalogue.models import DeadlineKind, Institution, Programme, Role
from catalogue.queries import published
from catalogue.status import STATUS_ORDER

from .http import catalogue_last_modified, json_response, not_found, set_last_modified
from .serializers import institution_item, institutions_for_api, programme_item, programmes_for_api
from .vocabularies import VOCABULARY_TABLES, translate_label


def _choices(choices):
    return [{"code": value, "label": str(label)} for value, label in choices]


def programme_detail(request, slug):
    programme = programmes_for_api(published(Programme.objects.filter(slug=slug))).first()
    if programme is None:
        return not_found(_("Keine veröffentlichte Förderung hat die Kennung „%(id)s“.") % {"id": slug})
    response = json_response({"data": programme_item(programme, request)})
    links = programme.institution_links.all()
    moment = catalogue_last_modified(programme.updated_at, *[link.institution.updated_at for link in links])
    return set_last_modified(response, moment)


def institution_detail(request, slug):
    institution = institutions_for_api(published(Institution.objects.filter(slug=slug))).first()
    if institution is None:
        return not_found(_("Kein veröffentlichter Förderer hat die Kennung „%(id)s“.") % {"id": slug})
    response = json_response({"data": institution_item(institution, request)})
    links = institution.programme_links.all()
    moment = catalogue_last_modified(institution.updated_at, *[link.programme.updated_at for link in links])
    return set_last_modified(response, moment)


def vocabularies(request):
    data = {
        key: [{"code": v.code, "label": translate_label(v.label)} for v in model.objects.all()]
        for key, model in VOCABULARY_TABLES.items()
    }
    data["statuses"] = [{"code": s.value, "label": str(s.label)} for s in STATUS_ORDER]
    data["deadline_kinds"] = _choices(DeadlineKind.choices)
    data["roles"] = _choices(Role.choices)
    return json_response({"data": data})


def regions(request):
    rows = list(VOCABULARY_TABLES["regions"].objects.all())
    children = {}
    for region in rows:
        children.setdefault(region.parent_id, []).append(region.code)
    data = [
        {
            "code": r.code,
            "label": translate_label(r.label),
            "level": r.level,
            "parent": r.parent_id,
            "children": children.get(r.code, []),
        }
        for r in rows
    ]
    return json_response({"data": data})


def unknown(request, path=""):
    return not_found(_("Diese Adresse gibt es in der Schnittstelle nicht. Übersicht: /api/v1/"))
