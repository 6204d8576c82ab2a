"""The outside reference: the same facet counts computed by Datasette, in
the same process, on the same SQLite file.

What is compared, exactly:

- The searches of the mix without full text (`bench.mix.FACET_ONLY`),
  restricted to programmes (`type=programme`; Datasette sees one table).
- Ours: one `search.core.search()` call plus rendering its result (see
  `bench.measure.render`): the page of 20 hits, the total, and every facet
  group — including the type facet, which Datasette does not compute.
- Datasette 0.65 (PyPI), in-process through its ASGI client
  (`datasette.client.get`, no network), database opened immutable (its
  fastest mode), suggested facets off, time limits raised so that no facet
  is dropped. It reads a denormalised table the benchmark adds to the file,
  `bench_datasette_programme`: one row per published programme with its
  vocabulary codes as JSON arrays (Datasette facets many-to-many values
  that way, `_facet_array`) and its status and next deadline *precomputed*
  for the bench day (Datasette cannot derive them). Our region counts and
  filter go by containment (Landkreis Northeim counts the offers for
  Northeim, Niedersachsen, Bund and EU), so the table holds, besides the
  region tags, `reaches`: every place an offer reaches (a Niedersachsen-wide
  offer reaches Niedersachsen and its 45 districts); Datasette's facet and
  filter on that column give the same numbers. That table is the most
  favourable layout for Datasette: no joins, no status computation.
- Our facet counts are disjunctive (a group's counts ignore that group's
  own filter, so one can widen a choice). Datasette applies every filter to
  every facet, so it needs one request with all filters (rows, count, the
  groups without a filter) plus one request per filtered group, with that
  filter lifted, `_size=0` and `_nocount=1`. The Datasette time of a search
  is the sum of its requests.
- Filters Datasette has no operator for (OR within a group, the open
  amount bounds) are `_where` SQL fragments, its documented escape hatch.
- Pages beyond the first are asked as page 1: Datasette pages by keyset
  (`_next`), which cannot jump to page 2; this only spares Datasette work.

The counts are checked value by value; a mismatch is reported, not hidden.
Ratio = sum over the searches of our median / sum of Datasette's medians.
"""

import asyncio
import statistics
import time
from urllib.parse import parse_qsl, urlencode

TABLE = "bench_datasette_programme"
ARRAY_COLUMNS = {
    "region": "reaches",
    "integration_area": "integration_areas",
    "target_group": "target_groups",
    "applicant_type": "applicant_types",
    "funding_kind": "funding_kinds",
}
GROUPS = ["status", *ARRAY_COLUMNS]
SORTS = {"title": "_sort=title", "deadline": "_sort=next_deadline", "newest": "_sort_desc=created_at"}
SETTINGS = {
    "suggest_facets": False,
    "facet_time_limit_ms": 60_000,
    "sql_time_limit_ms": 60_000,
    "default_facet_size": 100,
    "max_returned_rows": 1000,
}


def prepare(on):
    """(Re)create the denormalised table Datasette reads, in the default
    (SQLite) database of the running Django process."""
    from django.db import connection, transaction

    from catalogue.models import Programme
    from catalogue.queries import published, with_status

    tagged = ["regions", *(m2m for m2m in ARRAY_COLUMNS.values() if m2m != "reaches")]
    arrays = ", ".join(
        f"(SELECT json_group_array({_code_column(m2m)}) FROM {_through(m2m)} t WHERE t.programme_id = p.id)"
        for m2m in tagged
    )
    status = with_status(published(Programme.objects.all()), on).values_list(
        "pk", "status_code", "next_deadline"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY, title TEXT, status TEXT, next_deadline TEXT, "
            "amount_min_eur REAL, amount_max_eur REAL, created_at TEXT, "
            + ", ".join(f"{c} TEXT" for c in tagged)
            + ", reaches TEXT)"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} SELECT p.id, p.title, NULL, NULL, p.amount_min_eur, p.amount_max_eur, "
            f"p.created_at, {arrays}, NULL FROM catalogue_programme p WHERE p.state = 'published'"
        )
        cursor.executemany(
            f"UPDATE {TABLE} SET status = %s, next_deadline = %s WHERE id = %s",
            [(code, deadline, pk) for pk, code, deadline in status],
        )
        cursor.executemany(f"UPDATE {TABLE} SET reaches = %s WHERE id = %s", _reaches())
        # Indexes a Datasette publisher would add for the sorted and faceted columns.
        for column in ("status", "title", "next_deadline", "created_at"):
            cursor.execute(f"CREATE INDEX {TABLE}_{column} ON {TABLE} ({column})")


