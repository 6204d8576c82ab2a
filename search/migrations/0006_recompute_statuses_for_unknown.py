"""Programmes without any deadline information are "Frist unbekannt" now,
no longer "offen": forget the cached statuses so that the next search
recomputes every one (search.index.refresh_statuses)."""

from django.db import migrations


def forget_statuses(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.update(status_on=None)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_term_trigrams")]

    operations = [migrations.RunPython(forget_statuses, migrations.RunPython.noop)]
