"""Full text: one entry point, two engines, chosen by `connection.vendor`.

Both engines index the analysed columns of `SearchText` (see
`search.text`) and receive queries built from the same `TextQuery`:

- SQLite: an FTS5 table `search_fts` over title, goals, body with the
  text table as external content, kept in step by triggers; ranked by
  `bm25` with column weights title 10, goals 4, body 1.
- PostgreSQL: a stored generated tsvector column `vector` (weights A title,
  B goals, C body) built with the text search configuration
  `german_unaccent`, a GIN index on it; ranked by `ts_rank` with the same
  order of weights.

Every query word is sanitised by the analyser (letters and digits only) and
quoted again here, so quotes, `*`, `-`, NEAR, AND/OR, parentheses, colons and
`^` in user input never reach an engine as syntax. The words match as
prefixes (`"forderung"*` / `'forderung':*`), phrases as adjacent words, and a
query of several words gets a bonus where they appear as a phrase.

`match_scores(text_query)` runs it once per search and returns every
matching document with its score; filters, counts and order then work on
those ids in memory (`search.snapshot`).
"""

from django.db import connection

CONFIG = "german_unaccent"
FTS5_WEIGHTS = "10.0, 4.0, 1.0"
# ts_rank weights in the order {D, C, B, A}: body C, goals B, title A.
PG_WEIGHTS = "{0.02, 0.1, 0.4, 1.0}"

