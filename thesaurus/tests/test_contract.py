"""The multilingual search contract on the demo catalogue, on whatever
database DATABASE_URL names (SQLite by default, PostgreSQL under
scripts/with-postgres.sh): everyday queries in each of the six languages
besides German find the German entries the German words find, and German
synonyms find the same entries."""

import pytest

from .demo import demo_catalogue, found  # noqa: F401  (fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_catalogue")]

# (language, query as a visitor types it, the German words it means)
CASES = [
    ("en", "refugees", "Geflüchtete"),
    ("en", "language courses", "Sprachkurse"),
    ("en", "german classes for women", "Deutschkurs Frauen"),
    ("en", "women", "Frauen"),
    ("en", "children", "Kinder"),
    ("en", "young people", "Jugendliche"),
    ("en", "counselling", "Beratung"),
    ("en", "volunteering", "Ehrenamt"),
    ("en", "anti-racism", "Antirassismus"),
    ("en", "daycare", "Kita"),
    ("en", "refugee-led organisation", "Migrantenorganisation"),
    ("en", "culture", "Kultur"),
    ("ar", "لاجئين", "Geflüchtete"),
    ("ar", "دورة لغة", "Sprachkurs"),
    ("ar", "دروس اللغة للنساء", "Sprachkurs Frauen"),
    ("ar", "نساء", "Frauen"),
    ("ar", "أطفال", "Kinder"),
    ("ar", "الشباب", "Jugendliche"),
    ("ar", "استشارة", "Beratung"),
    ("ar", "العمل التطوعي", "Ehrenamt"),
    ("ar", "العنصرية", "Rassismus"),
    ("ar", "الديمقراطية", "Demokratie"),
    ("ar", "رياضة", "Sport"),
    ("ar", "أوكرانيا", "Ukraine"),
    ("tr", "mülteciler", "Flüchtlinge"),
    ("tr", "dil kursu", "Sprachkurs"),
    ("tr", "kadınlar", "Frauen"),
    ("tr", "çocuklar", "Kinder"),
    ("tr", "gençler", "Jugendliche"),
    ("tr", "danışmanlık", "Beratung"),
    ("tr", "gönüllülük", "Ehrenamt"),
    ("tr", "ırkçılık", "Rassismus"),
    ("tr", "demokrasi", "Demokratie"),
    ("tr", "spor", "Sport"),
    ("tr", "göçmen dernekleri", "Migrantenorganisation"),
    ("uk", "біженці", "Geflüchtete"),
    ("uk", "мовні курси", "Sprachkurse"),
    ("uk", "курси німецької для жінок", "Deutschkurs Frauen"),
    ("uk", "жінки", "Frauen"),
    ("uk", "діти", "Kinder"),
    ("uk", "молодь", "Jugendliche"),
    ("uk", "консультація", "Beratung"),
    ("uk", "волонтерство", "Ehrenamt"),
    ("uk", "расизм", "Rassismus"),
    ("uk", "демократія", "Demokratie"),
    ("uk", "Україна", "Ukraine"),
    ("uk", "спорт", "Sport"),
    ("ru", "беженцы", "Geflüchtete"),
    ("ru", "языковые курсы", "Sprachkurse"),
    ("ru", "женщины", "Frauen"),
    ("ru", "дети", "Kinder"),
    ("ru", "молодёжь", "Jugendliche"),
    ("ru", "консультация", "Beratung"),
    ("ru", "волонтерство", "Ehrenamt"),
    ("ru", "расизм", "Rassismus"),
    ("ru", "демократия", "Demokratie"),
    ("ru", "спорт", "Sport"),
    ("ru", "организации мигрантов", "Migrantenorganisation"),
    ("fa", "پناهندگان", "Geflüchtete"),
    ("fa", "کلاس زبان", "Sprachkurs"),
    ("fa", "زنان", "Frauen"),
    ("fa", "کودکان", "Kinder"),
    ("fa", "جوانان", "Jugendliche"),
    ("fa", "مشاوره", "Beratung"),
    ("fa", "کار داوطلبانه", "Ehrenamt"),
    ("fa", "نژادپرستی", "Rassismus"),
    ("fa", "دموکراسی", "Demokratie"),
    ("fa", "ورزش", "Sport"),
    ("fa", "اوکراین", "Ukraine"),
]
# Entries each German query must find, chosen by reading their titles (so a
# foreign query and its German words cannot both miss an entry unnoticed).
MUST_FIND = {
    "Geflüchtete": {
        "landkreis-northeim-ehrenamt-fluechtlingshilfe",
        "sprachkurse-fuer-gefluechtete-frauen",
        "mwk-sprachfoerderung-gefluechtete-erwachsenenbildung",
        "ukr-care-sprachkurse-gefluechtete-ukraine",
    },
    "Flüchtlinge": {
        "landkreis-northeim-ehrenamt-fluechtlingshilfe",
        "hildesheim-aufwendungen-ehrenamtlicher-in-der-fluechtlingshilfe",
    },
    "Sprachkurs": {"ukr-1-sprachkurse", "sprachkurse-fuer-gefluechtete-frauen"},
    "Sprachkurse": {
        "ukr-1-sprachkurse",
        "sprachkurse-fuer-gefluechtete-frauen",
        "mwk-sprachfoerderung-gefluechtete-erwachsenenbildung",
    },
    "Deutschkurs Frauen": {"sprachkurse-fuer-gefluechtete-frauen"},
    "Sprachkurs Frauen": {"sprachkurse-fuer-gefluechtete-frauen"},
    "Frauen": {"sprachkurse-fuer-gefluechtete-frauen"},
    "Kinder": {"feriensprachcamps-fuer-kinder-und-jugendliche", "bundesprogramm-integrationskurs-mit-kind"},
    "Kita": {"bundesprogramm-integrationskurs-mit-kind"},
    "Jugendliche": {"feriensprachcamps-fuer-kinder-und-jugendliche"},
    "Beratung": {"richtlinie-migrationsberatung"},
    "Ehrenamt": {"klosterkammer-ehrenwert", "landkreis-northeim-ehrenamt-fluechtlingshilfe"},
    "Rassismus": {"foerderaufruf-gegen-anti-schwarzen-rassismus", "vielfalt-gemeinsam-gestalten"},
    "Antirassismus": {"foerderaufruf-gegen-anti-schwarzen-rassismus", "vielfalt-gemeinsam-gestalten"},
    "Demokratie": {"richtlinie-demokratie-und-toleranz", "demokratie-braucht-engagement-kleinprojekte"},
    "Kultur": {
        "kleine-kultureinrichtungen-investitionen-2025",
        "stiftung-niedersachsen-projektfoerderung-kultur",
    },
    "Ukraine": {"ukr-care-sprachkurse-gefluechtete-ukraine", "ukr-1-sprachkurse"},
    "Sport": {
        "lsb-richtlinie-integration-im-und-durch-sport",
        "integration-durch-sport-bundesprogramm-niedersachsen",
    },
    "Migrantenorganisation": {"miso-netzwerk-hannover-e-v", "house-of-resources-hannover-mikroprojekte"},
}


