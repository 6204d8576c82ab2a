"""The typo fallback's two steps, and its trigram index on both engines."""

import pytest
from django.db import connection

from search import spelling
from search.models import Term
from search.text import TextQuery

PAIRS = [
    ("kinder", "kider"),
    ("kinder", "iknder"),
    ("sprakkurs", "sprachkurs"),
    ("migrazionsberetung", "migrationsberatung"),
    ("nanana", "banana"),
    ("abc", "xyz"),
]


def test_trigrams_are_padded_as_pg_trgm_pads_them():
    assert spelling.trigrams("kind") == {"  k", " ki", "kin", "ind", "nd "}


def test_similarity_counts_shared_over_all_trigrams():
    # kinder: 7 trigrams, kider: 6, shared "  k", " ki", "der", "er ".
    assert spelling.similarity("kinder", "kider") == pytest.approx(4 / 9)
    assert spelling.similarity("abc", "xyz") == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with pg_trgm")
@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_similarity_is_the_similarity_of_pg_trgm(db, a, b):
    with connection.cursor() as cursor:
        cursor.execute("SELECT similarity(%s, %s)", [a, b])
        expected = cursor.fetchone()[0]

    assert spelling.similarity(a, b) == pytest.approx(expected, abs=1e-6)


def _terms(**documents):
    Term.objects.bulk_create(Term(stem=s, display=s.title(), documents=n) for s, n in documents.items())


def test_trigram_index_follows_the_words(db):
    _terms(migrationsberatung=3)

    assert spelling.corrections(TextQuery.parse("Migrazionsberetung")) == {
        "migrazionsberetung": ("migrationsberatung", "Migrationsberatung")
    }
    Term.objects.filter(stem="migrationsberatung").update(stem="elternberatung", display="Elternberatung")
    assert spelling.corrections(TextQuery.parse("Migrazionsberetung")) == {}
    assert spelling.corrections(TextQuery.parse("Eltrenberatunk")) == {
        "eltrenberatunk": ("elternberatung", "Elternberatung")
    }
    Term.objects.all().delete()
    assert spelling.corrections(TextQuery.parse("Eltrenberatunk")) == {}


def test_one_edit_wins_over_a_more_common_similar_word(db):
    _terms(sprachkurs=1, sprachkunst=50)

    assert spelling.corrections(TextQuery.parse("Sprachkurze")) == {
        "sprachkurz": ("sprachkurs", "Sprachkurs")
    }


def test_the_most_similar_word_wins_then_the_most_common(db):
    _terms(jugendsozialarbeit=1, jugendsozialarbeiter=40, jugendarbeit=90)

    fixes = spelling.corrections(TextQuery.parse("Jugentsozialarbiet"))

    assert fixes == {"jugentsozialarbiet": ("jugendsozialarbeit", "Jugendsozialarbeit")}
