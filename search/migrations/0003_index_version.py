"""The index version: one row whose token triggers on the documents and
tags tables renew with every change (see search/snapshot.py)."""

from django.db import migrations, models


def install(apps, schema_editor):
    from search import snapshot

    apps.get_model("search", "IndexVersion").objects.create(pk=1, token="initial")
    snapshot.install_triggers(schema_editor)


def uninstall(apps, schema_editor):
    from search import snapshot

    snapshot.uninstall_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [
        migrations.CreateModel(
            name="IndexVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=40)),
            ],
        ),
        migrations.RunPython(install, uninstall, elidable=False),
    ]
