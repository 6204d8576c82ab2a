"""Fixtures of the API tests: a client that asks like a script on another
site, a clean rate-limit counter for every test and a small published
catalogue with one draft of each kind beside it."""

from datetime import date

import pytest
from django.core.cache import cache
from django.test import Client

from catalogue.models import Role, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory

# A browser names the page's origin on every cross-origin request, and
# django-cors-headers answers those; every API test asks that way.
ORIGIN = "https://example.org"


@pytest.fixture
def client():
    return Client(headers={"Origin": ORIGIN})


@pytest.fixture(autouse=True)
def clean_rate_limit():
    """Every test starts with a fresh per-minute counter."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue(db):
    """Two published funders, three published programmes in Region Hannover
    and state-wide, one draft programme and one draft funder."""
    stiftung = InstitutionFactory(slug="stiftung-nord", name="Stiftung Nord")
    land = InstitutionFactory(slug="land-ni", name="Land Niedersachsen", kind_id="behoerde")
    draft_funder = InstitutionFactory(slug="geheim-stiftung", name="Geheim", state=Workflow.DRAFT)
    mikro = ProgrammeFactory(
        slug="mikrofonds",
        title="Mikrofonds Teilhabe",
        regions=["03155"],
        deadline_kind="dates",
        deadline_dates=[date(2026, 12, 10), date(2027, 6, 1)],
        amount_text="bis 1.500 €",
        amount_max_eur=1500,
    )
    sprache = ProgrammeFactory(
        slug="sprachbruecken",
        title="Sprachbrücken",
        regions=["ni"],
        deadline_kind="dates",
        deadline_yearly=["03-31"],
    )
    alt = ProgrammeFactory(
        slug="altprogramm",
        title="Altprogramm",
        regions=["ni"],
        deadline_kind="dates",
        deadline_dates=[date(2025, 1, 31)],
    )
    draft = ProgrammeFactory(slug="entwurf", title="Entwurf", regions=["03155"], state=Workflow.DRAFT)
    ProgrammeInstitutionFactory(programme=mikro, institution=stiftung, role=Role.FUNDER)
    ProgrammeInstitutionFactory(programme=mikro, institution=draft_funder, role=Role.CONTACT)
    ProgrammeInstitutionFactory(programme=sprache, institution=land, role=Role.APPROVER)
    return {
        "stiftung": stiftung,
        "land": land,
        "draft_funder": draft_funder,
        "mikro": mikro,
        "sprache": sprache,
        "alt": alt,
        "draft": draft,
    }
