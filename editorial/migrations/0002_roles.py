"""The groups Administration, Redaktion and Förderer with their permissions
(see editorial.roles.ROLE_PERMISSIONS)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from editorial.roles import sync_roles

    sync_roles(apps)


def remove_roles(apps, schema_editor):
    from editorial.roles import ADMINISTRATION, FOERDERER, REDAKTION

    apps.get_model("auth", "Group").objects.filter(name__in=[ADMINISTRATION, REDAKTION, FOERDERER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0002_seed_vocabularies"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
