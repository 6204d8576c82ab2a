"""The trigram index of the indexed words, for the second step of the typo
fallback (search/spelling.py): `pg_trgm` and a GIN index on PostgreSQL, an
FTS5 table with the `trigram` tokenizer on SQLite. Nothing here changes the
Django model state."""

from django.db import migrations


def install(apps, schema_editor):
    from search import spelling

    spelling.install(schema_editor)


def uninstall(apps, schema_editor):
    from search import spelling

    spelling.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_ranking")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
