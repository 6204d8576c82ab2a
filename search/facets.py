"""Facets: for every vocabulary, how many results each value would give.

Counts are disjunctive: the counts of a group are taken with every filter
applied except the group's own, so they say how many results a value gives
when it is added to (OR) the values already chosen in that group, and the
other values of a chosen group do not drop to zero. All counts come from one
SQL statement (a UNION ALL of GROUP BY queries over common table
expressions), whatever the number of results. The total number of results
is read off the type counts.

Regions count by containment, like the filter: the count of Landkreis
Northeim is the number of entries for Northeim, Niedersachsen, Bund and EU.
Each entry is counted once per place: its region tags are stored reduced to
the widest ones (a tag whose parent area is also tagged adds nothing, see
`search.models.DocumentTag`), so the counts along a place's path can be
summed.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from catalogue.status import STATUS_ORDER

from . import filters as search_filters
from . import fulltext
from .models import DocumentTag, Kind
from .vocabularies import Option, ancestors

GROUPS = {
    "type": _("Art des Eintrags"),
    "status": _("Status"),
    "region": _("Fördergebiet"),
    "integration_area": _("Integrationsbereich"),
    "target_group": _("Zielgruppe"),
    "applicant_type": _("Antragsberechtigt"),
    "funding_kind": _("Förderschwerpunkt"),
}
# "Förderer" is singular and plural in German; the context keeps the plural
# facet label apart from the singular "Förderer" in the catalogues.
TYPE_LABELS = {"programme": _("Förderprogramme"), "institution": pgettext_lazy("Mehrzahl", "Förderer")}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list

    @property
    def selected(self):
        return [v for v in self.values if v.selected]


def _bases(filters):
    """Common table expressions of the document sets the groups count over
    — b0 with every filter, b_<group> without the group's own filter where
    it is set — and the name each group counts over. Each set is evaluated
    once per statement, however many groups read it."""
    ctes, names = [], {}
    for group in (None, *GROUPS):
        if group is not None and not filters.active(group):
            names[group] = "b0"
            continue
        name = f"b_{group}" if group else "b0"
        lifted = filters.without(group) if group else filters
        sql, params = (
            search_filters.documents(lifted).values("id", "kind", "status_code").query.sql_with_params()
        )
        ctes.append((f"{name} AS MATERIALIZED ({sql})", params))
        names[group] = name
    return ctes, names


def _selects(filters, names):
    """One SELECT group, code, count per group."""
    tag_table, group_column = DocumentTag._meta.db_table, connection.ops.quote_name("group")
    for group in GROUPS:
        base = names[group]
        if group == "type":
            yield f"SELECT 'type', kind, COUNT(*) FROM {base} GROUP BY kind", []
        elif group == "status":
            yield (
                f"SELECT 'status', status_code, COUNT(*) FROM {base} WHERE kind = %s GROUP BY status_code",
                [Kind.PROGRAMME.value],
            )
        else:
            # Every tag belongs to a document: without any filter, no join.
            within = f" AND document_id IN (SELECT id FROM {base})" if filters.without(group).any() else ""
            where = f"{group_column} = %s{within}"
            yield f"SELECT %s, code, COUNT(*) FROM {tag_table} WHERE {where} GROUP BY code", [group, group]


def count(filters):
    """{"type": Counter({"programme": 41, …}), "region": Counter({"03155": 12, …}), …}
    in one statement."""
    ctes, names = _bases(filters)
    if filters.text:
        ctes.insert(0, fulltext.match_cte(filters.text, scored=False))
    selects = list(_selects(filters, names))
    sql = " UNION ALL ".join(select for select, _params in selects)
    sql, params = fulltext.with_ctes(ctes, sql, [p for _select, params in selects for p in params])
    counts = defaultdict(Counter)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for group, code, n in cursor.fetchall():
            counts[group][code] += n
    counts["region"] = _contained(counts["region"], filters.region_options)
    return counts


def total(counts, filters):
    """The number of results: the type counts are taken without the type filter."""
    return sum(n for kind, n in counts["type"].items() if not filters.type or kind in filters.type)


def _contained(tag_counts, regions):
    """Entries per place: the sum over the place and every area around it."""
    return Counter({o.code: sum(tag_counts[a] for a in ancestors(regions, o.code)) for o in regions})


def _options(group, vocabularies):
    if group == "type":
        return [Option(code, str(label)) for code, label in TYPE_LABELS.items()]
    if group == "status":
        return [Option(s.value, str(s.label)) for s in STATUS_ORDER]
    return [Option(o.code, o.translated) for o in vocabularies[group]]


def groups(counts, vocabularies, state):
    """FacetGroups in page order; a value shows when it has results or is chosen."""
    result = []
    for name, label in GROUPS.items():
        values = [
            FacetValue(
                o.code,
                o.label,
                counts[name][o.code],
                state.selected(name, o.code),
                state.toggle(name, o.code),
            )
            for o in _options(name, vocabularies)
        ]
        result.append(FacetGroup(name, gettext(label), [v for v in values if v.count or v.selected]))
    return result
