"""What the public pages show, as querysets with a fixed number of queries.

Every function reads published entries only; status and next deadline come
from `catalogue.queries.with_status`, so sorting happens in SQL. The start
page counts and picks from the search's in-memory index instead
(`search.overview`): its cost must not grow with the catalogue.
"""

import heapq
from collections import Counter

from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404
from pyroaring import BitMap

from catalogue.models import Institution, IntegrationArea, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import published, with_details, with_status
from catalogue.status import STATUS_RANK
from catalogue.vocabularies import BY_KEY, INSTITUTION, lists_of
from search import kept, overview, snapshot
from search.models import Kind

START_LIST_LENGTH = 6
SIMILAR_LENGTH = 5
# Candidates per vocabulary value for the similar programmes (see similar_programmes).
SIMILAR_POOL = 200
# What makes programmes similar: the values they share of these lists.
SIMILAR_BY = ("integration_areas", "target_groups")
# What a programme in a list (public.programme_list, one Jinja2 fragment) shows.
LISTED_FIELDS = ("slug", "title", "deadline_kind")


def published_links():
    """Programme ↔ institution links whose institution is public, institution
    loaded in the same query."""
    return ProgrammeInstitution.objects.filter(institution__state=Workflow.PUBLISHED).select_related(
        "institution"
    )


def listed_programmes(on):
    """Published programmes with what a list line shows (`public.programme_list`):
    status and their public institution links."""
    return with_status(published(Programme.objects.only(*LISTED_FIELDS)), on).prefetch_related(
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
    shown = listed_programmes(on).filter(pk__in=glance.closing_soon + glance.newest).in_bulk()
    return {
        "areas": areas,
        "closing_soon": [shown[pk] for pk in glance.closing_soon if pk in shown],
        "newest": [shown[pk] for pk in glance.newest if pk in shown],
        "figures": glance.figures,
    }


def programme_for_page(slug, on, version=None):
    """One published programme with everything its page shows, or 404. Kept
    per document revision (`search.kept`) when `version`, the index version
    the page has just read, is one to trust: a programme page is asked for
    far more often than its programme changes, and reading it costs a query
    per vocabulary list."""
    key = kept.programme_key(slug) if version else None
    if key is None:
        return _programme_for_page(slug)

    def read(_keys):
        return [_programme_for_page(slug)]

    return kept.per_entry("page", [key], str, read, version=version, on=on)[0]


def _programme_for_page(slug):
    queryset = with_details(published(Programme.objects.all())).prefetch_related(
        Prefetch("institution_links", queryset=published_links())
    )
    return get_object_or_404(queryset, slug=slug)


def _shared_values(index, programme):
    """{document id: how many of `programme`'s SIMILAR_BY values it has} for
    the SIMILAR_POOL newest programmes per value: slices and intersections of
    the index's bitmaps, so the work does not grow with the catalogue."""
    programmes = index.kind([Kind.PROGRAMME.value])
    tagged = []
    for key in SIMILAR_BY:
        values = index.tags.get(BY_KEY[key].param, {})
        tagged += [
            values[item.code] & programmes for item in getattr(programme, key).all() if item.code in values
        ]
    pool = BitMap()
    for bitmap in tagged:
        pool |= bitmap[-SIMILAR_POOL:]
    shared = Counter()
    for bitmap in tagged:
        shared.update(bitmap & pool)
    return shared


def similar_programmes(programme, on, limit=SIMILAR_LENGTH, version=None):
    """Published programmes sharing the most Integrationsbereiche and
    Zielgruppen with `programme`; open ones before expired ones, then by
    title. Ranked from the search's in-memory index among the newest
    programmes sharing anything (SIMILAR_POOL per value), so the cost of a
    page does not grow with the catalogue; two queries load the few shown.
    `version`: the index version the page has just read, if any."""
    index = snapshot.current(on, version)
    shared, title = _shared_values(index, programme), index.positions["title"]

    def rank(document):
        return (-shared[document], STATUS_RANK[index.rows[document].status_code], title[document])

    candidates = (d for d in shared if index.rows[d].entry != programme.pk)
    rows = [index.rows[d] for d in heapq.nsmallest(limit, candidates, key=rank)]
    shown = (
        published(Programme.objects.only(*LISTED_FIELDS))
        .prefetch_related(Prefetch("institution_links", queryset=published_links()))
        .in_bulk([row.entry for row in rows])
    )
    similar = []
    for row in rows:
        if row.entry in shown:  # unpublished since the index was read
            entry = shown[row.entry]
            entry.status_code, entry.next_deadline = row.status_code, row.next_deadline
            similar.append(entry)
    return similar


def institution_for_page(slug):
    queryset = published(Institution.objects.select_related("kind")).prefetch_related(
        *(vocabulary.key for vocabulary in lists_of(INSTITUTION))
    )
    return get_object_or_404(queryset, slug=slug)


def institution_programmes(institution, on):
    """The institution's published programmes, expired last, each with the
    roles the institution plays in it (`roles_here`)."""
    roles = ProgrammeInstitution.objects.filter(institution=institution)
    programmes = published(Programme.objects.filter(pk__in=roles.values("programme")).only(*LISTED_FIELDS))
    return (
        with_status(programmes, on)
        .prefetch_related(Prefetch("institution_links", queryset=roles, to_attr="roles_here"))
        .order_by("status_rank", F("next_deadline").asc(nulls_last=True), "title")
    )