def test_every_language_has_ten_everyday_queries():
    for language in ("en", "ar", "tr", "uk", "ru", "fa"):
        assert sum(1 for case in CASES if case[0] == language) >= 10


@pytest.mark.parametrize(("language", "query", "german"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_query_in_any_language_finds_the_german_entries(language, query, german):
    expected = found(german)

    assert expected, f"the German query {german!r} finds nothing in the demo catalogue"
    assert sorted(found(query)) == sorted(expected)
    assert MUST_FIND[german] - set(expected) == set()


SYNONYMS = [
    ("Flüchtlinge", "Geflüchtete", "Schutzsuchende", "Asylsuchende"),
    ("Kita", "Kindertagesstätte", "Kindergarten"),
    ("MSO", "Migrantenorganisation", "Migrant*innenorganisation", "Migrantenselbstorganisation"),
    ("Sprachkurs", "Deutschkurs", "Sprachunterricht"),
    ("Ehrenamt", "Freiwilligenarbeit", "Engagement"),
    ("Antirassismus", "Anti-Rassismus", "Rassismus"),
]


@pytest.mark.parametrize("words", SYNONYMS, ids=[s[0] for s in SYNONYMS])
def test_german_synonyms_find_the_same_entries(words):
    first = sorted(found(words[0]))

    assert first
    for other in words[1:]:
        assert sorted(found(other)) == first, other
