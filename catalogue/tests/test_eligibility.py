"""The Fördercheck's rules, criterion by criterion, without a database."""

from datetime import date
from decimal import Decimal

import pytest

from catalogue.eligibility import (
    Facts,
    Fit,
    Profile,
    amount,
    applicant_type,
    assess,
    deadline,
    integration_area,
    own_contribution,
    region,
    target_group,
    verdict,
)
from catalogue.eligibility_ranking import FactsTable, rank
from catalogue.status import Deadlines

START = date(2026, 11, 25)
NORTHEIM = ("03155", "Landkreis Northeim")
HANNOVER = ("03241", "Region Hannover")
NI = ("ni", "Landesweit (Niedersachsen)")
DE = ("de", "Bundesweit")
EU = ("eu", "EU-weit")
INITIATIVE = ("initiative", "Initiativen ohne Rechtsform")
VEREIN = ("verein", "Vereine und gemeinnützige Organisationen")
FLUCHT = ("fluchtgeschichte", "Menschen mit Fluchtgeschichte")
FRAUEN = ("frauen-maedchen", "Frauen und Mädchen")
SPORT = ("sport-bewegung", "Sport und Bewegung")


def profile(**changes):
    values = {
        "region": NORTHEIM,
        "region_chain": ("03155", "ni", "de", "eu"),
        "applicant_type": INITIATIVE,
        "start": START,
    }
    return Profile(**{**values, **changes})


def facts(**changes):
    return Facts(**{"id": "p", "title": "Programm", **changes})


def outcome(reason):
    return reason.fit, reason.message


# ---------- region ----------


def test_region_district_itself_fits():
    assert outcome(region(facts(regions=(NORTHEIM,)), profile())) == (
        "yes",
        "Fördergebiet: Landkreis Northeim",
    )


@pytest.mark.parametrize("area", [NI, DE, EU], ids=["ni", "de", "eu"])
def test_region_containing_area_fits_and_says_so(area):
    fit, message = outcome(region(facts(regions=(area,)), profile()))
    assert (fit, message) == ("yes", f"Fördergebiet: {area[1]}, umfasst Landkreis Northeim")


def test_region_nearest_containing_area_is_named():
    reason = region(facts(regions=(EU, NI, HANNOVER)), profile())
    assert reason.message == "Fördergebiet: Landesweit (Niedersachsen), umfasst Landkreis Northeim"


def test_region_other_district_fails():
    assert outcome(region(facts(regions=(HANNOVER,)), profile())) == (
        "no",
        "Fördergebiet: nur Region Hannover – Landkreis Northeim liegt nicht darin",
    )


def test_region_state_wide_project_does_not_fit_a_district_programme():
    seeker = profile(region=NI, region_chain=("ni", "de", "eu"))
    assert region(facts(regions=(NORTHEIM,)), seeker).fit == Fit.NO


def test_region_unknown_is_maybe_with_a_question():
    reason = region(facts(), profile())
    assert outcome(reason) == ("maybe", "Fördergebiet: keine Angabe")
    assert reason.question == "Fördern Sie Projekte in Landkreis Northeim?"


# ---------- applicant type ----------


def test_applicant_type_listed_fits():
    assert outcome(applicant_type(facts(applicant_types=(VEREIN, INITIATIVE)), profile())) == (
        "yes",
        "Antragsberechtigt: Initiativen ohne Rechtsform",
    )


def test_applicant_type_not_listed_fails_and_names_who_may():
    assert outcome(applicant_type(facts(applicant_types=(VEREIN,)), profile())) == (
        "no",
        "Antragsberechtigt: nur Vereine und gemeinnützige Organisationen – nicht Initiativen ohne Rechtsform",
    )


def test_applicant_type_unknown_is_maybe():
    reason = applicant_type(facts(), profile())
    assert reason.fit == Fit.MAYBE
    assert reason.question == "Können Initiativen ohne Rechtsform einen Antrag stellen?"


# ---------- deadline ----------


def deadline_of(**values):
    return deadline(facts(deadlines=Deadlines(**values)), profile())


