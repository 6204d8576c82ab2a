"""Importing foerderatlas/1 documents: every error named, all or nothing,
upsert by id, warnings that never block."""

from datetime import date
from decimal import Decimal

import pytest

from catalogue.interchange.importer import import_document, import_documents
from catalogue.models import Institution, Programme, Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def institution(entry_id="stiftung-a", **fields):
    return {"id": entry_id, "name": "Stiftung A", **fields}


def programme(entry_id="programm-a", **fields):
    """A programme that raises no warnings unless a test adds or removes fields."""
    entry = {
        "id": entry_id,
        "title": "Programm A",
        "amount": {"max_eur": 5000},
        "deadlines": {"kind": "rolling"},
        "eligible": {"applicant_types": ["verein"]},
    }
    return {**entry, **fields}


def document(institutions=(), programmes=()):
    return {"format": "foerderatlas/1", "institutions": list(institutions), "programmes": list(programmes)}


def errors_of(report):
    return [(e["kind"], e["entry"], e["field"], e["code"]) for e in report.errors]


def warnings_of(report):
    return [(w["entry"], w["field"], w["code"]) for w in report.warnings]


def test_import_creates_published_entries_with_all_relations():
    doc = document(
        [institution(kind="stiftung", regions=["ni"])],
        [
            programme(
                institutions=[{"id": "stiftung-a", "role": "mittelgeber"}],
                deadlines={"kind": "dates", "dates": ["2027-01-31"], "yearly": ["09-30"]},
                integration_areas=["kultur", "schule-bildung"],
                links=[{"title": "Richtlinie", "url": "https://example.org/r"}],
            )
        ],
    )

    report = import_document(doc)

    assert report.errors == []
    assert (report.created, report.updated, report.unchanged) == (["stiftung-a", "programm-a"], [], [])
    stored = Programme.objects.get(slug="programm-a")
    assert stored.state == Workflow.PUBLISHED
    assert stored.deadline_kind == "dates"
    assert sorted(str(d) for d in stored.deadlines.all()) == ["09-30", "2027-01-31"]
    assert [(link.institution.slug, link.role) for link in stored.institution_links.all()] == [
        ("stiftung-a", "mittelgeber")
    ]
    assert sorted(stored.integration_areas.values_list("code", flat=True)) == ["kultur", "schule-bildung"]
    assert stored.amount_max_eur == Decimal("5000")
    assert stored.links == [{"title": "Richtlinie", "url": "https://example.org/r"}]
    assert Institution.objects.get(slug="stiftung-a").kind_id == "stiftung"


def test_import_three_broken_entries_writes_nothing_and_names_each_field():
    doc = document(
        [institution("gute-stiftung"), institution("kaputte-stiftung", website="ftp://example.org")],
        [
            programme("gutes-programm"),
            programme("falsche-frist", deadlines={"kind": "dates", "dates": ["2025-02-30"]}),
            programme("falscher-code", integration_areas=["kultur", "raumfahrt"]),
        ],
    )

    report = import_document(doc)

    assert errors_of(report) == [
        ("institution", "kaputte-stiftung", "website", "pattern"),
        ("programme", "falsche-frist", "deadlines.dates[0]", "format"),
        ("programme", "falscher-code", "integration_areas[1]", "unknown_code"),
    ]
    assert report.errors[1]["message"] == "Kein gültiges Datum: „2025-02-30“."
    assert report.errors[2]["message"] == "Unbekannter Code „raumfahrt“."
    assert (report.created, report.updated) == ([], [])
    assert Institution.objects.count() == 0
    assert Programme.objects.count() == 0


def test_import_reports_every_error_of_one_entry():
    broken = {"id": "Kaputt Nr 1", "amount": {"max_eur": -5}, "colour": "rot", "contact": {"email": "x"}}

    report = import_document(document(programmes=[broken]))

    assert errors_of(report) == [
        ("programme", "Kaputt Nr 1", "id", "pattern"),
        ("programme", "Kaputt Nr 1", "title", "required"),
        ("programme", "Kaputt Nr 1", "amount.max_eur", "minimum"),
        ("programme", "Kaputt Nr 1", "contact.email", "format"),
        ("programme", "Kaputt Nr 1", "colour", "unknown_field"),
    ]
    assert [e["message"] for e in report.errors] == [
        "Ungültige Kennung „Kaputt Nr 1“: "
        "erlaubt sind Kleinbuchstaben a–z, Ziffern und einzelne Bindestriche.",
        "Pflichtfeld fehlt.",
        "Muss mindestens 0 sein.",
        "Keine gültige E-Mail-Adresse: „x“.",
        "Unbekanntes Feld.",
    ]


