"""Loads the thesaurus shipped in thesaurus/data/thesaurus.txt; later
changes to that file arrive with `manage.py load_thesaurus`."""

from django.db import migrations


def load(apps, schema_editor):
    from thesaurus.data import load_shipped

    load_shipped(apps.get_model("thesaurus", "Concept"))


class Migration(migrations.Migration):
    dependencies = [("thesaurus", "0001_concepts")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
