"""The Merkliste: add and remove without an account, the list behind its
token, compare, exports, and hostile input."""

import io
from datetime import date

import icalendar
import pytest
from django.test import Client
from openpyxl import load_workbook

from catalogue.models import Workflow
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory
from public.tests.helpers import parse, texts
from shortlist import models
from shortlist.models import Shortlist, ShortlistEntry

pytestmark = pytest.mark.django_db


def add(client, **fields):
    return client.post("/merkliste/merken/", fields)


@pytest.fixture
def programmes():
    return [
        ProgrammeFactory(
            slug=f"p{n}", title=f"Programm {n}", deadline_kind="dates", deadline_dates=[date(2026, 12, n + 1)]
        )
        for n in range(7)
    ]


def test_add_from_a_detail_page_creates_a_list_and_remembers_it(programmes):
    client = Client(enforce_csrf_checks=True)
    page = parse(client.get("/foerderungen/p1/"))
    (form,) = [f for f in page.select("form") if f["action"] == "/merkliste/merken/"]
    assert form.select_one("button").get_text() == "Auf die Merkliste"
    response = add(client, programme="p1", next="/foerderungen/p1/")
    assert response.status_code == 302
    token = Shortlist.objects.get().token
    assert response["Location"] == f"/merkliste/{token}/?gemerkt=1&next=%2Ffoerderungen%2Fp1%2F#gemerkt"
    cookie = response.cookies["merkliste"]
    assert cookie.value == token and cookie["samesite"] == "Lax" and cookie["httponly"]

    add(client, programme="p2")
    add(client, programme="p2")  # twice is once
    assert list(ShortlistEntry.objects.values_list("programme__slug", flat=True)) == ["p1", "p2"]
    page = parse(client.get("/foerderungen/p1/"))
    assert "Von der Merkliste nehmen" in page.get_text()
    assert client.get("/foerderungen/p1/")["Vary"].count("Cookie") == 1


def test_add_from_a_result_card_inside_the_search_form(programmes):
    client = Client()
    page = parse(client.get("/suche/?q=Programm"))
    button = page.select_one("ol.results button[formaction]")
    assert button["formmethod"] == "post" and button["name"] == "programme"
    response = client.post(button["formaction"], {"q": "Programm", button["name"]: button["value"]})
    assert response.status_code == 302
    assert "next=%2Fsuche%2F%3Fq%3DProgramm" in response["Location"]


def test_list_page_remove_and_share(programmes):
    client = Client()
    add(client, programme="p1")
    InstitutionFactory(slug="stiftung-x", name="Stiftung X")
    add(client, institution="stiftung-x")
    token = Shortlist.objects.get().token
    other = Client()  # the link alone opens the list: shared
    page = parse(other.get(f"/merkliste/{token}/"))
    assert texts(page, ".entry-list__title") == ["Programm 1", "Stiftung X"]
    assert page.select_one("a[href^='mailto:']")["href"].endswith(f"/merkliste/{token}/")
    other.post(f"/merkliste/{token}/entfernen/", {"programme": "p1"})
    assert list(ShortlistEntry.objects.values_list("institution__slug", flat=True)) == ["stiftung-x"]


def test_compare_shows_at_most_five_side_by_side(programmes):
    client = Client()
    for programme in programmes:
        add(client, programme=programme.slug)
    token = Shortlist.objects.get().token
    page = parse(client.get(f"/merkliste/{token}/vergleich/"))
    assert len(page.select("table.compare thead th")) == 5
    rows = [th.get_text() for th in page.select("table.compare tbody th")]
    assert rows == ["Fördersumme", "Eigenanteil", "Antragsberechtigt", "Bewerbungsfrist", "Fördergebiet"]
    page = parse(client.get(f"/merkliste/{token}/vergleich/?p=p6&p=p2&p=gibt-es-nicht"))
    assert texts(page, "table.compare thead th") == ["Programm 2", "Programm 6"]


def test_exports_of_a_list(programmes):
    client = Client()
    add(client, programme="p1")
    add(client, programme="p3")
    token = Shortlist.objects.get().token
    csv = client.get(f"/merkliste/{token}/merkliste.csv?delimiter=semicolon")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3 and "Programm 1" in lines[1]
    xlsx = client.get(f"/merkliste/{token}/merkliste.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    ics = client.get(f"/merkliste/{token}/merkliste.ics")
    events = list(icalendar.Calendar.from_ical(ics.content).walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [date(2026, 12, 2), date(2026, 12, 4)]
    assert events[0].walk("VALARM")
    assert client.get(f"/merkliste/{token}/merkliste.exe").status_code == 404


def test_hostile_and_unknown_input_is_never_a_500(programmes):
    client = Client()
    assert client.get("/merkliste/erfunden/").status_code == 404
    assert client.post("/merkliste/erfunden/entfernen/", {"programme": "p1"}).status_code == 404
    assert add(client).status_code == 400
    assert add(client, programme="x" * 10_000).status_code == 400
    assert add(client, programme="p1\x00").status_code == 400
    assert client.get("/merkliste/merken/").status_code == 405
    ProgrammeFactory(slug="entwurf", state=Workflow.DRAFT)
    assert add(client, programme="entwurf").status_code == 400
    response = add(client, programme="p1", next="https://evil.example/")
    assert "evil" not in response["Location"]
    response = add(client, programme="p1", next="//evil.example/")
    assert "evil" not in response["Location"]


def test_a_full_list_says_so(programmes, monkeypatch):
    monkeypatch.setattr(models, "MAX_ENTRIES", 2)
    from shortlist import services

    monkeypatch.setattr(services, "MAX_ENTRIES", 2)
    client = Client()
    codes = [add(client, programme=f"p{n}").status_code for n in range(3)]
    assert codes == [302, 302, 400]


def test_current_list_follows_the_cookie(programmes):
    client = Client()
    assert client.get("/merkliste/").status_code == 200
    add(client, programme="p1")
    token = Shortlist.objects.get().token
    assert client.get("/merkliste/")["Location"] == f"/merkliste/{token}/"
