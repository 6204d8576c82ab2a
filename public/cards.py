"""Result cards of the Suche page, rendered once per entry and kept per
process (`search.kept`): a card's body — type, status, funders, the key
facts — does not depend on the query. Only the query's parts (the marked
title, the snippet, the amount note) are rendered on every page. Entries
whose card is kept are not read with their related rows: only the others
are prefetched.
"""

from django.db.models import Prefetch, prefetch_related_objects

from catalogue.models import ProgrammeInstitution, Workflow
from search import kept
from search.models import Kind

from . import search_fragments


def _card_lookups():
    """What a programme's card reads: its published funders, and the
    applicant types and regions of its key facts."""
    links = (
        ProgrammeInstitution.objects.filter(institution__state=Workflow.PUBLISHED)
        .select_related("institution")
        .only("programme_id", "institution_id", "role", "position", "institution__slug", "institution__name")
    )
    return [Prefetch("institution_links", queryset=links), "applicant_types", "regions"]


def _made(hits):
    programmes = [hit.object for hit in hits if hit.type == Kind.PROGRAMME]
    prefetch_related_objects(programmes, *_card_lookups())
    return [search_fragments.card(hit) for hit in hits]


def attach(hits, version, on):
    """Give every hit its rendered card body (`hit.card`); with `version`
    None (no index version to trust) nothing is kept."""
    bodies = kept.per_entry(
        "card", hits, lambda hit: kept.hit_key(hit, version), _made, version=version, on=on
    )
    for hit, body in zip(hits, bodies, strict=True):
        hit.card = body
    return hits
