"""PostgreSQL only: the small columns the ranking reads (`title_vector`,
`lead`), kept in the row while the large ones move to TOAST storage (see
search/fulltext.py and docs/adr/0003-ranking-on-postgresql.md). Every row
is written once more so that it takes the new storage. Nothing here changes
the Django model state."""

from django.db import migrations


def install(apps, schema_editor):
    from search import fulltext

    fulltext.install_ranking(schema_editor)


def uninstall(apps, schema_editor):
    from search import fulltext

    fulltext.uninstall_ranking(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_index_version")]

    operations = [migrations.RunPython(install, uninstall, elidable=False)]
