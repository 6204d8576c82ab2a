"""A catalogue built for the Fördercheck: one programme per verdict and
reason that matters, and a draft that would fit but is not public.

The profile it is made for: an initiative without legal form in Landkreis
Northeim, 2,000 € needed, no own money but volunteer work, from 2026-11-25.
"""

from datetime import date
from decimal import Decimal

from catalogue.models import Workflow
from catalogue.tests.factories import ProgrammeFactory
from search.index import bulk_indexing

PROFILE = "region=03155&applicant_type=initiative&amount=2000&own_contribution_percent=0&in_kind=1"


def programme(slug, *, applicant_types=(), target_groups=(), integration_areas=(), **values):
    created = ProgrammeFactory(slug=slug, title=values.pop("title", slug), **values)
    created.applicant_types.set(applicant_types)
    created.target_groups.set(target_groups)
    created.integration_areas.set(integration_areas)
    return created


@bulk_indexing()  # one index write for the whole catalogue, not one per many-to-many change
def check_catalogue():
    """Slugs by the verdict they get for PROFILE, in the order of the result."""
    programme(
        "passt-mit-zielgruppe",
        regions=["ni"],
        applicant_types=["initiative"],
        target_groups=["fluchtgeschichte"],
        deadline_kind="rolling",
        amount_max_eur=Decimal(5000),
        own_contribution_min_percent=Decimal(0),
    )
    programme(
        "passt-frist-bald",
        regions=["03155"],
        applicant_types=["initiative", "verein"],
        deadline_kind="dates",
        deadline_dates=[date(2027, 1, 31)],
        amount_min_eur=Decimal(500),
        amount_max_eur=Decimal(3000),
        own_contribution_min_percent=Decimal(20),
        own_contribution_in_kind_allowed=True,
    )
    programme(
        "passt-jaehrlich",
        regions=["eu"],
        applicant_types=["initiative"],
        deadline_kind="dates",
        deadline_yearly=["03-31"],
        amount_max_eur=Decimal(2000),
        own_contribution_min_percent=Decimal(0),
    )
    programme("vielleicht-ohne-angaben", regions=["de"], deadline_kind="none")
    programme(
        "nicht-anderer-landkreis", regions=["03241"], applicant_types=["initiative"], deadline_kind="rolling"
    )
    programme(
        "nicht-abgelaufen",
        regions=["ni"],
        applicant_types=["initiative"],
        deadline_kind="dates",
        deadline_dates=[date(2025, 1, 31)],
    )
    programme(
        "nicht-eigenanteil",
        regions=["ni"],
        applicant_types=["initiative"],
        deadline_kind="rolling",
        own_contribution_min_percent=Decimal(10),
        own_contribution_in_kind_allowed=False,
    )
    programme("nicht-nur-vereine", regions=["ni"], applicant_types=["verein"], deadline_kind="rolling")
    programme(
        "entwurf",
        regions=["ni"],
        applicant_types=["initiative"],
        deadline_kind="rolling",
        state=Workflow.DRAFT,
    )
    return {
        "yes": ["passt-mit-zielgruppe", "passt-frist-bald", "passt-jaehrlich"],
        "maybe": ["vielleicht-ohne-angaben"],
        "no": ["nicht-abgelaufen", "nicht-anderer-landkreis", "nicht-eigenanteil", "nicht-nur-vereine"],
    }
