"""Programmes for exports read with `values()`: plain rows instead of model
instances with prefetching (issue 16: a 9,227-row CSV export took 10.8 s of
CPU, most of it building related objects and cloning related querysets).

`programme_rows(pks)` returns, in the order of `pks`, objects with exactly
what `api.serializers.programme_item` and `catalogue.cards.card_facts` read
of a prefetched Programme: its fields, `get_absolute_url()`, and
`deadlines`, every declared vocabulary list (`regions`, …) and
`institution_links` whose `.all()`
lists what the prefetch would (same rows, same order: vocabulary values in
their table's order, deadlines and links in their models' ordering). A test
holds the items of both to the same answers (api/tests/test_rows.py).
A fixed number of queries per call, whatever the number of programmes.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.urls import reverse

from catalogue.models import Deadline, Institution, Programme, ProgrammeInstitution
from catalogue.queries import published
from catalogue.vocabularies import PROGRAMME, lists_of

# Many-to-many field of Programme → its vocabulary model (catalogue.vocabularies).
VOCABULARIES = {
    vocabulary.key: Programme._meta.get_field(vocabulary.key).related_model
    for vocabulary in lists_of(PROGRAMME)
}
FIELDS = [field.attname for field in Programme._meta.concrete_fields]


class Related(list):
    """A prefetched relation's `.all()`, without a queryset per call."""

    def all(self):
        return self


class ProgrammeRow(SimpleNamespace):
    def get_absolute_url(self):
        return reverse("public:programme", args=[self.slug])

    def __str__(self):
        return self.title


def _vocabulary(model):
    """id → value, and id → place in the table's own ordering."""
    values = list(model.objects.all())
    return {v.pk: v for v in values}, {v.pk: place for place, v in enumerate(values)}


def _chosen(pks, name, vocabulary):
    """programme id → its values of one many-to-many field, in table order."""
    by_id, place = vocabulary
    field = Programme._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    pairs = through.objects.filter(**{f"{source}__in": pks}).values_list(f"{source}_id", f"{target}_id")
    chosen = defaultdict(list)
    for programme_id, value_id in pairs:
        chosen[programme_id].append(value_id)
    return {pid: Related(by_id[v] for v in sorted(ids, key=place.__getitem__)) for pid, ids in chosen.items()}


def _deadlines(pks):
    rows = defaultdict(Related)
    for programme_id, day, yearly in Deadline.objects.filter(programme_id__in=pks).values_list(
        "programme_id", "date", "yearly"
    ):
        rows[programme_id].append(SimpleNamespace(date=day, yearly=yearly))
    return rows


def _institution_links(pks, funders):
    """Links to published funders only (`funders`: id → slug), as the API's prefetch has them."""
    links = ProgrammeInstitution.objects.filter(programme_id__in=pks).values_list(
        "programme_id", "institution_id", "role"
    )
    rows = defaultdict(Related)
    for programme_id, institution_id, role in links:
        if institution_id in funders:
            institution = SimpleNamespace(slug=funders[institution_id])
            rows[programme_id].append(SimpleNamespace(institution=institution, role=role))
    return rows


def lookups(pks=None):
    """Read once per export: every vocabulary's values (a few hundred) and
    the published funders' slugs — all of them, or for a page of programmes
    `pks` only theirs (a page's cost must not grow with the catalogue)."""
    funders = published(Institution.objects.all())
    if pks is not None:  # two lookups by index; a join made SQLite walk every funder
        linked = ProgrammeInstitution.objects.filter(programme_id__in=pks).values_list(
            "institution_id", flat=True
        )
        funders = funders.filter(pk__in=set(linked))
    return {
        **{name: _vocabulary(model) for name, model in VOCABULARIES.items()},
        "funders": dict(funders.values_list("pk", "slug")),
    }


def programme_rows(pks, known=None):
    """ProgrammeRows of the published programmes `pks`, in that order (others
    left out); `known` is what `lookups()` returned, read anew if None."""
    known = known or lookups(pks)
    fields = {row["id"]: row for row in published(Programme.objects.filter(pk__in=pks)).values(*FIELDS)}
    related = {name: _chosen(pks, name, known[name]) for name in VOCABULARIES}
    deadlines, links = _deadlines(pks), _institution_links(pks, known["funders"])
    rows = []
    for pk in pks:
        if pk not in fields:
            continue
        relations = {name: chosen.get(pk, Related()) for name, chosen in related.items()}
        rows.append(
            ProgrammeRow(
                **fields[pk],
                **relations,
                deadlines=deadlines.get(pk, Related()),
                institution_links=links.get(pk, Related()),
            )
        )
    return rows
