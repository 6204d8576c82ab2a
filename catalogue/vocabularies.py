"""Load the controlled vocabularies from the project's copy of
`vocabularies.json` (the interchange vocabularies, format
`foerderatlas-vocabularies/1`).

Used by the seeding data migration, so it takes the app registry it is given
(historical models) instead of importing models directly.
"""

import json
from pathlib import Path

VOCABULARIES_FILE = Path(__file__).parent / "data" / "vocabularies.json"

# JSON key → model name; institution roles are fixed choices, not a table.
VOCABULARY_MODELS = {
    "funding_kinds": "FundingKind",
    "integration_areas": "IntegrationArea",
    "target_groups": "TargetGroup",
    "applicant_types": "ApplicantType",
    "institution_kinds": "InstitutionKind",
}


def read_vocabularies(path=VOCABULARIES_FILE):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def seed_vocabularies(apps, schema_editor=None):
    """Create or relabel every value; never deletes (values may be in use)."""
    data = read_vocabularies()
    for key, model_name in VOCABULARY_MODELS.items():
        model = apps.get_model("catalogue", model_name)
        for position, item in enumerate(data[key]):
            model.objects.update_or_create(
                code=item["code"], defaults={"label": item["label"], "position": position}
            )
    region_model = apps.get_model("catalogue", "Region")
    # Parents come before children in the file, so one pass suffices.
    for position, item in enumerate(data["regions"]):
        region_model.objects.update_or_create(
            code=item["code"],
            defaults={
                "label": item["label"],
                "position": position,
                "level": item["level"],
                "parent_id": item["parent"],
            },
        )
