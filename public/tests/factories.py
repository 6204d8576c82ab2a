"""Entries with every field filled, for the detail-page tests."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from catalogue.models import Deadline, ProgrammeInstitution, Role
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from search.index import bulk_indexing


def rich_institution(**overrides):
    fields = {
        "slug": "stiftung-miteinander",
        "name": "Stiftung Miteinander",
        "kind_id": "stiftung",
        "website": "https://stiftung-miteinander.example.org/",
        "description": "Die Stiftung fördert **Begegnung** im Quartier.",
        "goals": "- Nachbarschaft stärken\n- Sprache fördern",
        "contact_name": "Referat Projekte",
        "contact_email": "projekte@stiftung-miteinander.example.org",
        "contact_phone": "0511 123456",
        "contact_address": "Am Markt 1, 30159 Hannover",
        "last_checked": date(2026, 10, 1),
        "sources": ["https://stiftung-miteinander.example.org/foerderung"],
    }
    with bulk_indexing():  # indexed once, not once per list
        institution = InstitutionFactory(**(fields | overrides))
        institution.funding_kinds.set(["projekte", "institutionell"])
        institution.regions.set(["ni"])
        institution.integration_areas.set(["sprachfoerderung", "leben-im-quartier"])
        institution.target_groups.set(["zuwanderungsbiografie"])
    return institution


def rich_programme(institution=None, **overrides):
    """A programme with every field set; next deadline 2026-12-15 (in 20 days
    from the pinned today, 2026-11-25), so its status is 'Frist endet bald'."""
    fields = {
        "slug": "nachbarschaft-verbindet",
        "title": "Nachbarschaft verbindet",
        "description": "Gefördert werden **Begegnungsprojekte** in Nachbarschaften.",
        "goals": "Ziel ist ein gutes *Miteinander*.",
        "amount_text": "bis zu 35.000 € je Projekt",
        "amount_min_eur": Decimal("5000.00"),
        "amount_max_eur": Decimal("35000.00"),
        "amount_max_rate_percent": Decimal("80.00"),
        "own_contribution_text": "mindestens 10 % der Gesamtkosten",
        "own_contribution_min_percent": Decimal("12.50"),
        "own_contribution_in_kind_allowed": True,
        "deadline_kind": "dates",
        "window_start": date(2026, 9, 1),
        "deadline_note": "Erst Projektskizze, dann Antrag",
        "period_start": date(2026, 1, 1),
        "period_end": date(2027, 12, 31),
        "eligible_text": "Gemeinnützige Vereine in Niedersachsen",
        "contact_name": "Frau Beispiel",
        "contact_email": "antrag@stiftung-miteinander.example.org",
        "contact_phone": "0511 654321",
        "contact_address": "Am Markt 1, 30159 Hannover",
        "links": [
            {"title": "Förderrichtlinie", "url": "https://stiftung-miteinander.example.org/richtlinie.pdf"},
            {"url": "https://stiftung-miteinander.example.org/antrag"},
        ],
        "last_checked": date(2026, 11, 2),
        "sources": ["https://stiftung-miteinander.example.org/programm"],
    }
    with bulk_indexing():  # indexed once, not once per list and deadline
        programme = ProgrammeFactory(**(fields | overrides))
        Deadline.objects.create(programme=programme, date=date(2026, 12, 15))
        Deadline.objects.create(programme=programme, date=date(2027, 3, 31))
        Deadline.objects.create(programme=programme, yearly="09-30")
        programme.regions.set(["ni", "03241"])
        programme.applicant_types.set(["verein", "migrantenorganisation"])
        programme.funding_kinds.set(["projekte"])
        programme.integration_areas.set(["sprachfoerderung", "leben-im-quartier"])
        programme.target_groups.set(["zuwanderungsbiografie", "fluchtgeschichte"])
        if institution is not None:
            ProgrammeInstitution.objects.create(
                programme=programme, institution=institution, role=Role.FUNDER
            )
            ProgrammeInstitution.objects.create(
                programme=programme, institution=institution, role=Role.CONTACT, position=1
            )
    return programme


def set_created(entry, year, month, day):
    """created_at is auto_now_add; tests that sort by it set it afterwards."""
    created = timezone.make_aware(datetime(year, month, day, 12, 0))
    type(entry).objects.filter(pk=entry.pk).update(created_at=created)