def test_import_entry_without_id_is_named_by_index():
    report = import_document(document([institution(), {"name": "Ohne Kennung"}]))

    assert errors_of(report) == [("institution", "#1", "id", "required")]


def test_import_unknown_vocabulary_code_names_entry_and_field():
    report = import_document(
        document([institution(kind="raumstation", target_groups=["aeltere", "marsianer"])])
    )

    assert errors_of(report) == [
        ("institution", "stiftung-a", "kind", "unknown_code"),
        ("institution", "stiftung-a", "target_groups[1]", "unknown_code"),
    ]
    assert report.errors[0]["message"] == (
        "Unbekannter Code „raumstation“. Erlaubt: stiftung, behoerde, foerderbank, verband-netzwerk, "
        "kommune, lotterie, eu, unternehmen, sonstige."
    )


def test_import_link_to_unknown_institution_is_an_error():
    doc = document(programmes=[programme(institutions=[{"id": "gibt-es-nicht", "role": "mittelgeber"}])])

    report = import_document(doc)

    assert errors_of(report) == [("programme", "programm-a", "institutions[0].id", "unknown_institution")]
    assert (
        report.errors[0]["message"]
        == "Keine Institution mit der Kennung „gibt-es-nicht“ im Import oder im Atlas."
    )
    assert Programme.objects.count() == 0


def test_import_link_to_institution_already_in_atlas():
    InstitutionFactory(slug="schon-da")
    doc = document(programmes=[programme(institutions=[{"id": "schon-da", "role": "ansprechstelle"}])])

    report = import_document(doc)

    assert report.errors == []
    stored = Programme.objects.get(slug="programm-a")
    assert [link.institution.slug for link in stored.institution_links.all()] == ["schon-da"]


def test_import_same_institution_twice_in_one_role_is_an_error():
    link = {"id": "stiftung-a", "role": "mittelgeber"}
    doc = document(
        [institution()], [programme(institutions=[link, {**link, "role": "ansprechstelle"}, link])]
    )

    report = import_document(doc)

    assert errors_of(report) == [("programme", "programm-a", "institutions[2]", "duplicate_link")]


def test_import_duplicate_ids_are_errors():
    doc = document([institution(), institution()], [programme(), programme("programm-b"), programme()])

    report = import_document(doc)

    assert errors_of(report) == [
        ("institution", "stiftung-a", "id", "duplicate_id"),
        ("programme", "programm-a", "id", "duplicate_id"),
    ]
    assert (
        report.errors[1]["message"]
        == "Die Kennung „programm-a“ kommt mehrfach vor (zuerst bei programmes[0])."
    )


def test_import_same_id_for_institution_and_programme_is_allowed():
    report = import_document(document([institution("gleich")], [programme("gleich")]))

    assert report.errors == []
    assert report.created == ["gleich", "gleich"]


def test_import_updates_existing_entry_and_keeps_its_state():
    old = ProgrammeFactory(
        slug="programm-a", title="Alter Titel", state=Workflow.DRAFT, deadline_yearly=["01-15"]
    )
    doc = document(
        programmes=[programme(title="Neuer Titel", deadlines={"kind": "dates", "yearly": ["03-01"]})]
    )

    report = import_document(doc)

    assert (report.created, report.updated) == ([], ["programm-a"])
    stored = Programme.objects.get(pk=old.pk)
    assert (stored.title, stored.state) == ("Neuer Titel", Workflow.DRAFT)
    assert [d.yearly for d in stored.deadlines.all()] == ["03-01"]


def test_import_update_clears_fields_missing_from_document():
    ProgrammeFactory(slug="programm-a", amount_text="bis 5.000 €", contact_email="a@example.org")

    import_document(document(programmes=[programme()]))

    stored = Programme.objects.get(slug="programm-a")
    assert (stored.amount_text, stored.contact_email) == ("", "")


def test_import_replaces_institution_links_in_document_order():
    doc = document(
        [institution("a-stiftung"), institution("b-amt")],
        [
            programme(
                institutions=[
                    {"id": "b-amt", "role": "bewilligungsstelle"},
                    {"id": "a-stiftung", "role": "mittelgeber"},
                ]
            )
        ],
    )
    import_document(doc)
    doc["programmes"][0]["institutions"] = [{"id": "a-stiftung", "role": "ansprechstelle"}]

    report = import_document(doc)

    assert report.updated == ["programm-a"]
    links = Programme.objects.get(slug="programm-a").institution_links.all()
    assert [(link.institution.slug, link.role, link.position) for link in links] == [
        ("a-stiftung", "ansprechstelle", 0)
    ]