def test_deadline_one_off_ahead_fits():
    reason = deadline_of(kind="dates", dates=(date(2026, 10, 1), date(2027, 3, 31)))
    assert outcome(reason) == ("yes", "Frist: nächste Frist am 31. März 2027")


def test_deadline_on_the_start_day_fits():
    assert deadline_of(kind="dates", dates=(START,)).fit == Fit.YES


def test_deadline_all_before_start_fails():
    reason = deadline_of(kind="dates", dates=(date(2026, 3, 1), date(2026, 11, 24)))
    assert outcome(reason) == (
        "no",
        "Frist: die letzte Frist war am 24. November 2026, vor Ihrem Projektbeginn",
    )


def test_deadline_yearly_rolls_over_to_next_year():
    reason = deadline_of(kind="dates", yearly=("03-31",))
    assert outcome(reason) == ("yes", "Frist: nächste Frist am 31. März 2027")


def test_deadline_yearly_29_february_falls_on_28th_in_common_years():
    assert deadline_of(kind="dates", yearly=("02-29",)).params["date"] == date(2027, 2, 28)


def test_deadline_window_not_yet_open_fits_and_says_from_when():
    reason = deadline_of(kind="dates", dates=(date(2027, 5, 31),), window_start=date(2027, 3, 1))
    assert outcome(reason) == ("yes", "Frist: Anträge ab 1. März 2027, Frist am 31. Mai 2027")


def test_deadline_rolling_fits():
    assert outcome(deadline_of(kind="rolling")) == ("yes", "Frist: Anträge laufend möglich")


def test_deadline_rolling_window_not_yet_open():
    reason = deadline_of(kind="rolling", window_start=date(2027, 1, 15))
    assert outcome(reason) == ("yes", "Frist: laufend, Anträge ab 15. Januar 2027")


def test_deadline_period_ended_fails_even_with_yearly_dates():
    reason = deadline_of(kind="dates", yearly=("09-30",), period_end=date(2026, 6, 30))
    assert outcome(reason) == ("no", "Frist: die Laufzeit endete am 30. Juni 2026, vor Ihrem Projektbeginn")


def test_deadline_period_ending_on_start_day_still_fits():
    assert deadline_of(kind="rolling", period_end=START).fit == Fit.YES


@pytest.mark.parametrize("values", [{"kind": "none"}, {"kind": "dates"}], ids=["none", "dates-without-any"])
def test_deadline_unknown_is_maybe(values):
    reason = deadline_of(**values)
    assert reason.fit == Fit.MAYBE
    assert reason.question == "Bis wann können wir einen Antrag stellen?"


def test_deadline_later_start_moves_the_check():
    later = profile(start=date(2027, 4, 1))
    reason = deadline(facts(deadlines=Deadlines(kind="dates", dates=(date(2027, 3, 31),))), later)
    assert reason.fit == Fit.NO


# ---------- amount ----------


def amount_for(wanted, **values):
    return amount(facts(**values), profile(amount=None if wanted is None else Decimal(wanted)))


def test_amount_not_asked_is_not_checked():
    reason = amount_for(None, amount_max=Decimal(1500))
    assert (reason.fit, reason.checked) == ("yes", False)


def test_amount_unknown_is_maybe():
    assert amount_for(2000).fit == Fit.MAYBE


@pytest.mark.parametrize(
    ("wanted", "fit"),
    [("499.99", "no"), ("500", "yes"), ("1500", "yes"), ("1500.01", "no")],
)
def test_amount_boundaries_are_inclusive(wanted, fit):
    assert amount_for(wanted, amount_min=Decimal(500), amount_max=Decimal(1500)).fit == fit


def test_amount_above_maximum_says_both_sums():
    assert amount_for(2000, amount_max=Decimal(1500)).message == (
        "Fördersumme: höchstens 1.500 €, Sie brauchen 2.000 €"
    )


def test_amount_below_minimum_says_both_sums():
    assert amount_for(2000, amount_min=Decimal(5000)).message == (
        "Fördersumme: mindestens 5.000 €, Sie brauchen 2.000 €"
    )


