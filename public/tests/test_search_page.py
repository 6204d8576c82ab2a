"""The Suche page: one GET form, facets as fieldsets, pills, status
region, hits, pagination, "Meinten Sie …?" — all server-rendered."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from catalogue.interchange.importer import import_document
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from public import cards
from search.index import bulk_indexing
from search.tests.contract import atlas

DEMO = Path(settings.BASE_DIR) / "demo" / "catalogue.json"


@pytest.fixture
def corpus(db):
    with bulk_indexing():
        atlas()


def page(client, query=""):
    response = client.get(reverse("search:search") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_search_page_url_is_suche():
    assert reverse("search:search") == "/suche/"


def test_search_page_renders_facets_as_fieldsets_of_checkboxes(client, corpus):
    html = page(client, "?region=03155")

    # six facets with values (no funding kinds, no own contribution here), amount and deadline
    assert html.count('<fieldset class="facet-group') == 8
    assert "<legend>Fördergebiet</legend>" in html
    assert (
        '<input type="checkbox" name="region" value="03155" id="facet-region-03155" checked>\n'
        '      <label for="facet-region-03155">Landkreis Northeim '
        '<span class="facet-count">(6)</span></label>'
    ) in html
    assert html.count("<h1>") == 1


def test_search_page_announces_the_result_count(client, corpus):
    html = page(client, "?q=Kultur")

    assert '<p class="results-summary" role="status">2 Treffer für „Kultur“' in html


def test_search_page_shows_removable_filter_pills(client, corpus):
    html = page(client, "?region=03155&status=open")

    assert (
        '<a class="pill" href="?status=open" aria-label="Filter „Landkreis Northeim“ entfernen">'
        'Landkreis Northeim <span class="pill__remove" aria-hidden="true">✕</span></a>'
    ) in html
    assert '<a class="pill" href="?">Alle Filter entfernen</a>' in html


def test_search_page_shows_hits_with_status_and_snippet(client, corpus):
    html = page(client, "?q=ukrainische")

    assert '<a href="/foerderungen/sprache/" lang="de" dir="ltr">Sprachkurse für Frauen</a>' in html
    assert (
        '<span class="badge badge--closing_soon">'
        '<span class="visually-hidden">Status: </span>Frist endet bald</span>'
    ) in html
    # the status line's words (public.status_line), as in lists and on the programme page
    assert "<dt>Frist</dt><dd>bis 10. Dezember 2026 (noch 15 Tage)</dd>" in html
    assert '<p class="snippet" lang="de" dir="ltr">Kurse für <mark>ukrainische</mark> Geflüchtete' in html


def test_search_page_offers_the_correction(client, corpus):
    html = page(client, "?q=Migrationsberetung")

    assert 'Meinten Sie <a href="?q=Migrationsberatung">Migrationsberatung</a>?' in html
    assert "1 Treffer für „Migrationsberatung“" in html
    assert (
        '<a href="?q=Migrationsberetung&amp;exact=1">Stattdessen genau nach „Migrationsberetung“ suchen</a>'
    ) in html


def test_search_page_searches_exactly_as_typed_with_exact(client, corpus):
    html = page(client, "?q=Migrationsberetung&exact=1")

    assert "0 Treffer für „Migrationsberetung“" in html
    assert "Meinten Sie" not in html


def test_search_page_offers_the_exact_words_after_the_any_word_fallback(client, corpus):
    html = page(client, "?q=Sportvereine+Quartier")

    assert "Kein Eintrag enthält alle Suchwörter." in html
    assert "Stattdessen genau nach „Sportvereine Quartier“ suchen" in html


def test_search_page_takes_a_typed_place_as_the_region_filter(client, corpus):
    html = page(client, "?q=Sprachkurse+in+Northeim")

    assert "„in Northeim“ ist ein Ort: gesucht wird im Fördergebiet Landkreis Northeim" in html
    assert (
        '<a href="?q=Sprachkurse+in+Northeim&amp;exact=1">Stattdessen „in Northeim“ als Text suchen</a>'
        in html
    )
    assert 'id="search-q" name="q" value="Sprachkurse"' in html
    assert 'name="region" value="03155" id="facet-region-03155" checked' in html
    assert "1 Treffer für „Sprachkurse“" in html


def test_search_page_without_results_says_which_filter_to_drop(client, corpus):
    html = page(client, "?q=Kultur&region=03155&status=upcoming")

    assert "Mit allen gewählten Filtern gibt es keinen Treffer." in html
    assert '<a href="?q=Kultur&amp;status=upcoming">ohne „Fördergebiet“: 1 Treffer</a>' in html
    assert '<a href="?q=Kultur&amp;region=03155">ohne „Status“: 1 Treffer</a>' in html
    assert '<a href="?region=03155&amp;status=upcoming">' not in html  # dropping the text gives nothing


def test_search_page_paginates_with_a_labelled_navigation(client, db):
    with bulk_indexing():
        for i in range(45):
            ProgrammeFactory(title=f"Programm {i:02}")

    html = page(client, "?sort=title&page=2")

    assert '<nav class="pagination" aria-label="Seiten der Ergebnisliste">' in html
    assert '<a href="?sort=title" rel="prev">Vorherige Seite</a>' in html
    assert '<span aria-current="page"><span class="visually-hidden">Seite </span>2</span>' in html
    assert '<a href="?sort=title&amp;page=3" rel="next">Nächste Seite</a>' in html
    assert "Programm 20" in html


def test_search_page_keeps_the_state_in_the_form(client, corpus):
    html = page(client, "?q=Kultur&amount_min=100&sort=title")

    assert 'name="q" value="Kultur"' in html
    assert 'name="amount_min" min="0" step="any" inputmode="decimal" value="100"' in html
    assert '<option value="title" selected>Titel A–Z</option>' in html


def test_search_page_shows_the_one_click_to_hide_expired(client, corpus):
    html = page(client, "")

    assert (
        '<a href="?status=closing_soon&amp;status=open&amp;status=unknown&amp;status=upcoming">'
        "Abgelaufene ausblenden</a>" in html
    )


def test_search_page_in_english_keeps_german_content(client, corpus):
    response = client.get("/en/suche/?q=Kultur")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


@pytest.mark.skipif(not DEMO.exists(), reason="demo data not written yet")
def test_demo_search_for_einbuergerung_finds_miso(client, db):
    report = import_document(json.loads(DEMO.read_text(encoding="utf-8")))
    assert report.errors == []

    response = client.get("/suche/?q=Einbürgerung")

    slugs = [hit.object.slug for hit in response.context["result"].hits]
    assert "miso-netzwerk-hannover-e-v" in slugs
    assert "<mark>Einbürgerungslotsen</mark>" in response.content.decode()


def test_search_page_links_exports_and_feeds_with_the_same_search(client, corpus):
    html = page(client, "?q=Sprache&region=03155&page=1")

    # lang: the files' headers in the language of the page that links them.
    query = "?q=Sprache&amp;region=03155&amp;lang=de"
    for url in (
        f"/api/v1/search.csv{query}",
        f"/api/v1/search.csv{query}&amp;delimiter=semicolon",
        f"/api/v1/search.xlsx{query}",
        f"/api/v1/search.interchange.json{query}",
        f"/api/v1/feeds/programmes.atom{query}",
        f"/api/v1/feeds/deadlines.ics{query}",
    ):
        assert f'href="{url}"' in html


def test_search_page_names_a_funder_with_two_roles_once(client, db):
    programme = ProgrammeFactory(title="Nachbarschaftsfonds")
    funder = InstitutionFactory(name="Stadt Hildesheim")
    ProgrammeInstitutionFactory(programme=programme, institution=funder, role="mittelgeber")
    ProgrammeInstitutionFactory(programme=programme, institution=funder, role="ansprechstelle")

    html = page(client, "?q=Nachbarschaftsfonds")

    assert html.count("Stadt Hildesheim") == 1


def test_a_repeated_search_page_is_served_from_the_cache_with_one_query(
    client, corpus, django_assert_num_queries
):
    first = page(client, "?q=Sprachkurs&region=03155")

    with django_assert_num_queries(1):  # the index version
        again = page(client, "?q=Sprachkurs&region=03155")

    assert again == first


def test_a_cached_search_page_shows_a_programme_published_after_it(client, corpus):
    assert "Quartierskochen" not in page(client, "?sort=title")

    ProgrammeFactory(slug="quartierskochen", title="Quartierskochen")

    assert "Quartierskochen" in page(client, "?sort=title")


def test_cached_search_pages_are_kept_per_language(client, corpus):
    german = client.get("/suche/?status=open").content.decode()
    english = client.get("/en/suche/?status=open").content.decode()

    assert '<html lang="de"' in german
    assert '<html lang="en"' in english


def test_a_kept_result_card_shows_a_funder_renamed_after_it(client, db):
    programme = ProgrammeFactory(title="Nachbarschaftsfonds")
    funder = InstitutionFactory(name="Stadt Hildesheim")
    ProgrammeInstitutionFactory(programme=programme, institution=funder)
    assert "Stadt Hildesheim" in page(client, "?q=Nachbarschaftsfonds")

    funder.name = "Hansestadt Hildesheim"
    funder.save()

    # Another search, so not the page cache: the card kept for the entry is
    # one of an older index version.
    html = page(client, "?q=Nachbarschaftsfonds&sort=title")
    assert "Hansestadt Hildesheim" in html
    assert "Stadt Hildesheim<" not in html


def test_a_change_to_one_programme_makes_only_its_card_anew(client, db, monkeypatch):
    ProgrammeFactory(slug="a", title="Nachbarschaftsfonds A")
    changed = ProgrammeFactory(slug="b", title="Nachbarschaftsfonds B")
    page(client, "?q=Nachbarschaftsfonds")
    made = []
    make = cards._made
    monkeypatch.setattr(cards, "_made", lambda hits: made.extend(h.object.slug for h in hits) or make(hits))

    changed.title = "Nachbarschaftsfonds Bee"
    changed.save()
    html = page(client, "?q=Nachbarschaftsfonds&sort=title")

    assert made == ["b"]
    assert "Nachbarschaftsfonds Bee" in html


def test_result_cards_are_kept_per_language(client, db):
    ProgrammeFactory(title="Nachbarschaftsfonds")

    german = client.get("/suche/?q=Nachbarschaftsfonds").content.decode()
    english = client.get("/en/suche/?q=Nachbarschaftsfonds&sort=title").content.decode()

    assert "Förderprogramm</span>" in german
    assert "Förderprogramm</span>" not in english
