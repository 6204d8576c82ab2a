"""Programmes without any deadline information are "Frist unbekannt" now,
no longer "offen": forget the cached statuses so that the next search
recomputes every one (search.index.refresh_statuses). Programmes gain the
own-contribution tags the search filters by
(search.documents.own_contribution_codes, written out here as of this
migration)."""

from django.db import migrations


def forget_statuses(apps, schema_editor):
    apps.get_model("search", "SearchDocument").objects.update(status_on=None)


def own_contribution_tags(apps, schema_editor):
    documents = apps.get_model("search", "SearchDocument").objects.filter(kind="programme")
    tag = apps.get_model("search", "DocumentTag")
    rows = []
    for document in documents.select_related("programme").iterator():
        programme = document.programme
        if programme.own_contribution_min_percent == 0:
            rows.append(tag(document=document, group="own_contribution", code="none"))
        if programme.own_contribution_in_kind_allowed is True:
            rows.append(tag(document=document, group="own_contribution", code="in_kind"))
    tag.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_term_trigrams"), ("catalogue", "0003_history_of_lists_and_links")]

    operations = [
        migrations.RunPython(forget_statuses, migrations.RunPython.noop),
        migrations.RunPython(own_contribution_tags, migrations.RunPython.noop),
    ]