def _reaches():
    """[(JSON array of every place a programme reaches, id), …]: its region
    tags and everything inside them."""
    import json
    from collections import defaultdict

    from catalogue.models import Programme, Region

    children = defaultdict(list)
    for code, parent in Region.objects.values_list("code", "parent_id"):
        children[parent].append(code)

    def inside(code):
        return [code, *(c for child in children[code] for c in inside(child))]

    tags = defaultdict(set)
    through = Programme._meta.get_field("regions").remote_field.through
    for pk, code in through.objects.values_list("programme_id", "region_id"):
        tags[pk].update(inside(code))
    return [(json.dumps(sorted(codes)), pk) for pk, codes in tags.items()]


def _through(m2m):
    from catalogue.models import Programme

    return Programme._meta.get_field(m2m).remote_field.through._meta.db_table


def _code_column(m2m):
    from catalogue.models import Programme

    return Programme._meta.get_field(m2m).m2m_reverse_field_name() + "_id"


# ---------- our query string → Datasette requests ----------


def _sql_list(codes):
    return ", ".join("'" + c.replace("'", "''") + "'" for c in codes)


def _conditions(params):
    """{group: [(parameter, value), …]}: the Datasette filter of each of our
    filter groups."""
    conditions = {}
    for group, column in ARRAY_COLUMNS.items():
        codes = [v for k, v in params if k == group]
        if len(codes) == 1:
            conditions[group] = [(f"{column}__arraycontains", codes[0])]
        elif codes:
            sql = f"exists (select 1 from json_each({column}) where value in ({_sql_list(codes)}))"
            conditions[group] = [("_where", sql)]
    statuses = [code for k, v in params if k == "status" for code in _admitted(v)]
    if statuses:
        conditions["status"] = [("status__in", ",".join(dict.fromkeys(statuses)))]
    amount = {k: v for k, v in params if k in ("amount_min", "amount_max")}
    if amount:
        where = []
        if "amount_min" in amount:
            where.append(f"(amount_max_eur is null or amount_max_eur >= {float(amount['amount_min'])})")
        if "amount_max" in amount:
            where.append(f"(amount_min_eur is null or amount_min_eur <= {float(amount['amount_max'])})")
        conditions["amount"] = [("_where", " and ".join(where))]
    return conditions


def _admitted(code):
    """Our status filter admits more than its own code ("open" also admits
    "closing_soon", catalogue.status.FILTER_MEANS); Datasette's filter and
    facet see the stored code only."""
    from catalogue.status import statuses_admitted

    return statuses_admitted(code)


def _status_counts(exact):
    """Datasette's counts per stored status as our status facet counts them:
    each value counts every status it admits."""
    from catalogue.status import Status

    counts = {status.value: sum(exact.get(s, 0) for s in _admitted(status.value)) for status in Status}
    return {code: count for code, count in counts.items() if count}


def _facet_args(group):
    return ("_facet", "status") if group == "status" else ("_facet_array", ARRAY_COLUMNS[group])