def test_amount_with_only_a_maximum_fits_below_it():
    assert outcome(amount_for(2000, amount_max=Decimal(5000))) == (
        "yes",
        "Fördersumme: 2.000 € liegt im Rahmen (bis 5.000 €)",
    )


def test_amount_zero_is_an_answer():
    assert amount_for(0, amount_min=Decimal(1)).fit == Fit.NO


# ---------- own contribution ----------


def own_for(own, in_kind=False, **values):
    seeker = profile(own_contribution_percent=None if own is None else Decimal(own), in_kind=in_kind)
    return own_contribution(facts(**values), seeker)


def test_own_contribution_not_asked_is_not_checked():
    reason = own_for(None, own_contribution_min_percent=Decimal(10))
    assert (reason.fit, reason.checked) == ("yes", False)


def test_own_contribution_zero_percent_fails_where_ten_are_required():
    assert outcome(own_for(0, own_contribution_min_percent=Decimal(10))) == (
        "no",
        "Eigenanteil: mindestens 10 % verlangt, Sie können 0 % aufbringen",
    )


def test_own_contribution_zero_required_fits_zero_percent():
    assert outcome(own_for(0, own_contribution_min_percent=Decimal(0))) == (
        "yes",
        "Eigenanteil: kein Eigenanteil verlangt",
    )


def test_own_contribution_exactly_the_required_share_fits():
    assert own_for(10, own_contribution_min_percent=Decimal(10)).fit == Fit.YES


def test_own_contribution_unknown_is_maybe():
    assert own_for(10).fit == Fit.MAYBE


def test_own_contribution_in_kind_only_fits_where_in_kind_counts():
    reason = own_for(None, in_kind=True, own_contribution_min_percent=Decimal(20), in_kind_allowed=True)
    assert outcome(reason) == (
        "yes",
        "Eigenanteil: mindestens 20 % verlangt; Eigenleistung wie ehrenamtliche Arbeit wird angerechnet",
    )


def test_own_contribution_in_kind_only_fails_where_it_does_not_count():
    reason = own_for(0, in_kind=True, own_contribution_min_percent=Decimal(20), in_kind_allowed=False)
    assert reason.fit == Fit.NO


def test_own_contribution_in_kind_unknown_whether_it_counts_is_maybe():
    reason = own_for(0, in_kind=True, own_contribution_min_percent=Decimal(20))
    assert reason.fit == Fit.MAYBE
    assert reason.question == "Wird ehrenamtliche Arbeit oder eine Sachleistung als Eigenanteil angerechnet?"


def test_own_contribution_in_kind_does_not_matter_when_money_suffices():
    assert (
        own_for(25, in_kind=True, own_contribution_min_percent=Decimal(20), in_kind_allowed=False).fit
        == "yes"
    )


def test_own_contribution_fraction_shown_with_decimals():
    assert own_for("7.5", own_contribution_min_percent=Decimal("12.5")).message == (
        "Eigenanteil: mindestens 12,5 % verlangt, Sie können 7,5 % aufbringen"
    )


# ---------- soft criteria ----------


def test_target_group_shared_fits():
    reason = target_group(facts(target_groups=(FLUCHT, FRAUEN)), profile(target_groups=(FRAUEN,)))
    assert outcome(reason) == ("yes", "Zielgruppe: Frauen und Mädchen")


def test_target_group_other_is_no_but_never_excludes():
    programme = facts(
        regions=(NI,),
        applicant_types=(INITIATIVE,),
        deadlines=Deadlines(kind="rolling"),
        target_groups=(FLUCHT,),
    )
    result = assess(programme, profile(target_groups=(FRAUEN,)))
    reasons = {r.criterion: r for r in result.reasons}
    assert reasons["target_group"].fit == Fit.NO
    assert result.fit == Fit.YES


def test_integration_area_not_asked_is_not_checked():
    reason = integration_area(facts(integration_areas=(SPORT,)), profile())
    assert (reason.fit, reason.checked) == ("yes", False)


# ---------- verdict and order ----------


def fitting(**changes):
    values = {"regions": (NI,), "applicant_types": (INITIATIVE,), "deadlines": Deadlines(kind="rolling")}
    return facts(**{**values, **changes})


