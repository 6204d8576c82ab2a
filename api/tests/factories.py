"""A demo-like catalogue for the API tests that need variety (fuzzing,
search parity, exports): every status, one-off and yearly deadlines,
regions at every level, vocabulary values, links to funders, one draft."""

from datetime import date

from catalogue.models import Role, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from search.index import bulk_indexing

PROGRAMMES = [
    # slug, title, regions, deadline kind, one-off dates, yearly dates
    ("mikrofonds-northeim", "Mikrofonds Northeim", ["03155"], "dates", [date(2026, 12, 10)], []),
    ("sprachbruecken", "Sprachbrücken", ["ni"], "dates", [], ["03-31"]),
    ("demokratie-leben", "Demokratie leben!", ["de"], "rolling", [], []),
    ("eu-asyl-fonds", "Asyl-, Migrations- und Integrationsfonds", ["eu"], "dates", [date(2027, 2, 15)], []),
    ("quartier-hannover", "Quartiersfonds Hannover", ["03241"], "dates", [date(2026, 1, 31)], []),
    ("kultur-vor-ort", "Kultur vor Ort", ["03155", "03241"], "none", [], []),
    ("sport-verbindet", "Sport verbindet", ["ni"], "dates", [date(2027, 5, 1)], ["09-30"]),
    ("engagement-preis", "Engagementpreis Niedersachsen", ["ni"], "dates", [date(2027, 1, 10)], []),
]


@bulk_indexing()  # one index write for the whole catalogue, not one per many-to-many change
def demo_like_catalogue():
    """Create the catalogue; returns {"programmes": [...], "institutions": [...]}."""
    stiftung = InstitutionFactory(
        slug="lotto-stiftung", name="Lotto-Sport-Stiftung", website="https://example.org"
    )
    land = InstitutionFactory(slug="land-niedersachsen", name="Land Niedersachsen", kind_id="behoerde")
    InstitutionFactory(slug="entwurf-foerderer", name="Entwurf Förderer", state=Workflow.DRAFT)
    programmes = []
    for slug, title, regions, kind, dates, yearly in PROGRAMMES:
        programme = ProgrammeFactory(
            slug=slug,
            title=title,
            regions=regions,
            deadline_kind=kind,
            deadline_dates=dates,
            deadline_yearly=yearly,
            description=f"{title}: Förderung für Vereine und Initiativen.",
            amount_text="bis 5.000 €",
            amount_min_eur=500,
            amount_max_eur=5000,
            eligible_text="Vereine",
            links=[{"title": "Richtlinie", "url": "https://example.org/richtlinie"}],
        )
        programme.integration_areas.set(
            ["sprachfoerderung"] if "sprach" in slug else ["kultur", "engagement-ehrenamt"]
        )
        programme.target_groups.set(["zuwanderungsbiografie"])
        programme.applicant_types.set(["verein", "migrantenorganisation"])
        programme.funding_kinds.set(["projekte"])
        programmes.append(programme)
    ProgrammeInstitutionFactory(programme=programmes[0], institution=stiftung, role=Role.FUNDER)
    ProgrammeInstitutionFactory(programme=programmes[1], institution=land, role=Role.APPROVER)
    ProgrammeInstitutionFactory(programme=programmes[6], institution=stiftung, role=Role.FUNDER)
    ProgrammeFactory(
        slug="entwurf-programm", title="Entwurf Programm", regions=["03155"], state=Workflow.DRAFT
    )
    return {"programmes": programmes, "institutions": [stiftung, land]}
