"""Result cards of the Suche page, rendered once per entry and kept per process.

Distinct searches show the same entries again and again (a catalogue has a
few thousand, a page shows 20), and a card's body — type, status, funders,
the key facts — does not depend on the query. So the body is rendered once
per entry, language, day (statuses, "in 3 Tagen") and index version (every
change of an entry gives the index a new version) and kept in the `cards`
cache; only the query's parts (the marked title, the snippet, the amount
note) are rendered on every page. Entries whose card is kept are not read
with their related rows: only the others are prefetched.
"""

from django.core.cache import caches
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import get_language

from catalogue.models import ProgrammeInstitution, Workflow
from search.models import Kind

from . import search_fragments

CARD_SECONDS = 3600


def _card_lookups():
    """What a programme's card reads: its published funders, and the
    applicant types and regions of its key facts."""
    links = (
        ProgrammeInstitution.objects.filter(institution__state=Workflow.PUBLISHED)
        .select_related("institution")
        .only("programme_id", "institution_id", "role", "position", "institution__slug", "institution__name")
    )
    return [Prefetch("institution_links", queryset=links), "applicant_types", "regions"]


def _key(hit, version, on):
    return f"card:{version}:{on.isoformat()}:{get_language()}:{hit.type}:{hit.object.pk}"


def attach(hits, version, on):
    """Give every hit its rendered card body (`hit.card`); with `version`
    None (no index version to trust) nothing is kept."""
    cache = caches["cards"]
    keys = {id(hit): _key(hit, version, on) for hit in hits} if version else {}
    kept = cache.get_many(list(keys.values())) if keys else {}
    missing = [hit for hit in hits if keys.get(id(hit)) not in kept]
    programmes = [hit.object for hit in missing if hit.type == Kind.PROGRAMME]
    prefetch_related_objects(programmes, *_card_lookups())
    fresh = {}
    for hit in hits:
        key = keys.get(id(hit))
        if key in kept:
            hit.card = kept[key]
        else:
            hit.card = search_fragments.card(hit)
            if key:
                fresh[key] = hit.card
    if fresh:
        cache.set_many(fresh, CARD_SECONDS)
    return hits