def test_import_twice_reports_unchanged_and_writes_no_history():
    doc = document([institution()], [programme(institutions=[{"id": "stiftung-a", "role": "mittelgeber"}])])
    import_document(doc)
    history = Programme.history.count()

    report = import_document(doc)

    assert (report.created, report.updated, report.unchanged) == ([], [], ["stiftung-a", "programm-a"])
    assert Programme.history.count() == history


def test_import_dry_run_reports_but_writes_nothing():
    report = import_document(document([institution()], [programme()]), dry_run=True)

    assert report.dry_run is True
    assert report.created == ["stiftung-a", "programm-a"]
    assert Institution.objects.count() == 0
    assert Programme.objects.count() == 0


def test_import_several_documents_link_across_and_fail_together():
    first = document([institution()])
    second = document(programmes=[programme(institutions=[{"id": "stiftung-a", "role": "mittelgeber"}])])
    broken = document(programmes=[programme("programm-b", title="")])

    failed = import_documents([("a.json", first), ("b.json", second), ("c.json", broken)])
    passed = import_documents([("a.json", first), ("b.json", second)])

    assert [(e["source"], e["entry"], e["field"]) for e in failed.errors] == [
        ("c.json", "programm-b", "title")
    ]
    assert passed.errors == []
    assert passed.created == ["stiftung-a", "programm-a"]


def test_import_duplicate_id_across_documents_names_first_file():
    report = import_documents([("a.json", document([institution()])), ("b.json", document([institution()]))])

    assert [e["message"] for e in report.errors] == [
        "Die Kennung „stiftung-a“ kommt mehrfach vor (zuerst bei institutions[0] in a.json)."
    ]


def test_import_wrong_format_and_document_shape():
    report = import_document({"format": "foerderatlas/2", "programmes": {}, "extra": 1})

    assert errors_of(report) == [
        ("document", "", "extra", "unknown_field"),
        ("document", "", "format", "const"),
        ("document", "", "programmes", "type"),
    ]
    assert report.errors[2]["message"] == "Falscher Typ {}: erwartet Liste."


def test_import_document_that_is_not_an_object():
    report = import_document(["format"])

    assert errors_of(report) == [("document", "", "", "type")]


def test_import_invalid_yearly_date_is_an_error():
    report = import_document(
        document(programmes=[programme(deadlines={"kind": "dates", "yearly": ["02-29", "13-01", "٠٣-٠١"]})])
    )

    assert errors_of(report) == [
        ("programme", "programm-a", "deadlines.yearly[1]", "invalid_yearly"),
        ("programme", "programm-a", "deadlines.yearly[2]", "invalid_yearly"),
    ]


def test_import_invalid_yearly_date_reported_beside_schema_errors():
    deadlines = {"kind": "dates", "dates": ["2026-02-30"], "yearly": ["04-31"]}

    report = import_document(document(programmes=[programme(deadlines=deadlines)]))

    assert errors_of(report) == [
        ("programme", "programm-a", "deadlines.dates[0]", "format"),
        ("programme", "programm-a", "deadlines.yearly[0]", "invalid_yearly"),
    ]


def test_import_database_limits_are_errors_with_json_path():
    long_phone = "0" * 101
    doc = document(programmes=[programme(amount={"max_eur": 12.345}, contact={"phone": long_phone})])

    report = import_document(doc)

    assert errors_of(report) == [
        ("programme", "programm-a", "amount.max_eur", "invalid"),
        ("programme", "programm-a", "contact.phone", "invalid"),
    ]


def test_import_converts_raw_html_in_markdown_with_warning():
    doc = document(
        [institution(description="Wir <b>fördern</b> Vielfalt.\n\n<script>\nalert(1)\n</script>\n")]
    )

    report = import_document(doc)

    assert Institution.objects.get().description == "Wir **fördern** Vielfalt.\n"
    assert warnings_of(report) == [("stiftung-a", "description", "html_converted")]


