"""The engine's full-text structures: an FTS5 table with triggers on SQLite,
a generated tsvector column with a GIN index on PostgreSQL (see
search/fulltext.py). Nothing here changes the Django model state."""

from django.db import migrations


def install(apps, schema_editor):
    from search import fulltext

    fulltext.install(schema_editor)


def uninstall(apps, schema_editor):
    from search import fulltext

    fulltext.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
