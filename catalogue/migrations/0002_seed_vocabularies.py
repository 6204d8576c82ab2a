from django.db import migrations

from catalogue.vocabularies import seed_vocabularies


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0001_initial")]

    operations = [migrations.RunPython(seed_vocabularies, migrations.RunPython.noop)]
