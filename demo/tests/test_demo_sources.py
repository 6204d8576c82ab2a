"""The demo values that once said more than their sources (issue 24), one
test per corrected value: where a source is silent the field stays empty."""

import json
from datetime import date

import pytest

from catalogue.status import Deadlines, Status, next_deadline, status_on
from demo.check_demo import CATALOGUE


@pytest.fixture(scope="module")
def programmes():
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    return {p["id"]: p for p in data["programmes"]}


def test_buergerstiftung_funds_non_profit_organisations_only(programmes):
    eligible = programmes["buergerstiftung-hannover-projektfoerderung"]["eligible"]

    assert eligible == {
        "text": "Gemeinnützige Organisationen.",
        "applicant_types": ["verein", "migrantenorganisation", "bildungseinrichtung"],
    }


def test_demokratie_braucht_engagement_funds_non_profit_bodies_only(programmes):
    eligible = programmes["demokratie-braucht-engagement-kleinprojekte"]["eligible"]

    assert eligible == {
        "text": "Gemeinnützige Träger mit Sitz in Niedersachsen.",
        "applicant_types": ["verein", "migrantenorganisation"],
    }


@pytest.mark.parametrize("entry_id", ["diversitaet-und-diskriminierungskritik-2025", "ukr-1-sprachkurse"])
def test_no_eligibility_where_the_source_names_none(programmes, entry_id):
    assert "eligible" not in programmes[entry_id]


def test_integrationspreis_is_a_yearly_call_without_an_invented_date(programmes):
    prize = programmes["niedersaechsischer-integrationspreis-2027"]
    deadlines = prize["deadlines"]

    assert (deadlines["kind"], deadlines["yearly"]) == ("dates", ["02-27"])
    assert "dates" not in deadlines and "window_start" not in deadlines
    assert "27.02." in deadlines["note"] and "noch nicht veröffentlicht" in deadlines["note"]
    assert "2027" not in prize["title"] + prize["description"]
    recurring = Deadlines(kind="dates", yearly=("02-27",))
    assert status_on(recurring, date(2026, 11, 25)) == Status.OPEN
    assert next_deadline(recurring, date(2027, 3, 1)) == date(2028, 2, 27)


def test_migrationsberatung_directive_runs_to_the_end_of_2026(programmes):
    entry = programmes["richtlinie-migrationsberatung"]

    assert entry["period"] == {"start": "2022-01-01", "end": "2026-12-31"}
    assert "bis Ende 2026" in entry["description"]


def test_anti_schwarzer_rassismus_budget_is_no_maximum_per_project(programmes):
    amount = programmes["foerderaufruf-gegen-anti-schwarzen-rassismus"]["amount"]

    assert amount["max_eur"] is None and amount["min_eur"] is None
    assert "für den gesamten Aufruf" in amount["text"]


def test_lsb_single_measures_up_to_3000_euro(programmes):
    amount = programmes["lsb-richtlinie-integration-im-und-durch-sport"]["amount"]

    assert (amount["max_eur"], amount["max_rate_percent"]) == (3000, 80)
    assert amount["text"].startswith("Einzelmaßnahmen bis 3.000 €")
