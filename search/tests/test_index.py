"""The index follows every write: saves, links, vocabularies, deadlines,
unpublishing, deletion, bulk writes; and a rebuild gives the same index."""

from datetime import date

from django.core.management import call_command
from django.http import QueryDict

from catalogue.models import Deadline, Programme, Workflow
from catalogue.queries import published, with_status
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from search.core import search
from search.index import bulk_indexing, rebuild_index, refresh_statuses
from search.models import DocumentTag, SearchDocument, SearchText, Term


def found(q):
    return [hit.object.slug for hit in search(QueryDict(f"q={q}")).hits]


def index_state():
    documents = sorted(
        SearchDocument.objects.values_list(
            "kind", "programme__slug", "institution__slug", "sort_title", "status_code", "next_deadline"
        ),
        key=str,
    )
    texts = sorted(
        SearchText.objects.values_list("document__programme__slug", "title", "goals", "body"), key=str
    )
    tags = sorted(DocumentTag.objects.values_list("document__programme__slug", "group", "code"), key=str)
    terms = sorted(Term.objects.values_list("stem", "documents"))
    return documents, texts, tags, terms


def test_reindex_follows_a_changed_title(db):
    programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe")

    programme.title = "Quartiersarbeit"
    programme.save()

    assert found("Nachbarschaftshilfe") == []
    assert found("Quartiersarbeit") == ["p"]
    assert Term.objects.filter(stem="nachbarschaftshilf").exists() is False


def test_reindex_removes_an_unpublished_entry(db):
    programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe")

    programme.state = Workflow.ARCHIVED
    programme.save()

    assert found("Nachbarschaftshilfe") == []
    assert SearchDocument.objects.count() == 0


def test_deleting_an_entry_removes_its_document_and_words(db):
    ProgrammeFactory(slug="keep", title="Nachbarschaftshilfe")
    ProgrammeFactory(slug="gone", title="Nachbarschaftshilfe Quartier").delete()

    assert found("Nachbarschaftshilfe") == ["keep"]
    assert list(
        Term.objects.filter(stem__in=["nachbarschaftshilf", "quartier"]).values_list("stem", "documents")
    ) == [("nachbarschaftshilf", 1)]


def test_funder_name_is_programme_text_and_follows_a_rename(db):
    link = ProgrammeInstitutionFactory(programme__slug="p", institution__name="Klosterkammer")

    institution = link.institution
    institution.name = "Stiftung Niedersachsen"
    institution.save()

    assert found("Klosterkammer") == []
    assert found("Stiftung Niedersachsen") == [institution.slug, "p"]


def test_removing_a_link_removes_the_funder_name(db):
    link = ProgrammeInstitutionFactory(programme__slug="p", institution__name="Klosterkammer")

    link.delete()

    assert found("Klosterkammer") == [link.institution.slug]


def test_vocabulary_change_updates_tags_and_label_text(db):
    programme = ProgrammeFactory(slug="p", title="Programm")

    programme.integration_areas.add("wohnen")

    assert found("Wohnen") == ["p"]
    assert list(DocumentTag.objects.values_list("group", "code")) == [("integration_area", "wohnen")]


def test_vocabulary_change_from_the_value_side_updates_tags(db):
    programme = ProgrammeFactory(slug="p", title="Programm")
    from catalogue.models import TargetGroup

    TargetGroup.objects.get(code="aeltere").programme_set.add(programme)

    assert list(DocumentTag.objects.values_list("group", "code")) == [("target_group", "aeltere")]


def test_region_tags_keep_only_the_widest_areas(db):
    ProgrammeFactory(slug="p", regions=["ni", "03155", "03241"])
    ProgrammeFactory(slug="q", regions=["03155", "03241"])

    tags = DocumentTag.objects.filter(group="region").order_by("document__programme__slug", "code")
    assert list(tags.values_list("document__programme__slug", "code")) == [
        ("p", "ni"),
        ("q", "03155"),
        ("q", "03241"),
    ]


def test_a_new_deadline_changes_the_status(db):
    programme = ProgrammeFactory(slug="p", deadline_kind="dates", deadline_dates=[date(2025, 1, 1)])

    Deadline.objects.create(programme=programme, date=date(2026, 12, 1))

    assert SearchDocument.objects.get().status_code == "closing_soon"
    assert [h.object.slug for h in search(QueryDict("status=closing_soon")).hits] == ["p"]


def test_refresh_statuses_matches_with_status_on_another_day(db):
    ProgrammeFactory(deadline_kind="dates", deadline_dates=[date(2026, 12, 1)])
    ProgrammeFactory(deadline_kind="dates", deadline_dates=[date(2027, 6, 1)])
    ProgrammeFactory(deadline_kind="dates", deadline_yearly=["03-31"], window_start=date(2027, 2, 1))
    ProgrammeFactory(deadline_kind="rolling", period_end=date(2026, 12, 31))
    day = date(2027, 1, 15)

    refreshed = refresh_statuses(day)

    expected = with_status(published(Programme.objects.all()), day).values_list(
        "pk", "status_code", "next_deadline"
    )
    cached = SearchDocument.objects.values_list("programme_id", "status_code", "next_deadline")
    assert refreshed == 4
    assert sorted(cached) == sorted(expected)
    assert refresh_statuses(day) == 0


def test_bulk_indexing_defers_until_the_block_ends(db):
    with bulk_indexing():
        programme = ProgrammeFactory(slug="p", title="Nachbarschaftshilfe", regions=["ni"])
        programme.integration_areas.add("wohnen")
        assert SearchDocument.objects.count() == 0

    assert found("Nachbarschaftshilfe") == ["p"]
    assert list(DocumentTag.objects.order_by("group").values_list("group", "code")) == [
        ("integration_area", "wohnen"),
        ("region", "ni"),
    ]


def test_rebuild_gives_the_same_index_as_the_signals(db):
    link = ProgrammeInstitutionFactory(
        programme__title="Quartiersarbeit in Göttingen", institution__name="Klosterkammer"
    )
    link.programme.regions.set(["ni", "03159"])
    link.programme.integration_areas.set(["leben-im-quartier"])
    InstitutionFactory(name="Bürgerstiftung", goals="Förderung des Ehrenamts")
    ProgrammeFactory(title="Entwurf", state=Workflow.DRAFT)
    incremental = index_state()

    count = rebuild_index()

    assert count == 3
    assert index_state() == incremental


def test_rebuild_search_index_command_reports_the_count(db, capsys):
    ProgrammeFactory()

    call_command("rebuild_search_index")

    assert capsys.readouterr().out == "Suchindex neu aufgebaut: 1 Einträge.\n"
