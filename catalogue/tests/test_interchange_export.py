"""Exporting foerderatlas/1: deterministic, and export → import → export is
byte-identical."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from catalogue.interchange.exporter import dumps, export_document, number, stream_document
from catalogue.interchange.importer import import_document
from catalogue.models import Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.tests.factories import (
    DeadlineFactory,
    InstitutionFactory,
    ProgrammeFactory,
    ProgrammeInstitutionFactory,
)

pytestmark = pytest.mark.django_db

DEMO = Path(settings.BASE_DIR) / "demo" / "catalogue.json"
SEED_MISO = Path(settings.BASE_DIR) / "catalogue" / "interchange" / "seed-miso.json"
MISO = "miso-netzwerk-hannover-e-v"


def rich_document():
    """Every field of the format, in an order the exporter must normalise."""
    return {
        "format": "foerderatlas/1",
        "institutions": [
            {
                "id": "zukunftsstiftung",
                "name": "Zukunftsstiftung Weser-Ems",
                "kind": "stiftung",
                "website": "https://zukunft.example.org/",
                "description": "## Wer wir sind\n\nEine <em>kleine</em> Stiftung.\n",
                "funding_kinds": ["sachleistungen", "projekte"],
                "goals": "- Teilhabe\n- Sport\n",
                "regions": ["03459", "ni"],
                "integration_areas": ["sport-bewegung", "arbeitsmarkt-qualifizierung"],
                "target_groups": ["gesamtgesellschaft", "kinder-jugendliche"],
                "contact": {
                    "name": "Ayşe Demir",
                    "email": "info@zukunft.example.org",
                    "phone": "0441 123456",
                    "address": "Am Markt 1, 26122 Oldenburg",
                },
                "last_checked": "2026-10-01",
                "sources": ["https://zukunft.example.org/foerderung", "https://archiv.example.org/z"],
            },
            {"id": "amt-fuer-teilhabe", "name": "Amt für Teilhabe", "kind": "behoerde"},
        ],
        "programmes": [
            {
                "id": "zusammen-im-quartier",
                "title": "Zusammen im Quartier",
                "institutions": [
                    {"id": "zukunftsstiftung", "role": "mittelgeber"},
                    {"id": "amt-fuer-teilhabe", "role": "bewilligungsstelle"},
                    {"id": "zukunftsstiftung", "role": "ansprechstelle"},
                ],
                "amount": {
                    "text": "bis 12.500,50 €",
                    "min_eur": 500,
                    "max_eur": 12500.5,
                    "max_rate_percent": 80.25,
                },
                "own_contribution": {"text": "10 %", "min_percent": 10, "in_kind_allowed": False},
                "deadlines": {
                    "kind": "dates",
                    "dates": ["2027-03-31", "2026-12-15"],
                    "yearly": ["09-30", "02-29"],
                    "window_start": "2026-12-01",
                    "note": "Interessenbekundung, danach Antrag",
                },
                "period": {"start": "2026-01-01", "end": None},
                "eligible": {"text": "Vereine und Initiativen", "applicant_types": ["initiative", "verein"]},
                "links": [
                    {"title": "Merkblatt", "url": "https://zukunft.example.org/merkblatt.pdf"},
                    {"url": "https://zukunft.example.org/antrag"},
                    {"title": "", "url": "https://zukunft.example.org/faq"},
                ],
                "description": "Nachbarschaft **stärken**.",
                "funding_kinds": ["projekte"],
                "goals": "Begegnung",
                "regions": ["03459"],
                "integration_areas": ["leben-im-quartier", "miteinander-vielfalt"],
                "target_groups": ["quartier"],
                "contact": {"email": "quartier@zukunft.example.org"},
                "last_checked": "2026-11-01",
                "sources": ["https://zukunft.example.org/quartier"],
            },
            {"id": "alles-offen", "title": "Alles offen", "deadlines": {"kind": "rolling"}},
        ],
    }


def export_all():
    return dumps(export_document(Institution.objects.all(), Programme.objects.all()))


def reimport_into_empty_atlas(text):
    Programme.objects.all().delete()
    Institution.objects.all().delete()
    report = import_document(json.loads(text))
    assert report.errors == []
    return report


def test_export_normalises_rich_document():
    import_document(rich_document())

    document = export_document(Institution.objects.all(), Programme.objects.all())

    assert [i["id"] for i in document["institutions"]] == ["amt-fuer-teilhabe", "zukunftsstiftung"]
    assert [p["id"] for p in document["programmes"]] == ["alles-offen", "zusammen-im-quartier"]
    assert document["institutions"][0] == {
        "id": "amt-fuer-teilhabe",
        "name": "Amt für Teilhabe",
        "kind": "behoerde",
    }
    foundation = document["institutions"][1]
    assert foundation["description"] == "## Wer wir sind\n\nEine *kleine* Stiftung.\n"
    assert foundation["funding_kinds"] == ["projekte", "sachleistungen"]
    assert foundation["regions"] == ["ni", "03459"]
    assert foundation["target_groups"] == ["kinder-jugendliche", "gesamtgesellschaft"]
    assert document["programmes"][0] == {
        "id": "alles-offen",
        "title": "Alles offen",
        "deadlines": {"kind": "rolling"},
    }
    programme = document["programmes"][1]
    assert list(programme) == [
        "id",
        "title",
        "institutions",
        "amount",
        "own_contribution",
        "deadlines",
        "period",
        "eligible",
        "links",
        "description",
        "funding_kinds",
        "goals",
        "regions",
        "integration_areas",
        "target_groups",
        "contact",
        "last_checked",
        "sources",
    ]
    assert programme["institutions"] == rich_document()["programmes"][0]["institutions"]
    assert programme["amount"] == {
        "text": "bis 12.500,50 €",
        "min_eur": 500,
        "max_eur": 12500.5,
        "max_rate_percent": 80.25,
    }
    assert programme["own_contribution"] == {"text": "10 %", "min_percent": 10, "in_kind_allowed": False}
    assert programme["deadlines"] == {
        "kind": "dates",
        "dates": ["2026-12-15", "2027-03-31"],
        "yearly": ["02-29", "09-30"],
        "window_start": "2026-12-01",
        "note": "Interessenbekundung, danach Antrag",
    }
    assert programme["period"] == {"start": "2026-01-01"}
    assert programme["eligible"]["applicant_types"] == ["verein", "initiative"]
    assert programme["links"][1:] == [
        {"url": "https://zukunft.example.org/antrag"},
        {"url": "https://zukunft.example.org/faq"},
    ]
    assert programme["integration_areas"] == ["miteinander-vielfalt", "leben-im-quartier"]


def test_export_import_export_is_byte_identical_for_rich_document():
    import_document(rich_document())
    first = export_all()

    reimport_into_empty_atlas(first)

    assert export_all() == first


def test_export_import_export_is_byte_identical_for_demo_data():
    report = import_document(json.loads(DEMO.read_text(encoding="utf-8")))
    assert report.errors == []
    first = export_all()

    second_report = reimport_into_empty_atlas(first)

    assert export_all() == first
    assert len(second_report.created) == len(report.created)


def test_demo_data_imports_without_errors():
    report = import_document(json.loads(DEMO.read_text(encoding="utf-8")))

    assert report.errors == []
    assert Institution.objects.count() >= 12
    assert Programme.objects.count() >= 40


def test_demo_miso_exports_exactly_as_seed():
    seed = json.loads(SEED_MISO.read_text(encoding="utf-8"))
    import_document(json.loads(DEMO.read_text(encoding="utf-8")))

    document = export_document(Institution.objects.filter(slug=MISO), Programme.objects.none())

    assert document == seed
    assert dumps(document) == SEED_MISO.read_text(encoding="utf-8") + "\n"


def test_export_keeps_programmes_key_when_empty():
    assert export_document(Institution.objects.none(), Programme.objects.none()) == {
        "format": "foerderatlas/1",
        "institutions": [],
        "programmes": [],
    }


def test_export_accepts_lists_of_instances():
    first, second = InstitutionFactory(slug="b"), InstitutionFactory(slug="a", name="A")

    document = export_document([first, second], [])

    assert [i["id"] for i in document["institutions"]] == ["a", "b"]


@pytest.mark.parametrize("entries", [1, 3])
def test_export_query_count_does_not_grow_with_entries(django_assert_num_queries, entries):
    for n in range(entries):
        link = ProgrammeInstitutionFactory(programme__slug=f"p-{n}", institution__slug=f"i-{n}")
        DeadlineFactory(programme=link.programme)

    with django_assert_num_queries(14):
        export_document(Institution.objects.all(), Programme.objects.all())


def test_export_includes_every_state():
    ProgrammeFactory(slug="entwurf", state=Workflow.DRAFT)

    document = export_document(Institution.objects.none(), Programme.objects.all())

    assert [p["id"] for p in document["programmes"]] == ["entwurf"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("35000.00", 35000), ("12.50", 12.5), ("0.00", 0), ("80.25", 80.25)],
)
def test_number_is_int_when_integral(value, expected):
    from decimal import Decimal

    result = number(Decimal(value))

    assert result == expected
    assert type(result) is type(expected)


def test_streamed_document_is_the_same_text_as_dumps():
    import_document(json.loads(DEMO.read_text(encoding="utf-8")))
    ProgrammeFactory(slug="a-b", state=Workflow.DRAFT)  # byte order: "a-b" < "ab" < "a_b" on every database
    ProgrammeFactory(slug="ab")

    streamed = "".join(stream_document(Institution.objects.all(), Programme.objects.all()))

    assert streamed == dumps(export_document(Institution.objects.all(), Programme.objects.all()))
    assert "".join(stream_document(Institution.objects.none(), Programme.objects.none())) == dumps(
        export_document(Institution.objects.none(), Programme.objects.none())
    )


def test_export_of_ten_thousand_programmes_in_chunks():
    """SQLite refused the prefetch of 10,000 ids at once ("Expression tree
    is too large"); entries now come CHUNK at a time."""
    funder = InstitutionFactory(slug="f")
    Programme.objects.bulk_create(
        Programme(slug=f"p-{n:05d}", title=f"P {n}", description="d", deadline_kind="none")
        for n in range(10_001)
    )
    links = [
        ProgrammeInstitution(programme=p, institution=funder, role="mittelgeber")
        for p in Programme.objects.all()
    ]
    ProgrammeInstitution.objects.bulk_create(links)

    text = "".join(stream_document(Institution.objects.all(), Programme.objects.all()))

    programmes = json.loads(text)["programmes"]
    assert len(programmes) == 10_001
    assert programmes[-1]["id"] == "p-10000"
    assert programmes[0]["institutions"] == [{"id": "f", "role": "mittelgeber"}]
