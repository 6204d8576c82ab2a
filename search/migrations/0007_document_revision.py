"""Documents get a revision, new with every rewrite (search.kept keeps what
pages make of an entry under it). A plain ADD COLUMN on both databases:
Django would rebuild the SQLite table for a column with a default, and with
it drop the index-version triggers of migration 0003. Documents written
before this have none until they are written again."""

from django.db import migrations, models

import search.models

ADD = "ALTER TABLE search_searchdocument ADD COLUMN revision varchar(16) NULL"
DROP = "ALTER TABLE search_searchdocument DROP COLUMN revision"


class Migration(migrations.Migration):
    dependencies = [("search", "0006_unknown_status_and_own_contribution_tags")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(ADD, DROP)],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="revision",
                    field=models.CharField(
                        default=search.models.new_revision, editable=False, max_length=16, null=True
                    ),
                )
            ],
        )
    ]
