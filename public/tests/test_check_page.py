"""The Fördercheck page /foerdercheck/: the questions, the verdicts in three
groups with their reasons in words, messages beside the fields, and the
links that lead to it."""

import pytest

from search.tests.check_fixture import PROFILE, check_catalogue, programme

from .helpers import parse, squash, text_of, texts

pytestmark = pytest.mark.django_db


def test_check_page_without_answers_shows_only_the_questions(client):
    page = parse(client.get("/foerdercheck/"))

    assert text_of(page, "h1") == "Fördercheck: Welche Förderung passt zu Ihrem Projekt?"
    assert page.select_one("form.check-form")["method"] == "get"
    assert page.select(".check-result, .error-summary") == []
    regions = [o["value"] for o in page.select("#check-region option")]
    assert regions[:3] == ["", "ni", "03101"]
    assert "eu" not in regions and "de" not in regions


def test_check_page_groups_verdicts_and_collapses_what_does_not_fit(client):
    expected = check_catalogue()

    page = parse(client.get(f"/foerdercheck/?{PROFILE}&target_group=fluchtgeschichte"))

    assert texts(page, ".check-group__heading") == [
        "Passt (3)",
        "Passt vielleicht – bitte klären (1)",
        "Passt nicht (4)",
    ]
    assert [a["href"] for a in page.select(".check-group--yes .check-item__title a")] == [
        f"/foerderungen/{slug}/" for slug in expected["yes"]
    ]
    assert page.select_one("details.check-group--no").get("open") is None
    assert text_of(page, "[role=status]") == ("3 Förderprogramme passen, 1 passt vielleicht, 4 passen nicht")


def test_check_page_says_each_reason_in_words_not_only_symbols(client):
    check_catalogue()
    page = parse(client.get(f"/foerdercheck/?{PROFILE}"))

    item = page.select("details.check-group--no .check-item")[2]
    assert text_of(item, "h4") == "nicht-eigenanteil"
    reasons = [squash(li.get_text(" ")) for li in item.select(".reason")]
    assert reasons[4] == (
        "✘ nicht erfüllt: Eigenanteil: mindestens 10 % verlangt, Sie können 0 % aufbringen; "
        "Eigenleistung zählt nicht"
    )
    assert [li.select_one(".reason__symbol")["aria-hidden"] for li in item.select(".reason")] == ["true"] * 7


def test_check_page_tells_what_to_ask_the_funder(client):
    check_catalogue()
    page = parse(client.get(f"/foerdercheck/?{PROFILE}"))
    assert texts(page, ".check-group--maybe .check-item__questions li") == [
        "Können Initiativen ohne Rechtsform einen Antrag stellen?",
        "Bis wann können wir einen Antrag stellen?",
        "Wie hoch kann die Förderung sein?",
        "Wird ein Eigenanteil verlangt, und wie hoch?",
    ]


def test_check_page_keeps_the_answers_in_the_form_and_offers_share_and_export(client):
    check_catalogue()
    page = parse(client.get(f"/foerdercheck/?{PROFILE}&target_group=fluchtgeschichte&start=2026-12-01"))

    assert page.select_one("#check-region option[selected]")["value"] == "03155"
    assert page.select_one("#check-target_group-fluchtgeschichte").has_attr("checked")
    assert page.select_one("#check-in_kind").has_attr("checked")
    assert page.select_one("#check-start")["value"] == "2026-12-01"
    links = [a["href"] for a in page.select(".check-actions a")]
    share = (
        "?region=03155&applicant_type=initiative&target_group=fluchtgeschichte&amount=2000"
        "&own_contribution_percent=0&in_kind=1&start=2026-12-01"
    )
    assert links == [
        f"/foerdercheck/{share}",
        f"/api/v1/check.csv{share}&lang=de",
        f"/api/v1/check.csv{share}&lang=de&delimiter=semicolon",
        "/benachrichtigungen/?type=programme&region=03155&applicant_type=initiative&amount=2000",
    ]


def test_check_result_offers_an_alert_for_what_surely_fits(client):
    check_catalogue()
    page = parse(client.get(f"/foerdercheck/?{PROFILE}"))
    alert = page.select(".check-actions a")[3]["href"]

    form = parse(client.get(alert))

    # The alert's search finds the programmes the check says fit for sure.
    search = parse(client.get("/suche/" + alert.split("/benachrichtigungen/", 1)[1]))
    found = {a["href"] for a in search.select(".result__title a")}
    fitting = {a["href"] for a in page.select(".check-group--yes .check-item__title a")}
    assert fitting and fitting <= found
    assert form.select_one("form input[name=email]") is not None


def test_check_page_shows_messages_beside_the_fields(client):
    response = client.get("/foerdercheck/?region=eu&amount=viel&own_contribution_percent=120")

    page = parse(response)
    assert response.status_code == 200
    assert texts(page, ".error-summary li") == [
        "„eu“ ist kein bekannter Wert für „Wo findet das Projekt statt?“ (region).",
        "Bitte wählen Sie: Wer stellt den Antrag?",
        "Bitte geben Sie bei „Wie viel Geld brauchen Sie? (EUR)“ (amount) einen Betrag in Euro als Zahl an, "
        "z. B. 5000.",
        "Der Eigenanteil (own_contribution_percent) liegt zwischen 0 und 100 Prozent.",
    ]
    region = page.select_one("#check-region")
    assert region["aria-invalid"] == "true"
    assert region["aria-describedby"] == "check-region-help check-region-error"
    assert text_of(page, "#check-applicant_type-error") == "Bitte wählen Sie: Wer stellt den Antrag?"
    assert page.select_one("#check-amount")["value"] == "viel"
    assert page.select(".check-result") == []


@pytest.mark.parametrize("prefix", ["", "/en", "/ar", "/tr", "/uk", "/ru", "/fa"])
def test_check_page_in_every_language(client, prefix):
    check_catalogue()
    response = client.get(f"{prefix}/foerdercheck/?{PROFILE}")
    assert response.status_code == 200
    assert len(parse(response).select("h1")) == 1


@pytest.mark.parametrize(
    ("path", "selector"),
    [("/", ".hero .check-link a"), ("/suche/", ".check-link a"), ("/ratgeber/", "#hilfe ~ p a")],
)
def test_check_page_is_linked_from_start_search_and_guide(client, path, selector):
    page = parse(client.get(path))
    assert "/foerdercheck/" in [a["href"] for a in page.select(selector)]


@pytest.mark.parametrize("count", [1, 3])
def test_check_page_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    for n in range(count):
        programme(f"p{n}", regions=["ni"], applicant_types=["initiative"], deadline_kind="rolling")
    with django_assert_max_num_queries(14):
        response = client.get("/foerdercheck/?region=03155&applicant_type=initiative")
    assert len(parse(response).select(".check-item")) == count
