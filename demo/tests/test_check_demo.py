"""demo/check_demo.py: no problem on the demo data, and each check on a bad
example built from it."""

import copy
import json
from datetime import date

import pytest

from demo import check_demo

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def demo():
    return json.loads(check_demo.CATALOGUE.read_text(encoding="utf-8"))


def problems_after(demo, change):
    data = copy.deepcopy(demo)
    change(data)
    return check_demo.check(data, today=TODAY)


def programme(data, entry_id):
    return next(p for p in data["programmes"] if p["id"] == entry_id)


def test_demo_data_has_no_problem(demo):
    assert check_demo.check(demo, today=TODAY) == []
    assert check_demo.layout_problems(check_demo.CATALOGUE.read_text(encoding="utf-8"), demo) == []


def test_script_says_ok_and_exits_with_0(capsys):
    assert check_demo.main(["--today", "2026-11-25"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "OK"


def test_no_quotas_one_programme_with_nothing_upcoming_is_fine(demo):
    def keep_one(data):
        data["programmes"] = [programme(data, "ukr-1-sprachkurse")]
        used = {link["id"] for link in data["programmes"][0]["institutions"]} | {check_demo.MISO_ID}
        data["institutions"] = [i for i in data["institutions"] if i["id"] in used]

    assert problems_after(demo, keep_one) == []


@pytest.mark.parametrize("kind", ["institutions", "programmes"])
def test_entry_without_source(demo, kind):
    def drop_sources(data):
        del data[kind][1]["sources"]

    entry_id = demo[kind][1]["id"]
    assert problems_after(demo, drop_sources) == [f"{kind[:-1]} {entry_id}: no source"]


def test_miso_differs_from_seed(demo):
    def add_source(data):
        next(i for i in data["institutions"] if i["id"] == check_demo.MISO_ID)["sources"] = ["https://x.org/"]

    assert problems_after(demo, add_source) == ["MiSO entry differs from seed-miso.json"]


def test_missing_description_but_silent_sources_are_fine(demo):
    def change(data):
        entry = programme(data, "klosterkammer-ehrenwert")
        del entry["description"], entry["amount"], entry["own_contribution"], entry["eligible"]

    assert problems_after(demo, change) == ["programme klosterkammer-ehrenwert: missing ['description']"]


def test_schema_and_layout_problems(demo):
    def change(data):
        programme(data, "klosterkammer-ehrenwert")["amount"]["max_eur"] = "viel"

    index = [p["id"] for p in demo["programmes"]].index("klosterkammer-ehrenwert")
    assert problems_after(demo, change) == [
        f"schema: programmes/{index}/amount/max_eur: 'viel' is not of type 'number', 'null'"
    ]
    assert check_demo.layout_problems(json.dumps(demo), demo) == [
        "file is not written as json.dumps(ensure_ascii=False, indent=1) + newline"
    ]


@pytest.mark.parametrize(
    ("entry_id", "path", "value", "problem"),
    [
        (
            "lsb-richtlinie-integration-im-und-durch-sport",
            ("amount", "max_eur"),
            None,
            "amount.max_eur: Text nennt 3.000 €, Höchstbetrag leer.",
        ),
        (
            "foerderaufruf-gegen-anti-schwarzen-rassismus",
            ("amount", "max_eur"),
            50000,
            "amount.max_eur: Höchstbetrag 50.000 € ist laut Text ein Gesamtbetrag, nicht der Betrag einer "
            "Förderung.",
        ),
        (
            "kubisch-kulturelle-bildung-und-schule",
            ("own_contribution", "min_percent"),
            40,
            "own_contribution.min_percent: Mindest-Eigenanteil 40 % steht nicht im Text.",
        ),
        (
            "buergerstiftung-hannover-projektfoerderung",
            ("eligible", "applicant_types"),
            ["verein", "initiative"],
            "eligible.applicant_types: Text nennt keine „Initiativen ohne Rechtsform“, Antragsberechtigte "
            "enthalten sie.",
        ),
        (
            "richtlinie-migrationsberatung",
            ("period", "end"),
            None,
            "period.end: Text nennt eine Laufzeit bis Ende 2026, Laufzeitende leer.",
        ),
    ],
)
def test_structured_value_contradicting_the_text(demo, entry_id, path, value, problem):
    def change(data):
        programme(data, entry_id)[path[0]][path[1]] = value

    assert problems_after(demo, change) == [f"programme {entry_id}: {problem}"]
