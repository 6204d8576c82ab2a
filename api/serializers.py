"""Programmes and institutions as API items.

Field names and nesting are those of the interchange format
(catalogue/interchange/foerderatlas-1.schema.json), so one vocabulary serves
import, export and API. The API adds `type` and the derived `status`,
`next_deadline`, `url` and `card` (the key facts in words, as on the
result cards: `catalogue.cards`), and always sends every key (null or empty when
unknown) so clients never need to test for presence. Shape by example:

    {"id": "mikrofonds", "type": "programme", "title": "Mikrofonds", "status": "open",
     "next_deadline": "2027-03-31", "url": "https://…/foerderungen/mikrofonds/",
     "amount": {"text": "bis 1.500 €", "min_eur": null, "max_eur": 1500, …}, …}
"""

from django.db.models import Prefetch

from catalogue.cards import card_facts
from catalogue.models import Institution, Programme, ProgrammeInstitution
from catalogue.queries import published
from catalogue.status import deadlines_of, next_deadline, status_on, today
from catalogue.vocabularies import INSTITUTION, PROGRAMME, lists_of

from .vocabularies import item_lists


def _public_links():
    institutions = published(Institution.objects.all())
    return ProgrammeInstitution.objects.filter(institution__in=institutions).select_related("institution")


def _public_programme_links():
    programmes = published(Programme.objects.all())
    links = ProgrammeInstitution.objects.filter(programme__in=programmes).select_related("programme")
    # A funder's item names its programmes' ids only: their texts stay unread.
    return links.only("institution_id", "programme__slug").order_by("programme__title", "id")


# Everything `programme_item` and `institution_item` read; prefetched, so a
# list of any length costs a fixed number of queries. A list that already
# has `institution_links` prefetched (search hits do, published funders
# only) keeps it.
PROGRAMME_LOOKUPS = [
    "deadlines",
    *(vocabulary.key for vocabulary in lists_of(PROGRAMME)),
    Prefetch("institution_links", queryset=_public_links()),
]
INSTITUTION_LOOKUPS = [
    *(vocabulary.key for vocabulary in lists_of(INSTITUTION)),
    Prefetch("programme_links", queryset=_public_programme_links()),
]


def programmes_for_api(queryset):
    return queryset.prefetch_related(*PROGRAMME_LOOKUPS)


def institutions_for_api(queryset):
    return queryset.prefetch_related(*INSTITUTION_LOOKUPS)


def number(value):
    """Decimal → JSON number: 1500 rather than "1500.00"."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def iso(value):
    return value.isoformat() if value else None


def codes(related):
    return [item.code for item in related.all()]


def _lists(entry, kind, group=""):
    """The codes of every declared vocabulary list in the item's object `group`."""
    return {vocabulary.name: codes(getattr(entry, vocabulary.key)) for vocabulary in item_lists(kind, group)}


def _contact(entry):
    return {
        "name": entry.contact_name,
        "email": entry.contact_email,
        "phone": entry.contact_phone,
        "address": entry.contact_address,
    }


def _shared(entry, request, kind):
    """Fields institutions and programmes have in common, and the vocabulary lists of `kind`."""
    return {
        "url": request.build_absolute_uri(entry.get_absolute_url()),
        "description": entry.description,
        "goals": entry.goals,
        **_lists(entry, kind),
        "contact": _contact(entry),
        "last_checked": iso(entry.last_checked),
        "sources": list(entry.sources or []),
    }


def _deadlines(programme, dates):
    return {
        "kind": programme.deadline_kind,
        "dates": [d.isoformat() for d in dates.dates],
        "yearly": list(dates.yearly),
        "window_start": iso(programme.window_start),
        "note": programme.deadline_note,
    }


def programme_item(programme, request):
    dates = deadlines_of(programme)
    on = today()
    return {
        "id": programme.slug,
        "type": PROGRAMME,
        "title": programme.title,
        "status": status_on(dates, on).value,
        "next_deadline": iso(next_deadline(dates, on)),
        "card": card_facts(programme, on).as_dict(),
        "institutions": [
            {"id": link.institution.slug, "role": link.role} for link in programme.institution_links.all()
        ],
        "amount": {
            "text": programme.amount_text,
            "min_eur": number(programme.amount_min_eur),
            "max_eur": number(programme.amount_max_eur),
            "max_rate_percent": number(programme.amount_max_rate_percent),
        },
        "own_contribution": {
            "text": programme.own_contribution_text,
            "min_percent": number(programme.own_contribution_min_percent),
            "in_kind_allowed": programme.own_contribution_in_kind_allowed,
        },
        "deadlines": _deadlines(programme, dates),
        "period": {"start": iso(programme.period_start), "end": iso(programme.period_end)},
        "eligible": {"text": programme.eligible_text, **_lists(programme, PROGRAMME, "eligible")},
        "links": [{"title": link.get("title", ""), "url": link["url"]} for link in programme.links or []],
        **_shared(programme, request, PROGRAMME),
    }


def institution_item(institution, request):
    programme_ids = dict.fromkeys(link.programme.slug for link in institution.programme_links.all())
    return {
        "id": institution.slug,
        "type": INSTITUTION,
        "name": institution.name,
        "kind": institution.kind_id,
        "website": institution.website,
        "programmes": list(programme_ids),
        **_shared(institution, request, INSTITUTION),
    }


def item(entry, request):
    if isinstance(entry, Programme):
        return programme_item(entry, request)
    return institution_item(entry, request)
