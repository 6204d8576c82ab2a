"""The Fördercheck's core on a catalogue built for it: verdicts, order,
published entries only, invalid answers, and a bounded number of queries."""

from datetime import date

import pytest
from django.http import QueryDict

from catalogue.models import Deadline, Programme
from search.check import check

from .check_fixture import PROFILE, check_catalogue, programme

pytestmark = pytest.mark.django_db


def everything(query, **options):
    return check(QueryDict(query), per_page=100, **options)


def ids_by_fit(result):
    found = {"yes": [], "maybe": [], "no": []}
    for assessment in result.items:
        found[assessment.fit].append(assessment.facts.id)
    return found


def test_check_gives_each_published_programme_its_verdict_in_page_order():
    expected = check_catalogue()
    result = everything(PROFILE + "&target_group=fluchtgeschichte")
    assert result.errors == []
    assert ids_by_fit(result) == expected
    assert [a.facts.id for a in result.items] == [*expected["yes"], *expected["maybe"], *expected["no"]]
    assert result.counts == {"yes": 3, "maybe": 1, "no": 4}


def test_check_names_the_reason_in_words():
    check_catalogue()
    result = everything(PROFILE)
    reasons = {a.facts.id: {r.criterion: r.message for r in a.reasons} for a in result.items}
    assert reasons["nicht-eigenanteil"]["own_contribution"] == (
        "Eigenanteil: mindestens 10 % verlangt, Sie können 0 % aufbringen; Eigenleistung zählt nicht"
    )
    assert reasons["passt-frist-bald"]["region"] == "Fördergebiet: Landkreis Northeim"
    assert reasons["passt-jaehrlich"]["deadline"] == "Frist: nächste Frist am 31. März 2027"
    assert reasons["vielleicht-ohne-angaben"]["applicant_type"] == "Antragsberechtigt: keine Angabe"


def test_check_start_after_a_deadline_turns_it_into_no():
    check_catalogue()
    result = everything(PROFILE + "&start=2027-02-01")
    assert "passt-frist-bald" in ids_by_fit(result)["no"]


def test_check_without_answers_is_the_empty_form():
    result = check(QueryDict(""))
    assert (result.asked, result.errors, result.items) == (False, [], [])


def test_check_answers_required_for_the_api():
    result = check(QueryDict(""), answers_required=True)
    assert [(e["field"], e["code"]) for e in result.errors] == [
        ("region", "required"),
        ("applicant_type", "required"),
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=eu&applicant_type=initiative", [("region", "invalid_choice")]),
        ("region=03155&applicant_type=initiative&target_group=nix", [("target_group", "invalid_choice")]),
        ("region=03155&applicant_type=initiative&amount=viel", [("amount", "invalid")]),
        ("region=03155&applicant_type=initiative&amount=-5", [("amount", "min_value")]),
        (
            "region=03155&applicant_type=initiative&own_contribution_percent=101",
            [("own_contribution_percent", "max_value")],
        ),
        (
            "region=03155&applicant_type=initiative&own_contribution_percent=-1",
            [("own_contribution_percent", "min_value")],
        ),
        ("region=03155&applicant_type=initiative&in_kind=ja", [("in_kind", "invalid_choice")]),
        ("region=03155&applicant_type=initiative&start=31.12.2026", [("start", "invalid")]),
        ("region=03155&applicant_type=initiative&start=9999-12-31", [("start", "out_of_range")]),
        ("region=03155&region=ni&applicant_type=initiative", [("region", "duplicate")]),
        (
            "region=%00&applicant_type=initiative&page=0",
            [("region", "invalid_choice"), ("page", "min_value")],
        ),
    ],
)
def test_check_invalid_answers_are_named_per_field(query, expected):
    result = check(QueryDict(query))
    assert [(e["field"], e["code"]) for e in result.errors] == expected
    assert result.items == []


def test_check_page_out_of_range_shows_the_last_page_and_says_so():
    check_catalogue()
    result = check(QueryDict(PROFILE + "&page=9"), per_page=5)
    assert result.page == 2
    assert [e["code"] for e in result.errors] == ["page_out_of_range"]


def test_check_pages_in_order():
    check_catalogue()
    result = check(QueryDict(PROFILE + "&page=2"), per_page=5)
    assert [a.facts.id for a in result.items] == [
        "nicht-anderer-landkreis",
        "nicht-eigenanteil",
        "nicht-nur-vereine",
    ]
    assert (
        result.previous_url
        == "?region=03155&applicant_type=initiative&amount=2000&own_contribution_percent=0&in_kind=1"
    )
    assert result.next_url is None


def test_check_share_url_holds_every_answer_but_the_page():
    result_url = check(
        QueryDict("start=2027-01-10&target_group=frauen-maedchen&region=ni&applicant_type=verein&page=1")
    ).share_query
    assert result_url == "?region=ni&applicant_type=verein&target_group=frauen-maedchen&start=2027-01-10"


def make(count):
    for n in range(count):
        programme(
            f"p{n}",
            regions=["ni"],
            applicant_types=["initiative"],
            target_groups=["fluchtgeschichte"],
            integration_areas=["kultur"],
            deadline_kind="dates",
            deadline_dates=[date(2027, 1, n + 1)],
        )


@pytest.mark.parametrize("count", [1, 3])
def test_check_query_count_does_not_grow_with_the_catalogue(django_assert_num_queries, count):
    make(count)
    # vocabularies, index version, programmes, 4 × (labels, links), deadlines
    with django_assert_num_queries(12):
        result = check(QueryDict("region=03155&applicant_type=initiative"))
    assert result.total == count


def test_check_keeps_the_catalogue_until_it_changes(django_assert_num_queries):
    make(2)
    query = QueryDict("region=03155&applicant_type=initiative")
    check(query)
    with django_assert_num_queries(2):  # vocabularies, index version
        assert check(query).counts == {"yes": 2, "maybe": 0, "no": 0}

    Programme.objects.get(slug="p0").regions.set(["03241"])
    Deadline.objects.get(programme__slug="p1").delete()

    assert [(a.facts.id, a.fit) for a in check(query).items] == [("p1", "maybe"), ("p0", "no")]