def requests_for(query_string, database):
    """The Datasette paths that compute what our search computes for
    `query_string`: rows + count + unfiltered groups, then one per filtered group."""
    params = parse_qsl(query_string)
    conditions = _conditions(params)
    sort = dict(params).get("sort")
    base = f"/{database}/{TABLE}.json?"
    every = [pair for pairs in conditions.values() for pair in pairs]
    main = [("_size", "20"), *every, *[_facet_args(g) for g in GROUPS if g not in conditions]]
    paths = [base + urlencode(main) + (f"&{SORTS[sort]}" if sort in SORTS else "")]
    for group in (g for g in GROUPS if g in conditions):
        others = [pair for name, pairs in conditions.items() if name != group for pair in pairs]
        paths.append(base + urlencode([("_size", "0"), ("_nocount", "1"), *others, _facet_args(group)]))
    return paths


# ---------- running and checking ----------


def _counts_from_datasette(responses):
    """{group: {value: count}} from the facet results of all requests."""
    by_column = {column: group for group, column in ARRAY_COLUMNS.items()} | {"status": "status"}
    counts = {}
    for data in responses:
        for column, facet in data.get("facet_results", {}).items():
            found = {r["value"]: r["count"] for r in facet["results"]}
            counts[by_column[column]] = _status_counts(found) if column == "status" else found
        if data.get("facets_timed_out"):
            raise SystemExit(f"Datasette facets timed out: {data['facets_timed_out']}")
    return counts


def _counts_from_ours(rendered):
    """{group: {value: count}} of our facets, zero counts left out (Datasette has none)."""
    return {
        group: {v["value"]: v["count"] for v in values if v["count"]}
        for group, values in rendered["facets"].items()
        if group in GROUPS
    }


async def _run_datasette(ds, paths_by_search, rounds):
    samples = {name: [] for name in paths_by_search}
    answers = {}
    for name, paths in paths_by_search.items():  # warm-up, and the answers to check
        answers[name] = [(await ds.client.get(p)).json() for p in paths]
    for _ in range(rounds):
        for name, paths in paths_by_search.items():
            started = time.perf_counter()
            for path in paths:
                response = await ds.client.get(path)
                if response.status_code != 200:
                    raise SystemExit(f"Datasette answered {response.status_code} for {path}")
            samples[name].append((time.perf_counter() - started) * 1000)
    return samples, answers


def compare(path, searches, rounds, on):
    """Time our search and Datasette on the facet-only searches; check counts."""
    import json
    from pathlib import Path

    from datasette.app import Datasette
    from django.db import connection
    from django.http import QueryDict

    from bench.measure import render, time_core
    from search.core import search

    prepare(on)
    ours_mix = [(name, "&".join(p for p in [qs, "type=programme"] if p)) for name, qs in searches]
    ours = time_core(ours_mix, rounds, on)
    ours_counts = {
        name: _counts_from_ours(json.loads(render(search(QueryDict(qs), on=on)))) for name, qs in ours_mix
    }
    connection.close()

    database = Path(path).stem
    paths = {name: requests_for(qs, database) for name, qs in searches}
    ds = Datasette(immutables=[str(path)], settings=SETTINGS)
    theirs, answers = asyncio.run(_run_datasette(ds, paths, rounds))
    return _report(ours, theirs, ours_counts, answers, paths)


def _report(ours, theirs, ours_counts, answers, paths):
    per_search, mismatches = {}, []
    for name in ours:
        theirs_counts = _counts_from_datasette(answers[name])
        for group, counts in theirs_counts.items():
            if ours_counts[name].get(group, {}) != counts:
                mismatches.append({"search": name, "group": group})
        per_search[name] = {
            "ours_ms": round(statistics.median(ours[name]), 2),
            "datasette_ms": round(statistics.median(theirs[name]), 2),
            "datasette_requests": len(paths[name]),
        }
    ours_total = sum(s["ours_ms"] for s in per_search.values())
    theirs_total = sum(s["datasette_ms"] for s in per_search.values())
    return {
        "searches": len(per_search),
        "ours_ms": round(ours_total, 2),
        "datasette_ms": round(theirs_total, 2),
        "ratio": round(ours_total / theirs_total, 3),
        "count_mismatches": mismatches,
        "per_search": per_search,
    }