def test_import_warnings_do_not_block():
    doc = document(
        programmes=[
            {
                "id": "luecken",
                "title": "Lücken",
                "amount": {"min_eur": 9000, "max_eur": 1000},
                "deadlines": {
                    "kind": "dates",
                    "dates": ["2026-03-01", "2026-12-01"],
                    "window_start": "2027-01-01",
                },
                "period": {"start": "2026-06-01", "end": "2026-01-31"},
            },
            {"id": "nichts", "title": "Nichts", "deadlines": {"kind": "none", "yearly": ["05-01"]}},
            {
                "id": "leer",
                "title": "Leer",
                "deadlines": {"kind": "dates"},
                "amount": {"text": "bis 500 €", "max_eur": 500},
            },
        ]
    )

    report = import_document(doc)

    assert report.errors == []
    assert report.created == ["luecken", "nichts", "leer"]
    assert warnings_of(report) == [
        ("luecken", "amount.min_eur", "amount_min_above_max"),
        ("luecken", "deadlines.dates[0]", "deadline_after_period_end"),
        ("luecken", "deadlines.dates[1]", "deadline_after_period_end"),
        ("luecken", "deadlines.window_start", "window_after_last_deadline"),
        ("luecken", "period.end", "period_end_before_start"),
        ("luecken", "eligible", "eligible_missing"),
        ("nichts", "amount", "amount_missing"),
        ("nichts", "deadlines.kind", "deadline_missing"),
        ("nichts", "deadlines.kind", "dates_ignored"),
        ("nichts", "eligible", "eligible_missing"),
        ("leer", "deadlines", "dates_missing"),
        ("leer", "eligible", "eligible_missing"),
    ]
    assert report.warnings[1]["message"] == "Die Frist liegt nach dem Ende der Laufzeit (2026-01-31)."


def test_import_warns_where_structured_values_contradict_the_texts():
    doc = document(
        programmes=[
            programme(
                "widerspruch",
                description="Die Richtlinie gilt bis Ende 2026.",
                amount={"text": "Einzelmaßnahmen bis 3.000 €"},
                own_contribution={"text": "10 % der Gesamtkosten", "min_percent": 20},
                eligible={"text": "Gemeinnützige Träger.", "applicant_types": ["verein", "initiative"]},
            )
        ]
    )

    report = import_document(doc)

    assert report.errors == []
    assert report.created == ["widerspruch"]
    assert [(w["field"], w["message"], w["code"]) for w in report.warnings] == [
        ("amount.max_eur", "Text nennt 3.000 €, Höchstbetrag leer.", "text_amount_max_missing"),
        (
            "own_contribution.min_percent",
            "Mindest-Eigenanteil 20 % steht nicht im Text.",
            "text_own_contribution_not_named",
        ),
        (
            "period.end",
            "Text nennt eine Laufzeit bis Ende 2026, Laufzeitende leer.",
            "text_period_end_missing",
        ),
        (
            "eligible.applicant_types",
            "Text nennt keine „Initiativen ohne Rechtsform“, Antragsberechtigte enthalten sie.",
            "text_applicant_type_not_named",
        ),
    ]


def test_import_programme_without_deadlines_means_no_information():
    import_document(document(programmes=[{"id": "ohne", "title": "Ohne Frist"}]))

    stored = Programme.objects.get(slug="ohne")
    assert (stored.deadline_kind, stored.window_start, stored.period_end) == ("none", None, None)


def test_import_numbers_and_dates_are_typed():
    doc = document(
        programmes=[
            programme(
                amount={"min_eur": 0, "max_eur": 2500.5, "max_rate_percent": 90},
                own_contribution={"min_percent": 10, "in_kind_allowed": False},
                period={"start": "2026-01-01", "end": None},
                last_checked="2026-11-02",
            )
        ]
    )

    import_document(doc)

    stored = Programme.objects.get()
    assert (stored.amount_min_eur, stored.amount_max_eur, stored.amount_max_rate_percent) == (
        Decimal("0"),
        Decimal("2500.50"),
        Decimal("90"),
    )
    assert (stored.own_contribution_min_percent, stored.own_contribution_in_kind_allowed) == (
        Decimal("10"),
        False,
    )
    assert (stored.period_start, stored.period_end, stored.last_checked) == (
        date(2026, 1, 1),
        None,
        date(2026, 11, 2),
    )


def test_import_non_finite_numbers_are_errors():
    doc = document(programmes=[programme(amount={"min_eur": float("nan"), "max_eur": float("inf")})])

    report = import_document(doc)

    assert errors_of(report) == [
        ("programme", "programm-a", "amount.min_eur", "invalid"),
        ("programme", "programm-a", "amount.max_eur", "invalid"),
    ]
    assert Programme.objects.count() == 0


def test_import_writes_inside_registered_bulk_hooks(monkeypatch):
    from contextlib import contextmanager

    from catalogue import services

    seen = []

    @contextmanager
    def hook():
        seen.append(("enter", Programme.objects.count()))
        yield
        seen.append(("exit", Programme.objects.count()))

    monkeypatch.setattr(services, "_bulk_hooks", [hook])

    import_document(document(programmes=[programme()]))

    assert seen == [("enter", 0), ("exit", 1)]
