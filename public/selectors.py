"""What the public pages show, as querysets with a fixed number of queries.

Every function reads published entries only; status and next deadline come
from `catalogue.queries.with_status`, so counting and sorting happen in SQL.
"""

from django.db.models import Count, F, Prefetch, Q
from django.shortcuts import get_object_or_404

from catalogue.models import Institution, IntegrationArea, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import published, with_details, with_status
from catalogue.status import Status, statuses_admitted

START_LIST_LENGTH = 6
SIMILAR_LENGTH = 5
# Candidates per vocabulary for the similar programmes (see similar_programmes).
SIMILAR_POOL = 200
OPEN_CODES = statuses_admitted(Status.OPEN)


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


def closing_soon(on, limit=START_LIST_LENGTH):
    """Programmes whose next deadline falls within CLOSING_SOON_DAYS, soonest first."""
    return (
        programme_list(on)
        .filter(status_code=Status.CLOSING_SOON.value)
        .order_by("next_deadline", "title")[:limit]
    )


def newest(on, limit=START_LIST_LENGTH):
    return programme_list(on).order_by("-created_at", "title")[:limit]


def integration_areas_with_counts():
    """Every Integrationsbereich with the number of published programmes in it."""
    return IntegrationArea.objects.annotate(
        programme_count=Count("programme", filter=Q(programme__state=Workflow.PUBLISHED))
    ).order_by("position", "code")


def figures(on):
    """{'programmes': 41, 'open': 27, 'institutions': 13} in two queries."""
    counts = with_status(published(Programme.objects.all()), on).aggregate(
        programmes=Count("pk"), open=Count("pk", filter=Q(status_code__in=OPEN_CODES))
    )
    counts["institutions"] = published(Institution.objects.all()).count()
    return counts


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
        "funding_kinds", "regions", "integration_areas", "target_groups"
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