def test_verdict_yes_maybe_no():
    assert assess(fitting(), profile()).fit == Fit.YES
    assert assess(fitting(applicant_types=()), profile()).fit == Fit.MAYBE
    assert assess(fitting(applicant_types=(VEREIN,), regions=()), profile()).fit == Fit.NO


def test_verdict_names_every_criterion_once_in_order():
    result = assess(fitting(), profile())
    assert [r.criterion for r in result.reasons] == [
        "region",
        "applicant_type",
        "deadline",
        "amount",
        "own_contribution",
        "target_group",
        "integration_area",
    ]


def test_verdict_every_failing_criterion_is_named():
    programme = fitting(regions=(HANNOVER,), applicant_types=(VEREIN,), amount_max=Decimal(100))
    result = assess(programme, profile(amount=Decimal(2000)))
    assert [r.criterion for r in result.reasons if r.fit == Fit.NO] == ["region", "applicant_type", "amount"]


def test_verdict_only_hard_criteria_count():
    assert (
        verdict([region(fitting(), profile()), target_group(facts(), profile(target_groups=(FRAUEN,)))])
        == "yes"
    )


def test_order_fits_first_then_soft_matches_then_closest_deadline():
    seeker = profile(target_groups=(FRAUEN,), integration_areas=(SPORT,))
    later = fitting(id="later", title="A", deadlines=Deadlines(kind="dates", dates=(date(2027, 5, 1),)))
    sooner = fitting(id="sooner", title="B", deadlines=Deadlines(kind="dates", dates=(date(2027, 1, 1),)))
    rolling = fitting(id="rolling", title="C")
    both = fitting(id="both", title="D", target_groups=(FRAUEN,), integration_areas=(SPORT,))
    one = fitting(id="one", title="E", target_groups=(FRAUEN,))
    maybe = fitting(id="maybe", title="0", applicant_types=())
    no = fitting(id="no", title="00", regions=(HANNOVER,))

    table = FactsTable([no, maybe, rolling, later, sooner, one, both])
    ranking = rank(table, seeker)

    assert [table.facts[p].id for p in ranking.order] == [
        "both",
        "one",
        "sooner",
        "later",
        "rolling",
        "maybe",
        "no",
    ]
    assert ranking.counts == {"yes": 5, "maybe": 1, "no": 1}


def test_ranking_gives_the_same_assessments_as_one_by_one():
    programmes = [
        fitting(id=str(n), title=str(n), amount_max=Decimal(n * 1000), regions=((NI,), (HANNOVER,))[n % 2])
        for n in range(6)
    ]
    seeker = profile(amount=Decimal(1500))
    table = FactsTable(programmes)
    ranking = rank(table, seeker)

    def shown(result):
        return (result.facts.id, result.fit, [r.message for r in result.reasons], result.soft_matches)

    assert sorted(shown(ranking.assessment(p)) for p in range(6)) == sorted(
        shown(assess(f, seeker)) for f in programmes
    )
    assert len(table.samples[0]) == 2  # two distinct regions: the region rule ran twice


def test_ranking_of_an_empty_catalogue():
    ranking = rank(FactsTable([]), profile())
    assert (ranking.order, ranking.counts) == ([], {"yes": 0, "maybe": 0, "no": 0})


@pytest.mark.parametrize(
    ("rule", "field", "values"),
    [
        (amount, "amount_min", [None, Decimal(0), Decimal(10**6)]),
        (own_contribution, "own_contribution_min_percent", [None, Decimal(0), Decimal(50)]),
        (target_group, "target_groups", [(), (FLUCHT,), (FRAUEN, FLUCHT)]),
        (integration_area, "integration_areas", [(), (SPORT,)]),
    ],
)
def test_open_question_gives_the_same_unchecked_reason_for_every_programme(rule, field, values):
    # The ranking relies on this: it runs a rule once when its question is open.
    reasons = [rule(facts(**{field: value}), profile()) for value in values]
    assert {(r.fit, r.checked, r.message) for r in reasons} == {
        ("yes", False, f"{reasons[0].label}: nicht geprüft, da ohne Angabe")
    }
