"""Full text: one entry point, two engines, chosen by `connection.vendor`.

Both engines index the analysed columns of `SearchText` (see
`search.text`) and receive queries built from the same `TextQuery`:

- SQLite: an FTS5 table `search_fts` over title, goals, body with the
  text table as external content, kept in step by triggers; ranked by
  `bm25` with column weights title 10, goals 4, body 1.
- PostgreSQL: a stored generated tsvector column `vector` (title, goals,
  body) built with the text search configuration `german_unaccent`, with a
  GIN index, finds the matches. Ranking every match with `ts_rank` would
  read every matching vector (2–3 KB each, 0.5 s for a word in half of
  100,000 entries), so the ranking reads two small columns instead (ADR
  0003): `title_vector` sorts the matches with a query word in their title
  first, and only these are ranked at once, by `ts_rank` over `lead` (the
  title, weight A, and the first LEAD_WORDS words of goals, B, and body,
  C). The other matches are ranked over `lead` only when a page reaches
  past the title matches (`Matches.ranking`).

Every query word is sanitised by the analyser (letters and digits only) and
quoted again here, so quotes, `*`, `-`, NEAR, AND/OR, parentheses, colons and
`^` in user input never reach an engine as syntax (the query's own "or" is
parsed in `search.text`). The words match as prefixes (`"forderung"*` /
`'forderung':*`), phrases as adjacent words, and a query of several words
gets a bonus where they appear as a phrase.

`match(text_query)` runs one statement per search (on PostgreSQL two when
the query holds thesaurus terms of several words, `_phrase_split`, ADR
0013) and returns the matching documents (`Matches`); filters, counts and
order then work on those ids in memory (`search.snapshot`).
"""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db import connection, transaction
from pyroaring import BitMap

from . import reading

CONFIG = "german_unaccent"
FTS5_WEIGHTS = "10.0, 4.0, 1.0"
# ts_rank weights in the order {D, C, B, A}: body C, goals B, title A.
PG_WEIGHTS = "{0.02, 0.1, 0.4, 1.0}"


