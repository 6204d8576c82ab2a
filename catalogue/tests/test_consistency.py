"""The text-vs-structure reading: each kind of contradiction on bad examples,
and the phrasings it must leave alone (taken from real programme texts)."""

from datetime import date
from decimal import Decimal

import pytest

from catalogue.consistency import (
    Stated,
    amounts_in,
    contradictions,
    period_ends_in,
    stated_in_document,
)


def found(**values):
    return [(c.field, c.message, c.code) for c in contradictions(Stated(**values))]


def test_nothing_stated_nothing_found():
    assert found() == []


# --- Fördersumme ---


def test_cap_in_text_with_empty_maximum():
    assert found(amount_text="Einzelmaßnahmen bis 3.000 €; Projekte bis zu 80 % der Kosten") == [
        ("amount.max_eur", "Text nennt 3.000 €, Höchstbetrag leer.", "text_amount_max_missing")
    ]


def test_abbreviated_cap_in_text_with_empty_maximum():
    assert found(amount_text="max. 5.000 € je Projekt, insgesamt ca. 1,5 Mio. €") == [
        ("amount.max_eur", "Text nennt 5.000 €, Höchstbetrag leer.", "text_amount_max_missing")
    ]


def test_call_budget_as_maximum():
    assert found(
        amount_text="50.000 € pro Jahr (2023 und 2024) für den gesamten Aufruf", amount_max_eur=Decimal(50000)
    ) == [
        (
            "amount.max_eur",
            "Höchstbetrag 50.000 € ist laut Text ein Gesamtbetrag, nicht der Betrag einer Förderung.",
            "text_amount_is_budget",
        )
    ]


def test_maximum_and_minimum_the_text_does_not_name():
    assert found(amount_text="bis zu 7.000 € je Projekt", amount_min_eur=500, amount_max_eur=7500) == [
        ("amount.min_eur", "Mindestbetrag 500 € steht nicht im Text.", "text_amount_not_named"),
        ("amount.max_eur", "Höchstbetrag 7.500 € steht nicht im Text.", "text_amount_not_named"),
    ]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("bis zu 2.500 € je Kleinprojekt (Gesamtkosten höchstens 5.000 €)", None, 2500),
        ("höchstens 7.500 € je Kurs; insgesamt 390.000 €", None, 7500),
        ("2.500 € bis 30.000 € je Projekt", 2500, 30000),
        (
            "bis zu 75 %, höchstens 60.000 € pro Jahr und Projekt (120.000 € bei mehreren Gebieten)",
            None,
            60000,
        ),
        ("Vier Preise zu je 6.000 € (zusammen 24.000 €)", None, 6000),
        ("über 50.000 €, höchstens 50 % der Kosten", 50000, None),
        ("Förderbedarf ab 10.000 €", 10000, None),
        ("einmalige Sachausgaben bis 10.000 € je Maßnahme; Personalkosten bis zu 90 %", None, None),
        ("Honorar für bis zu 50 Stunden à 25 € und bis zu 600 € Sachkosten je Maßnahme", None, None),
        ("Programmvolumen bis zu 50 Mio. € pro Jahr", None, None),
        ("durchschnittlich etwa 4.000 €", None, None),
        ("für kleine Vereine im ländlichen Raum auch unter 10.000 €", None, None),
        ("noch nicht bekannt (2024: Preise zu je 6.000 €)", None, None),
        ("bis 3 000 Euro je Projekt", None, 3000),
        ("höchstens 1.500 EUR", None, 1500),
        ("", None, 1000),
    ],
)
def test_amounts_that_agree_with_their_text(text, low, high):
    assert found(amount_text=text, amount_min_eur=low, amount_max_eur=high) == []


def test_amounts_are_read_in_german_notation():
    values = [(a.value, a.budget, a.cap) for a in amounts_in("bis 1.250,50 €; insgesamt 9,25 Mio. €")]

    assert values == [(Decimal("1250.50"), False, True), (Decimal("9250000.00"), True, False)]


# --- Eigenanteil ---


def test_percentage_in_text_with_empty_minimum():
    assert found(own_contribution_text="10 % der Gesamtkosten") == [
        (
            "own_contribution.min_percent",
            "Text nennt 10 %, Mindest-Eigenanteil leer.",
            "text_own_contribution_missing",
        )
    ]


def test_minimum_the_text_does_not_name():
    assert found(own_contribution_text="kein Eigenanteil", own_contribution_min_percent=Decimal(20)) == [
        (
            "own_contribution.min_percent",
            "Mindest-Eigenanteil 20 % steht nicht im Text.",
            "text_own_contribution_not_named",
        )
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mindestens 20 % der Gesamtausgaben", 20),
        ("Kein Eigenanteil – es handelt sich um ein Preisgeld.", 0),
        ("kein Eigenanteil", 0),
        ("Etwa derselbe Betrag wie der Zuschuss; Eigenmittel und Spenden zählen.", 50),
        ("Nur bei Projekten: 20 % Eigenanteil. Einzelmaßnahmen ohne Eigenanteil.", None),
        ("bei Personalkosten mindestens 10 %", None),
        ("ab dem vierten Jahr 50 % der Kosten", None),
        ("keine Angabe in der Quelle", None),
        ("Angemessene Eigenmittel werden erwartet.", None),
    ],
)
def test_own_contributions_that_agree_with_their_text(text, value):
    assert found(own_contribution_text=text, own_contribution_min_percent=value) == []


