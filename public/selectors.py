"""What the public pages show, as querysets with a fixed number of queries.

Every function reads published entries only; status and next deadline come
from `catalogue.queries.with_status`, so sorting happens in SQL. The start
page counts and picks from the search's in-memory index instead
(`search.overview`): its cost must not grow with the catalogue.
"""

from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404

from catalogue.models import Institution, IntegrationArea, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import published, with_details, with_status
from catalogue.vocabularies import INSTITUTION, lists_of
from search import overview

START_LIST_LENGTH = 6
SIMILAR_LENGTH = 5
# Candidates per vocabulary for the similar programmes (see similar_programmes).
SIMILAR_POOL = 200


def published_links():
    """Programme ↔ institution links whose institution is public, institution
    loaded in the same query."""
    return ProgrammeInstitution.objects.filter(institution__state=Workflow.PUBLISHED).select_related(
        "institution"
    )


def programme_list(on):
    """Published programmes with status, each with its public institution links."""
    return with_status(published(Programme.objects.all()), on).prefetch_related(
        Prefetch("institution_links", queryset=published_links())
    )


def start_page(on):
    """The start page's figures, Integrationsbereiche with counts and the
    programmes closing soon and added last: from the in-memory index
    (`search.overview`), then the few programmes shown in one query."""
    glance = overview.glance(on, START_LIST_LENGTH)
    areas = list(IntegrationArea.objects.order_by("position", "code"))
    for area in areas:
        area.programme_count = glance.areas.get(area.code, 0)
    shown = programme_list(on).filter(pk__in=glance.closing_soon + glance.newest).in_bulk()
    return {
        "areas": areas,
        "closing_soon": [shown[pk] for pk in glance.closing_soon if pk in shown],
        "newest": [shown[pk] for pk in glance.newest if pk in shown],
        "figures": glance.figures,
    }


def programme_for_page(slug):
    """One published programme with everything its page shows, or 404."""
    queryset = with_details(published(Programme.objects.all())).prefetch_related(
        Prefetch("institution_links", queryset=published_links())
    )
    return get_object_or_404(queryset, slug=slug)


def _sharing(field, codes, programme):
    """Ids of the SIMILAR_POOL newest published programmes with one of `codes`
    in `field` (an index scan that stops early, however large the catalogue)."""
    if not codes:
        return []
    queryset = published(Programme.objects.filter(**{f"{field}__in": codes})).exclude(pk=programme.pk)
    return list(queryset.order_by("-pk").values_list("pk", flat=True).distinct()[:SIMILAR_POOL])


def similar_programmes(programme, on, limit=SIMILAR_LENGTH):
    """Published programmes sharing the most Integrationsbereiche and
    Zielgruppen with `programme`; open ones before expired ones. Ranked
    among the newest programmes sharing anything (SIMILAR_POOL per
    vocabulary), so the cost of a page does not grow with the catalogue."""
    areas = [a.code for a in programme.integration_areas.all()]
    groups = [g.code for g in programme.target_groups.all()]
    pool = set(_sharing("integration_areas", areas, programme)) | set(
        _sharing("target_groups", groups, programme)
    )
    if not pool:
        return Programme.objects.none()
    shared = Count("integration_areas", filter=Q(integration_areas__in=areas), distinct=True) + Count(
        "target_groups", filter=Q(target_groups__in=groups), distinct=True
    )
    return (
        programme_list(on)
        .filter(pk__in=pool)
        .annotate(shared=shared)
        .order_by("-shared", "status_rank", "title")[:limit]
    )


def institution_for_page(slug):
    queryset = published(Institution.objects.select_related("kind")).prefetch_related(
        *(vocabulary.key for vocabulary in lists_of(INSTITUTION))
    )
    return get_object_or_404(queryset, slug=slug)


def institution_programmes(institution, on):
    """The institution's published programmes, expired last, each with the
    roles the institution plays in it (`roles_here`)."""
    roles = ProgrammeInstitution.objects.filter(institution=institution)
    programmes = published(Programme.objects.filter(pk__in=roles.values("programme")))
    return (
        with_status(programmes, on)
        .prefetch_related(Prefetch("institution_links", queryset=roles, to_attr="roles_here"))
        .order_by("status_rank", F("next_deadline").asc(nulls_last=True), "title")
    )