def fts5_external_content(table, content, key, columns, tokenize, *, watch_all_columns=True):
    """(install, uninstall) statements for an FTS5 table over `columns` of the
    table `content` (rowid = its column `key`), kept in step by triggers.
    Without `watch_all_columns`, only updates of the indexed columns re-index."""
    names = ", ".join(columns)
    new, old = (", ".join(f"{row}.{c}" for c in (key, *columns)) for row in ("new", "old"))
    insert = f"INSERT INTO {table}(rowid, {names}) VALUES ({new});"
    delete = f"INSERT INTO {table}({table}, rowid, {names}) VALUES ('delete', {old});"
    updated = "UPDATE" if watch_all_columns else f"UPDATE OF {names}"

    def trigger(name, event, body):
        return f"CREATE TRIGGER IF NOT EXISTS {table}_{name} AFTER {event} ON {content} BEGIN {body} END"

    install = [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(
            {names}, content='{content}', content_rowid='{key}', tokenize='{tokenize}')""",
        trigger("insert", "INSERT", insert),
        trigger("delete", "DELETE", delete),
        trigger("update", updated, f"{delete} {insert}"),
        f"INSERT INTO {table}({table}) VALUES ('rebuild')",
    ]
    uninstall = [f"DROP TRIGGER IF EXISTS {table}_{event}" for event in ("insert", "delete", "update")]
    return install, [*uninstall, f"DROP TABLE IF EXISTS {table}"]


SQLITE_INSTALL, SQLITE_UNINSTALL = fts5_external_content(
    "search_fts",
    "search_searchtext",
    "document_id",
    ("title", "goals", "body"),
    "unicode61 remove_diacritics 0",
)

# The German analysis (folding, umlauts, stemming) happens in Python before
# the text reaches PostgreSQL, exactly as for SQLite; the configuration only
# splits words, removes any accent left and keeps every word (a copy of
# `simple`, not Snowball `german`, whose different stems would give
# different answers than SQLite). See docs/adr/0001-search-engine.md.
LEAD_WORDS = 20


def _lead(column, words):
    """SQL for the first `words` words of a column (immutable, as a generated column needs)."""
    return f"coalesce(substring({column} from '^\\S+(?:\\s+\\S+){{0,{words - 1}}}'), '')"


# The small columns the ranking reads (ADR 0003), kept in the row (storage
# MAIN), while the large ones (`vector`, the texts) move to TOAST storage
# (toast_tuple_target): a match found in the GIN index then costs a visit
# to a narrow row, not the reading of its whole text.
POSTGRES_RANKING = [
    "ALTER TABLE search_searchtext SET (toast_tuple_target = 128)",
    "ALTER TABLE search_searchtext ALTER COLUMN vector SET STORAGE EXTERNAL",
    f"""ALTER TABLE search_searchtext ADD COLUMN IF NOT EXISTS title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('{CONFIG}'::regconfig, title)) STORED""",
    f"""ALTER TABLE search_searchtext ADD COLUMN IF NOT EXISTS lead tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('{CONFIG}'::regconfig, title), 'A')
            || setweight(to_tsvector('{CONFIG}'::regconfig, {_lead("goals", LEAD_WORDS)}), 'B')
            || setweight(to_tsvector('{CONFIG}'::regconfig, {_lead("body", LEAD_WORDS)}), 'C')
        ) STORED""",
    "ALTER TABLE search_searchtext ALTER COLUMN title_vector SET STORAGE MAIN",
    "ALTER TABLE search_searchtext ALTER COLUMN lead SET STORAGE MAIN",
    "CREATE INDEX IF NOT EXISTS search_text_title ON search_searchtext USING gin (title_vector)",
]
POSTGRES_RANKING_UNINSTALL = [
    "DROP INDEX IF EXISTS search_text_title",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS lead",
    "ALTER TABLE search_searchtext DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchtext ALTER COLUMN vector SET STORAGE EXTENDED",
    "ALTER TABLE search_searchtext RESET (toast_tuple_target)",
]
# Rows keep the storage they were written with: written again, every row
# takes the settings above (the generated columns are computed anew).
POSTGRES_RESTORE = "UPDATE search_searchtext SET title = title"

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
    *POSTGRES_RANKING,
]
POSTGRES_UNINSTALL = [
    *POSTGRES_RANKING_UNINSTALL,
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


def install_ranking(schema_editor):
    """Add the ranking columns to an existing index (migration 0004)."""
    if schema_editor.connection.vendor == "postgresql":
        for statement in [*POSTGRES_RANKING, POSTGRES_RESTORE]:
            schema_editor.execute(statement)


def uninstall_ranking(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in [*POSTGRES_RANKING_UNINSTALL, POSTGRES_RESTORE]:
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


def fts5_parts(text_query):
    """The FTS5 query as [[phrase, …], …]: a document matches a part when it
    holds one of the part's phrases, and the query when it matches every
    part (any part, with `any_word`). The phrases in the order they are
    written, the order in which bm25 adds up their scores. The last part of
    several words ("sprachkurs"* + "frau"* or "sprachkurs"*) matches what
    the first does, but lets bm25 reward the phrase."""
    parts = [[_fts_term(t)] for t in text_query.required] + [[_fts_phrase(p)] for p in text_query.phrases]
    parts += [[_fts_phrase(option) for option in group] for group in text_query.alternatives]
    if len(text_query.sequence) > 1 and not text_query.any_word:
        parts.append([_fts_phrase(text_query.sequence), _fts_term(text_query.required[0])])
    return parts


def fts5_expression(text_query):
    """'("sprachkurs"*) AND ("frau"*) AND ("sprachkurs"* + "frau"* OR "sprachkurs"*)'."""
    joined = " OR " if text_query.any_word else " AND "
    return joined.join("(" + " OR ".join(part) + ")" for part in fts5_parts(text_query))


def _written(text_query, option):
    """The query's tsquery with each option of its alternatives written by
    `option` (None: left out; `_ts_phrase`: as it is); None when that
    leaves a part without any."""
    parts = [_ts_term(t) for t in text_query.required] + [f"({_ts_phrase(p)})" for p in text_query.phrases]
    for group in text_query.alternatives:
        options = [written for written in map(option, group) if written is not None]
        if options:
            parts.append("(" + " | ".join(options) + ")")
        elif not text_query.any_word:
            return None
    return (" | " if text_query.any_word else " & ").join(parts) or None


def tsquery_expression(text_query):
    """ "'sprachkurs':* & (('kind':*) | ('jung':* <-> 'mensch':*))"."""
    return _written(text_query, _ts_phrase) or ""


def _excluded(text_query, term, or_):
    return or_.join(term(t) for t in text_query.excluded)


def _without_excluded(text_query):
    """The PostgreSQL condition leaving out documents with an excluded word."""
    return f"NOT vector @@ {_ts_query('%s')}", [_excluded(text_query, _ts_term, " | ")]


def _tested(columns, condition):
    """The rows `condition` selects, with their vector, as a subquery whose
    OFFSET 0 keeps the planner from asking the GIN index for every match of
    the query tested on them: it tests these rows only."""
    return f"(SELECT {columns}, vector FROM search_searchtext WHERE {condition} OFFSET 0) AS tested"


# ---------- SQL ----------


def _sqlite_matches(text_query, scored):
    sql = "SELECT rowid AS doc_id, {score} AS score FROM search_fts WHERE search_fts MATCH %s"
    score = f"-bm25(search_fts, {FTS5_WEIGHTS})" if scored else "0.0"
    sql, params = sql.format(score=score), [fts5_expression(text_query)]
    if text_query.excluded:
        sql += " AND rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"
        params.append(_excluded(text_query, _fts_term, " OR "))
    return sql, params


def _ts_query(expression):
    return f"to_tsquery('{CONFIG}', {expression})"


def _postgres_rank(text_query):
    """ts_rank over the lead, plus the same for the words as a phrase."""
    rank = f"ts_rank('{PG_WEIGHTS}'::float4[], lead, {_ts_query('%s')}, 1)"
    params = [tsquery_expression(text_query)]
    if len(text_query.sequence) > 1 and not text_query.any_word:
        rank += f" + ts_rank('{PG_WEIGHTS}'::float4[], lead, {_ts_query('%s')}, 1)"
        params.append(_ts_phrase(text_query.sequence))
    return rank, params


def _any_word(text_query):
    """A tsquery matching any of the positive words and phrases."""
    parts = [_ts_term(t) for t in text_query.required] + [_ts_phrase(p) for p in text_query.phrases]
    parts += [_ts_phrase(option) for group in text_query.alternatives for option in group]
    return " | ".join(parts)


TITLE_BONUS = 100  # above any ts_rank: a word in the title ranks first


def _postgres_matches(text_query, scored, expression=None, within=None):
    """With `scored`, the matches with a query word in the title get
    TITLE_BONUS + their rank; the others NULL (ranked later, if needed).
    `expression`: the tsquery the rows must match, if not the query's own;
    `within`: a tsquery the GIN index answers alone, for the rows tested."""
    score, params = "NULL", []
    if scored:
        rank, params = _postgres_rank(text_query)
        score = f"CASE WHEN title_vector @@ {_ts_query('%s')} THEN {TITLE_BONUS} + {rank} END"
        params = [_any_word(text_query), *params]
    columns = f"document_id AS doc_id, {score} AS score"
    match = f"vector @@ {_ts_query('%s')}"
    sql = f"SELECT {columns} FROM search_searchtext WHERE "
    if within:
        sql = f"SELECT doc_id, score FROM {_tested(columns, match)} WHERE "
        params.append(within)
    sql += match
    params.append(expression or tsquery_expression(text_query))
    if text_query.excluded:
        condition, excluded = _without_excluded(text_query)
        sql += f" AND {condition}"
        params += excluded
    return sql, params


def _words_of(option):
    return "(" + " & ".join(_ts_term(t) for t in option) + ")"


def _covers(word, term):
    """Whether the query word `word` finds every document that holds the
    query word `term`: 'verein':* finds those with 'vereinsarbeit'."""
    return word.stem == term.stem or (word.prefix and term.stem.startswith(word.stem))


def _phrases_that_add(group):
    """The options of several words that can find a document none of the
    group's single words finds: "gemeinnütziger Verein" adds nothing to
    "Verein"."""
    single = [option[0] for option in group if len(option) == 1]
    return [
        option
        for option in group
        if len(option) > 1 and not any(_covers(word, term) for word in single for term in option)
    ]


def _phrase_split(text_query):
    """(sure, candidates) for a query whose alternatives hold options of
    several words ("e. V." for "Verein", from the thesaurus), else None;
    candidates None when the phrases cannot add a match.

    The GIN index knows which words a document holds, not where: a tsquery
    with a phrase makes PostgreSQL test every match again against its
    vector, read from TOAST storage (0.5 s for "Vereine" at 100,000
    entries). So the matches are found in two statements: `sure` leaves the
    phrase options out (what it finds matches the query, and the index
    alone answers it); `candidates` asks the index for the documents `sure`
    does not find that hold a phrase's words anywhere, and only these are
    tested for the query (`_postgres_matches(within=…)`)."""
    if text_query.phrases or not any(len(o) > 1 for group in text_query.alternatives for o in group):
        return None
    sure = _written(text_query, lambda option: _ts_phrase(option) if len(option) == 1 else None)
    if sure is None:
        return None
    adding = [option for group in text_query.alternatives for option in _phrases_that_add(group)]
    if not adding:
        return sure, None
    relaxed = _written(text_query, _words_of)
    return sure, f"({relaxed}) & ({' | '.join(map(_words_of, adding))}) & !({sure})"


def _postgres_rows(text_query, scored):
    """The rows (doc_id, score) of `_postgres_matches`, in two statements
    when the query holds phrases (`_phrase_split`)."""
    split = _phrase_split(text_query)
    if split is None:
        return fetch(*_postgres_matches(text_query, scored), settings=POSTGRES_MATCH_SETTINGS)
    sure, candidates = split
    rows = fetch(*_postgres_matches(text_query, scored, sure), settings=POSTGRES_MATCH_SETTINGS)
    if candidates:
        rows += fetch(
            *_postgres_matches(text_query, scored, within=candidates), settings=POSTGRES_MATCH_SETTINGS
        )
    return rows


def matching_among(text_query, documents):
    """The ids of `documents` (a bitmap) that match `text_query`, each tested
    against its own vector (PostgreSQL only): a few hundred rows read,
    where asking the index for a common word reads every document that
    holds it (tens of thousands at 100,000 entries)."""
    tests, params = [], [documents.to_array().tolist()]
    if text_query.positive:
        tests.append(f"vector @@ {_ts_query('%s')}")
        params.append(tsquery_expression(text_query))
    if text_query.excluded:
        condition, excluded = _without_excluded(text_query)
        tests.append(condition)
        params += excluded
    sql = f"SELECT document_id FROM {_tested('document_id', 'document_id = ANY(%s)')} WHERE "
    return BitMap(doc_id for (doc_id,) in fetch(sql + " AND ".join(tests), params))


def _only_excluded(text_query):
    """Every document except those with an excluded word ("-Sport")."""
    if connection.vendor == "postgresql":
        condition, params = _without_excluded(text_query)
        return f"SELECT document_id AS doc_id, 0.0 AS score FROM search_searchtext WHERE {condition}", params
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


@dataclass
class Matches:
    """The documents matching a text query: `ids`, and `scores` ({id:
    score}, higher is more relevant) for the ids in `ranked`. On SQLite
    every match is ranked at once; on PostgreSQL at first only those with a
    query word in the title, the rest when a page needs them."""

    text_query: object
    ids: BitMap
    scores: dict = field(default_factory=dict)
    ranked: BitMap = field(default_factory=BitMap)

    def ranking(self, documents, expired, wanted):
        """The scores for ordering the first `wanted` of `documents` (some
        of `ids`) by relevance, expired ones last: the ranked ones, when
        enough of them are not expired to fill the page (any unranked match
        ranks below them); else every one of `documents`."""
        unranked = documents - self.ranked
        if unranked and len((self.ranked & documents) - expired) < wanted:
            self._rank(unranked)
        return self.scores

    def _rank(self, documents):
        rank, params = _postgres_rank(self.text_query)
        sql = f"SELECT document_id, {rank} FROM search_searchtext WHERE document_id = ANY(%s)"
        with reading.database().cursor() as cursor:
            cursor.execute(sql, [*params, list(documents)])
            self.scores.update(cursor.fetchall())
        self.ranked |= documents


def fetch(sql, params, *, settings=None):
    """The rows of one statement; with `settings` ({name: value}), in force
    for that statement only. Read where the search reads (`search.reading`)."""
    database = reading.database()
    if not settings:
        with database.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    with transaction.atomic(using=database.alias), database.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute("SELECT set_config(%s, %s, true)", [name, value])  # SET LOCAL
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        # Rolled back, to a savepoint if a caller's transaction is open: that
        # cancels SET LOCAL, which a commit would leave in force until the
        # caller's transaction ends. A leaked enable_seqscan = off made every
        # later statement cost 10^10, and PostgreSQL compiled each with JIT:
        # 60-130 ms for five tables of a hundred rows.
        transaction.set_rollback(True, using=database.alias)
    return rows


# The planner takes a sequential scan to be cheaper for a word in many
# entries; it would read every vector from TOAST storage.
POSTGRES_MATCH_SETTINGS = {"enable_seqscan": "off"}


# Text matches kept per process and index version: searches refine their
# filters around the same words, and the full-text statement was the largest
# part of a search in SQL. Bounded; a new index version makes them unused.
KEPT_MATCHES = 512
_kept = OrderedDict()  # {(alias, index version, sql, params, scored): (ids, scores)}


def forget_kept_matches():
    """Forget every kept match: what a benchmark calls before timing the
    engine (a kept match is memory, not the engine's speed)."""
    from . import kept_phrases

    _kept.clear()
    kept_phrases.forget()


def _rows(text_query, scored, version):
    """(ids, scores) of the documents matching `text_query`, from the kept
    ones of index version `version` or from the database (and kept)."""
    sql, params = matches(text_query, scored=scored)
    key = (connection.alias, version, sql, repr(params), scored) if version else None
    if key in _kept:
        _kept.move_to_end(key)
        return _kept[key]
    from . import kept_phrases  # it builds on this module

    if connection.vendor == "sqlite" and text_query.positive and kept_phrases.pays_off(version):
        ids, scores = kept_phrases.rows(text_query, scored, version)
    else:
        if connection.vendor == "postgresql" and text_query.positive:
            rows = _postgres_rows(text_query, scored)
        else:
            settings = POSTGRES_MATCH_SETTINGS if connection.vendor == "postgresql" else None
            rows = fetch(sql, params, settings=settings)
        ids = BitMap(doc_id for doc_id, _score in rows)
        scores = {doc_id: score for doc_id, score in rows if score is not None} if scored else {}
    if key:
        _kept[key] = (ids, scores)
        while len(_kept) > KEPT_MATCHES:
            _kept.popitem(last=False)
    return ids, scores


def match(text_query, *, scored=True, version=None):
    """The documents matching `text_query` (`Matches`), in one statement;
    their scores unless `scored` is False. With `version`, the index version
    the caller's snapshot was read at (`search.snapshot.current`), the rows
    are kept for later searches of that version. The result is the caller's
    own (a page may rank more of it, `Matches.ranking`)."""
    ids, scores = _rows(text_query, scored, version)
    if not scored:
        return Matches(text_query, BitMap(ids))
    return Matches(text_query, BitMap(ids), dict(scores), BitMap(scores))