SQLITE_INSTALL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        title, goals, body, content='search_searchtext', content_rowid='document_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_insert AFTER INSERT ON search_searchtext BEGIN
        INSERT INTO search_fts(rowid, title, goals, body)
        VALUES (new.document_id, new.title, new.goals, new.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_delete AFTER DELETE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, goals, body)
        VALUES ('delete', old.document_id, old.title, old.goals, old.body);
    END""",
    """CREATE TRIGGER IF NOT EXISTS search_fts_update AFTER UPDATE ON search_searchtext BEGIN
        INSERT INTO search_fts(search_fts, rowid, title, goals, body)
        VALUES ('delete', old.document_id, old.title, old.goals, old.body);
        INSERT INTO search_fts(rowid, title, goals, body)
        VALUES (new.document_id, new.title, new.goals, new.body);
    END""",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TABLE IF EXISTS search_fts",
]

# The German analysis (folding, umlauts, stemming) happens in Python before
# the text reaches PostgreSQL, exactly as for SQLite; the configuration only
# splits words, removes any accent left and keeps every word (a copy of
# `simple`, not Snowball `german`, whose different stems would give
# different answers than SQLite). See docs/adr/0001-search-engine.md.
POSTGRES_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    f"""ALTER TABLE search_searchtext ADD COLUMN IF NOT EXISTS vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('{CONFIG}'::regconfig, title), 'A')
            || setweight(to_tsvector('{CONFIG}'::regconfig, goals), 'B')
            || setweight(to_tsvector('{CONFIG}'::regconfig, body), 'C')
        ) STORED""",
    "CREATE INDEX IF NOT EXISTS search_text_vector ON search_searchtext USING gin (vector)",
]
POSTGRES_UNINSTALL = [
    "DROP INDEX IF EXISTS search_text_vector",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS vector",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}",
]


def _statements(vendor, install):
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_UNINSTALL
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_UNINSTALL
    return []


def install(schema_editor):
    """Create the engine's index structures (migration 0002). Safe to run
    again, e.g. after a migration that rebuilt the documents table on SQLite
    (a rebuilt table loses its triggers)."""
    for statement in _statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(statement)


def uninstall(schema_editor):
    for statement in _statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(statement)


# ---------- query expressions ----------


def _fts_term(term):
    quoted = '"' + term.stem.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def _fts_phrase(terms):
    return " + ".join(_fts_term(t) for t in terms)


def _ts_term(term):
    quoted = "'" + term.stem.replace("'", "''").replace("\\", "\\\\") + "'"
    return quoted + ":*" if term.prefix else quoted


def _ts_phrase(terms):
    return "(" + " <-> ".join(_ts_term(t) for t in terms) + ")"


def _positive(text_query, term, phrase, and_, or_):
    parts = [term(t) for t in text_query.required] + [f"({phrase(p)})" for p in text_query.phrases]
    return (or_ if text_query.any_word else and_).join(parts)


def fts5_expression(text_query):
    """'"sprachkurs"* AND "frau"* AND ("sprachkurs"* + "frau"* OR "sprachkurs"*)': the
    last group matches what the first does, but lets bm25 reward the phrase."""
    expression = _positive(text_query, _fts_term, _fts_phrase, " AND ", " OR ")
    if len(text_query.sequence) > 1 and not text_query.any_word:
        first = _fts_term(text_query.required[0])
        expression += f" AND ({_fts_phrase(text_query.sequence)} OR {first})"
    return expression


def tsquery_expression(text_query):
    return _positive(text_query, _ts_term, _ts_phrase, " & ", " | ")


def _excluded(text_query, term, or_):
    return or_.join(term(t) for t in text_query.excluded)


# ---------- SQL ----------


def _sqlite_matches(text_query, scored):
    sql = "SELECT rowid AS doc_id, {score} AS score FROM search_fts WHERE search_fts MATCH %s"
    score = f"-bm25(search_fts, {FTS5_WEIGHTS})" if scored else "0.0"
    sql, params = sql.format(score=score), [fts5_expression(text_query)]
    if text_query.excluded:
        sql += " AND rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        params.append(_excluded(text_query, _fts_term, " OR "))
    return sql, params


def _postgres_matches(text_query, scored):
    query = f"to_tsquery('{CONFIG}', %s)"
    rank = f"ts_rank('{PG_WEIGHTS}'::float4[], vector, {query}, 1)"
    score, params = rank, [tsquery_expression(text_query)]
    if not scored:
        score, params = "0.0", []
    elif len(text_query.sequence) > 1 and not text_query.any_word:
        score += f" + ts_rank('{PG_WEIGHTS}'::float4[], vector, {query}, 1)"
        params.append(_ts_phrase(text_query.sequence))
    sql = f"SELECT document_id AS doc_id, {score} AS score FROM search_searchtext WHERE vector @@ {query}"
    params.append(tsquery_expression(text_query))
    if text_query.excluded:
        sql += f" AND NOT vector @@ {query}"
        params.append(_excluded(text_query, _ts_term, " | "))
    return sql, params


def _only_excluded(text_query):
    """Every document except those with an excluded word ("-Sport")."""
    if connection.vendor == "postgresql":
        sql = (
            "SELECT document_id AS doc_id, 0.0 AS score FROM search_searchtext "
            f"WHERE NOT vector @@ to_tsquery('{CONFIG}', %s)"
        )
        return sql, [_excluded(text_query, _ts_term, " | ")]
    sql = (
        "SELECT document_id AS doc_id, 0.0 AS score FROM search_searchtext WHERE document_id NOT IN "
        "(SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
    )
    return sql, [_excluded(text_query, _fts_term, " OR ")]


def matches(text_query, *, scored=True):
    """SQL and parameters for the relation (doc_id, score) of the documents
    matching `text_query`; a higher score is more relevant (0.0 for all
    unless `scored`)."""
    if not text_query.positive:
        return _only_excluded(text_query)
    if connection.vendor == "postgresql":
        return _postgres_matches(text_query, scored)
    if connection.vendor == "sqlite":
        return _sqlite_matches(text_query, scored)
    raise NotImplementedError(f"No full-text search for {connection.vendor}")


def match_scores(text_query, *, scored=True):
    """{document id: score} of the documents matching `text_query`, in one
    statement; a higher score is more relevant (0.0 for all unless `scored`)."""
    sql, params = matches(text_query, scored=scored)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())
