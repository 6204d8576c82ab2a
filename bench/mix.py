"""The fixed mix of 20 searches the benchmark times: what seekers do on the
Suche page — typed words (with a typo, without umlauts, a phrase), facet
clicks, region + status, amount ranges, sorting and paging. The query
strings are exactly what the page puts into its URL.

`FACET_ONLY` marks the searches without full text: their facet counts are
the ones computed through Datasette as the outside reference (Datasette's
own full text works differently, so text searches are not compared).
"""

MIX = [
    # (name, query string)
    ("text", "q=sprachkurs"),
    ("region+status", "region=03155&status=open"),
    ("area+group", "integration_area=sprachfoerderung&target_group=fluchtgeschichte"),
    ("text+applicant+sort", "q=beratung&applicant_type=verein&sort=deadline"),
    ("amount range", "amount_min=5000&amount_max=50000"),
    ("text page 3", "q=integration&page=3"),
    ("typo", "q=Migrationsberetung"),
    ("three words", "q=sprachkurs+ukrainische+gefl%C3%BCchtete"),
    ("rare word", "q=Mikroprojekt"),
    ("everything", ""),
    ("institutions in ni", "type=institution&region=ni"),
    (
        "two areas+newest",
        "integration_area=arbeitsmarkt-qualifizierung&integration_area=schule-bildung&sort=newest",
    ),
    ("phrase", "q=%22interkulturelle+Begegnung%22"),
    ("group+district+open", "target_group=frauen-maedchen&region=03241&status=open&sort=deadline"),
    ("kind+applicant", "funding_kind=institutionell&applicant_type=migrantenorganisation"),
    ("ascii umlaut+soon", "q=Foerderung&status=closing_soon"),
    ("expired a-z", "status=expired&sort=title"),
    ("text+city+amount", "q=elternarbeit&region=03101&amount_max=10000"),
    (
        "applicant+area page 2",
        "applicant_type=kommune&integration_area=demokratie-antirassismus&sort=title&page=2",
    ),
    ("two words+type+group", "q=jugend+sport&type=programme&target_group=kinder-jugendliche"),
]

# Timed like the mix, reported apart (not in p50/p95, so that runs stay
# comparable): query syntax and the typo fallback's second step (ADR 0004).
OUTSIDE_MIX = [
    ("two typos (trigrams)", "q=Migrazionsberetung"),
    ("alternatives", "q=sprachkurs+oder+elternarbeit+oder+%22interkulturelle+Begegnung%22"),
    ("word and alternative", "q=beratung+jugend+or+frauen&status=open"),
]

FACET_ONLY = [(name, qs) for name, qs in MIX if "q=" not in qs and "type=institution" not in qs]


def distinct_searches(count, seed=14):
    """`count` different query strings, as many seekers would send them: 0–2
    words of the catalogue's vocabulary (`bench.words`), 0–3 filter values
    taken from the mix, sometimes a sort order or a later page. The load test
    cycles through them, so no two requests ask the same (issue 14: fast on
    distinct searches, not on the same 20 URLs)."""
    import random
    from urllib.parse import parse_qsl, urlencode

    from bench.words import NOUNS

    rng = random.Random(seed)
    words = NOUNS[:300]
    filters = sorted(
        {pair for _, qs in MIX for pair in parse_qsl(qs) if pair[0] not in ("q", "sort", "page")}
    )
    sorts = [None, None, None, "deadline", "newest", "title"]
    seen, out = set(), []
    while len(out) < count:
        pairs = [("q", " ".join(rng.sample(words, rng.randint(1, 2))))] if rng.random() < 0.6 else []
        pairs += sorted(rng.sample(filters, rng.randint(0, 3)))
        if sort := rng.choice(sorts):
            pairs.append(("sort", sort))
        if rng.random() < 0.15:
            pairs.append(("page", str(rng.randint(2, 3))))
        query = urlencode(pairs)
        if query not in seen:
            seen.add(query)
            out.append(query)
    return out
