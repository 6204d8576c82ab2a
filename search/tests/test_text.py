"""The German analyser shared by both engines."""

import pytest

from search.text import TextQuery, fold, index_text, sort_key, stem, tokens


@pytest.mark.parametrize("word", ["Förderung", "Foerderung", "forderung", "FÖRDERUNG", "Förderungen"])
def test_tokens_fold_and_stem_german_variants_alike(word):
    assert [t.stem for t in tokens(word)] == ["forderung"]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Vereinen", "verein"),
        ("Vereins", "verein"),
        ("Kindern", "kind"),
        ("Sprachkurse", "sprachkurs"),
        ("Sprachkurs", "sprachkurs"),
        ("Rassismus", "rassismus"),
        ("Frauen", "frau"),
        ("Berlin", "berlin"),
        ("Straße", "strass"),
        ("ukrainischen", "ukrain"),
        ("Ukraine", "ukrain"),
        ("politische", "polit"),
        ("Tisch", "tisch"),
    ],
)
def test_stem_strips_one_common_ending(word, expected):
    assert stem(fold(word)) == expected


def test_fold_removes_accents_and_ligatures():
    assert fold("Café ﬁnal Çağ") == "cafe final cag"


def test_stem_leaves_other_scripts_and_numbers_unstemmed():
    # Folding removes the diaeresis of ї as it does for ä; nothing is stripped.
    assert [t.stem for t in tokens("Україна Беженцы 2025 covid19")] == [
        "украіна",
        "беженцы",
        "2025",
        "covid19",
    ]


def test_index_text_joins_gender_forms_and_keeps_compound_parts():
    assert index_text("Migrant*innen und Anti-Rassismus") == "migrantinn und antirassismus anti rassismus"


def test_index_text_drops_urls():
    assert index_text("siehe https://example.org/foerderung und www.x.de") == "sieh und"


def test_sort_key_files_umlauts_with_their_letter():
    assert sort_key("Ärzte ohne Grenzen e.V.") == "arzte ohne grenzen e v"


def test_text_query_parses_words_phrases_and_exclusions():
    query = TextQuery.parse('Sprachkurs "für Frauen" -Berlin')

    assert [t.stem for t in query.required] == ["sprachkurs"]
    assert [[t.stem for t in p] for p in query.phrases] == [["fur", "frau"]]
    assert [t.stem for t in query.excluded] == ["berlin"]


def _stems(terms):
    return [t.stem for t in terms]


def test_text_query_joins_words_and_phrases_around_or_into_alternatives():
    query = TextQuery.parse('Sprachkurs Kinder oder "junge Menschen" OR Eltern')

    assert _stems(query.required) == ["sprachkurs"]
    assert [[_stems(option) for option in group] for group in query.alternatives] == [
        [["kind"], ["jung", "mensch"], ["elter"]]
    ]
    assert query.phrases == ()
    assert query.stems() == {"sprachkurs", "kind", "jung", "mensch", "elter"}


@pytest.mark.parametrize(
    "q", ["or Sprachkurs", "Sprachkurs oder", "Sprachkurs or or", "-Berlin or Sprachkurs"]
)
def test_text_query_leaves_out_an_or_without_two_sides(q):
    query = TextQuery.parse(q)

    assert _stems(query.required) == ["sprachkurs"]
    assert query.alternatives == ()


def test_text_query_any_word_keeps_alternatives():
    query = TextQuery.parse("Sprachkurs Kinder oder Eltern").with_any_word()

    assert query.any_word
    assert _stems(query.required) == ["sprachkurs"]
    assert len(query.alternatives) == 1


def test_text_query_corrects_words_in_alternatives():
    query = TextQuery.parse("Sprachkruse oder Kinder").corrected(
        {"sprachkrus": ("sprachkurs", "Sprachkurse")}
    )

    assert [[_stems(option) for option in group] for group in query.alternatives] == [
        [["sprachkurs"], ["kind"]]
    ]


def test_text_query_leaves_out_stopwords_unless_nothing_else():
    assert [t.stem for t in TextQuery.parse("Förderung für die Vereine").required] == ["forderung", "verein"]
    assert [t.stem for t in TextQuery.parse("für die").required] == ["fur", "die"]


def test_text_query_uses_the_joined_form_of_a_compound():
    assert [t.stem for t in TextQuery.parse("Anti-Rassismus").required] == ["antirassismus"]


@pytest.mark.parametrize("q", ['"', "*", "-", "^:()", "NEAR(", "AND OR NOT", "'; DROP TABLE x; --", "   "])
def test_text_query_of_syntax_characters_has_only_plain_words(q):
    query = TextQuery.parse(q)

    words = [t.stem for t in (*query.positive_terms(), *query.excluded)]
    assert all(w.isalnum() for w in words)
