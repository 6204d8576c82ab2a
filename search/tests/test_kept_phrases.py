"""SQLite full text from kept phrases (search.kept_phrases): the same
documents and the same scores, to the last bit, as one FTS5 statement; kept
within their bytes; shared safely by threads; nothing kept from a read that
failed."""

import random
import threading

import pytest
from django.db import connection
from pyroaring import BitMap

from catalogue.status import today
from catalogue.tests.factories import ProgrammeFactory
from search import fulltext, kept_phrases, snapshot
from search.index import bulk_indexing
from search.text import TextQuery
from thesaurus.expansion import expand

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full text only")

WORDS = (  # noqa: SIM905 (a line of words reads better than a column)
    "Sprachkurs Deutschkurs Frauen Kinder Jugend Sport Verein Kultur Bildung digitale Migration "
    "Beratung Integration Begegnung Nachbarschaft Ehrenamt Gesundheit Arbeit Beruf Familie für den "
    "gemeinnützige Organisation eingetragener e. V. Stadtteil Quartier Fest Garten Musik"
).split()

QUERIES = [
    "Sprachkurs",
    "Sprachkurs Frauen",
    "Frauen Sprachkurs Kinder",
    '"digitale Bildung"',
    '"für Frauen" Sprachkurs',
    "Sport oder Kultur",
    "Sprachkurs -Kinder",
    "Verein -Sport -Musik",
    'Verein "e. V."',
    "Stadtteil Beruf",
    "Fest Garten Musik Familie",
    "gemeinnützige Organisation",
]


def catalogue(size=60, seed=14):
    rng = random.Random(seed)
    with bulk_indexing():
        for n in range(size):
            ProgrammeFactory(
                slug=f"p{n}",
                title=" ".join(rng.sample(WORDS, 3)),
                goals=" ".join(rng.choices(WORDS, k=8)),
                description=" ".join(rng.choices(WORDS, k=rng.randint(5, 60))),
            )


def texts():
    """Every query as typed, with the thesaurus, and with any of its words."""
    for query in QUERIES:
        typed = TextQuery.parse(query)
        expanded = expand(typed)
        for text in (typed, expanded, expanded.with_any_word()):
            if text.positive:
                yield text


def one_statement(text, scored):
    sql, params = fulltext.matches(text, scored=scored)
    rows = fulltext.fetch(sql, params)
    return BitMap(doc_id for doc_id, _score in rows), dict(rows) if scored else {}


@pytest.fixture
def version(db):
    catalogue()
    kept_phrases.forget()
    return snapshot.token()


def test_phrases_find_and_score_what_one_statement_does(version):
    compared = 0
    for text in texts():
        for scored in (True, False):
            ids, scores = kept_phrases.rows(text, scored, version)
            expected_ids, expected_scores = one_statement(text, scored)
            assert ids == expected_ids, text
            assert scores == expected_scores, text  # exactly: the same additions
            compared += bool(ids)
    assert compared > 30  # the queries find something


def test_a_search_reads_each_phrase_once(version, django_assert_num_queries):
    text = expand(TextQuery.parse("Frauen Sprachkurs"))
    phrases = {phrase for part in fulltext.fts5_parts(text) for phrase in part}
    with django_assert_num_queries(len(phrases)):
        kept_phrases.rows(text, True, version)
    with django_assert_num_queries(0):
        kept_phrases.rows(text.with_any_word(), True, version)


def test_kept_phrases_stay_within_their_bytes(version, monkeypatch):
    monkeypatch.setattr(kept_phrases, "KEPT_BYTES", 4000)
    for text in texts():
        kept_phrases.rows(text, True, version)
        assert kept_phrases._kept_bytes <= 4000
        assert kept_phrases._kept_bytes == sum(phrase.size for phrase in kept_phrases._kept.values())
    assert kept_phrases._kept  # the recent ones are kept


def test_a_failed_read_keeps_nothing_and_the_next_search_reads_again(version, monkeypatch):
    text = TextQuery.parse("Sprachkurs Frauen")
    fetch = fulltext.fetch

    def database_away(*args, **kwargs):
        raise fulltext.transaction.DatabaseError("database is locked")

    monkeypatch.setattr(fulltext, "fetch", database_away)
    with pytest.raises(fulltext.transaction.DatabaseError):
        kept_phrases.rows(text, True, version)
    assert not kept_phrases._kept

    monkeypatch.setattr(fulltext, "fetch", fetch)
    assert kept_phrases.rows(text, True, version) == one_statement(text, True)


@pytest.mark.django_db(transaction=True)
def test_threads_share_the_kept_phrases(monkeypatch):
    """`make run` serves requests in threads: searches running at once,
    while the least recently used phrases go, get what one statement gets."""
    catalogue()
    kept_phrases.forget()
    version = snapshot.token()
    monkeypatch.setattr(kept_phrases, "KEPT_BYTES", 3000)  # phrases come and go all the time
    every = list(texts())
    expected = [one_statement(text, True) for text in every]
    failures = []

    def search_all():
        try:
            for text, wanted in zip(every * 3, expected * 3, strict=True):
                if kept_phrases.rows(text, True, version) != wanted:
                    failures.append(text)
        except Exception as error:  # noqa: BLE001 (reported below)
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=search_all) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert kept_phrases._kept_bytes == sum(phrase.size for phrase in kept_phrases._kept.values())


def test_a_large_catalogue_keeps_to_one_statement(version, monkeypatch, django_assert_num_queries):
    """Beyond KEPT_UP_TO_DOCUMENTS a common phrase's rows cost more read
    alone than the query's together: one statement, nothing kept."""
    snapshot.current(today(), version)  # the page's index, 60 programmes
    text = expand(TextQuery.parse("Frauen Sprachkurs"))
    monkeypatch.setattr(kept_phrases, "KEPT_UP_TO_DOCUMENTS", 59)
    with django_assert_num_queries(1):
        large = fulltext.match(text, version=version)
    assert not kept_phrases._kept

    fulltext.forget_kept_matches()
    monkeypatch.setattr(kept_phrases, "KEPT_UP_TO_DOCUMENTS", 60)
    small = fulltext.match(text, version=version)
    assert kept_phrases._kept
    assert (small.ids, small.scores) == (large.ids, large.scores)