# --- Antragsberechtigte ---


def test_applicant_type_the_text_does_not_name():
    assert found(eligible_text="Gemeinnützige Organisationen.", applicant_types=("verein", "initiative")) == [
        (
            "eligible.applicant_types",
            "Text nennt keine „Initiativen ohne Rechtsform“, Antragsberechtigte enthalten sie.",
            "text_applicant_type_not_named",
        )
    ]


def test_applicant_type_the_text_excludes():
    assert found(
        eligible_text="Kultureinrichtungen. Nicht antragsberechtigt: Einzelpersonen und Schulen.",
        applicant_types=("kulturträger", "einzelperson"),
    ) == [
        (
            "eligible.applicant_types",
            "Text nennt keine „Einzelpersonen“, Antragsberechtigte enthalten sie.",
            "text_applicant_type_not_named",
        )
    ]


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("Gemeinnützige Träger mit Sitz in Niedersachsen.", ("verein", "migrantenorganisation")),
        (
            "Juristische Personen des öffentlichen Rechts und gemeinnützige juristische Personen "
            "des privaten Rechts.",
            ("kommune", "wohlfahrtsverband", "verein", "migrantenorganisation"),
        ),
        ("Vereine, Kommunen, Schulen und auch Privatpersonen.", ("verein", "kommune", "einzelperson")),
        ("Ehrenamtliche Initiativen in der Flüchtlingshilfe.", ("initiative",)),
        (
            "Juristische Personen des privaten Rechts (außer Gebietskörperschaften) "
            "sowie Kultureinrichtungen.",
            ("kulturträger", "verein", "stiftung"),
        ),
        ("Einzelne Ehrenamtliche (Privatpersonen).", ("einzelperson",)),
        ("", ("verein", "initiative")),
    ],
)
def test_applicant_types_that_agree_with_their_text(text, types):
    assert found(eligible_text=text, applicant_types=types) == []


# --- Laufzeit ---


def test_period_end_in_text_with_empty_end():
    assert found(description="Die aktuelle Richtlinie gilt laut Quelle seit 2022 bis Ende 2026.") == [
        (
            "period.end",
            "Text nennt eine Laufzeit bis Ende 2026, Laufzeitende leer.",
            "text_period_end_missing",
        )
    ]


def test_period_end_other_than_the_text():
    assert found(description="Die Projekte laufen bis zum 30.06.2026.", period_end=date(2026, 12, 31)) == [
        (
            "period.end",
            "Text nennt eine Laufzeit bis zum 30.06.2026, Laufzeitende 31.12.2026.",
            "text_period_end_differs",
        )
    ]


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Die Förderperiode lief von 2022 bis Ende 2024.", date(2024, 12, 31)),
        ("Die Projekte laufen vom 1. Dezember 2025 bis Ende 2026.", date(2026, 12, 31)),
        ("Die Projekte mussten bis Ende Juni 2023 abgeschlossen sein und liefen gut.", date(2023, 6, 30)),
        ("Die dritte Programmphase läuft von 2023 bis 2027.", date(2027, 12, 31)),
        ("Eine Runde lief bis zum Herbst 2022.", date(2022, 10, 31)),
        ("Die Ausschreibung lief vom 15. Juli bis 30. September 2025.", None),
        ("Das Programm wurde von 2014 bis 2022 von einer Stiftung getragen.", None),
        ("In früheren Runden: bis 50 % und 3.000 €.", None),
    ],
)
def test_periods_that_agree_with_their_text(text, end):
    assert found(description=text, period_end=end) == []


def test_period_ends_read_day_month_and_year():
    ends = period_ends_in("Die Laufzeit geht bis 30. Juni 2026; die Richtlinie gilt bis zum 31.12.2027.")

    assert [(e.text, e.day) for e in ends] == [
        ("30. Juni 2026", date(2026, 6, 30)),
        ("zum 31.12.2027", date(2027, 12, 31)),
    ]


# --- reading an interchange entry ---


def test_stated_in_document_reads_the_interchange_paths():
    stated = stated_in_document(
        {
            "id": "p",
            "title": "P",
            "amount": {"text": "bis 3.000 €", "min_eur": None, "max_eur": 3000},
            "own_contribution": {"min_percent": 10.5},
            "eligible": {"applicant_types": ["verein"]},
            "period": {"end": "2026-12-31"},
        }
    )

    assert stated == Stated(
        amount_text="bis 3.000 €",
        amount_max_eur=Decimal(3000),
        own_contribution_min_percent=Decimal("10.5"),
        applicant_types=("verein",),
        period_end=date(2026, 12, 31),
    )


def test_stated_in_document_takes_wrong_types_as_empty():
    stated = stated_in_document(
        {
            "amount": {"text": 7, "max_eur": "viel", "min_eur": True},
            "own_contribution": "zehn",
            "eligible": {"applicant_types": "verein"},
            "period": {"end": "2026-02-30"},
        }
    )

    assert stated == Stated()
