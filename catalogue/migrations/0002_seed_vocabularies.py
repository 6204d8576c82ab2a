from django.db import migrations

from catalogue.vocabularies import seed_regions, seed_values

# The vocabularies this migration created; later ones seed in their own migration.
SEEDED = {
    "funding_kinds": "FundingKind",
    "integration_areas": "IntegrationArea",
    "target_groups": "TargetGroup",
    "applicant_types": "ApplicantType",
    "institution_kinds": "InstitutionKind",
}


def seed_vocabularies(apps, schema_editor):
    seed_values(apps, SEEDED)
    seed_regions(apps)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(seed_vocabularies, migrations.RunPython.noop)]
