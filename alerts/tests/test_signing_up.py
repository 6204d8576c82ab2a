"""Signing up and the token pages: bad input, limits, no enumeration,
the 7-day clean-up, the language of the mails, changing the search."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts import limits
from alerts.models import AlertQuery, Subscription
from catalogue.tests.factories import ProgrammeFactory

from .conftest import links

pytestmark = pytest.mark.django_db


def post(client, address="anna@example.org", path="/benachrichtigungen/", **fields):
    data = {"email": address, "consent": "on", "q": "Sport", **fields}
    return client.post(path, data, REMOTE_ADDR=fields.pop("ip", "10.0.0.1"))


def test_form_shows_the_search_and_carries_it(mailbox):
    response = Client().get("/benachrichtigungen/?q=Sport&region=ni&page=3&sort=title&unknown=1")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<input type="hidden" name="q" value="Sport">' in html
    assert '<input type="hidden" name="region" value="ni">' in html
    assert 'name="page"' not in html and 'name="unknown"' not in html


@pytest.mark.parametrize(
    "fields",
    [
        {"email": ""},
        {"email": "kein-at-zeichen"},
        {"email": "a" * 300 + "@example.org"},
        {"email": "anna@example.org\r\nBcc: x@example.org"},
        {"consent": ""},
    ],
)
def test_bad_input_is_a_clear_error_and_sends_nothing(mailbox, fields):
    response = post(Client(), **fields)
    assert response.status_code == 400
    assert b"error-summary" in response.content
    assert mailbox.messages == []
    assert not Subscription.objects.exists()


def test_hostile_search_parameters_are_cleaned(mailbox):
    response = post(Client(), q="x\x00" * 500, region=["nirgendwo"] * 200)
    assert response.status_code == 302
    (search,) = AlertQuery.objects.all()
    assert "nirgendwo" not in search.query and "\x00" not in search.query and len(search.query) < 1000


def test_no_enumeration_and_no_second_mail_for_a_confirmed_alert(mailbox):
    client = Client()
    first = post(client)
    Subscription.objects.update(confirmed_at=timezone.now())
    mailbox.clear()
    again = post(client)  # the address is known and confirmed
    stranger = post(client, "niemand@example.org")
    assert first.status_code == again.status_code == stranger.status_code == 302
    assert first["Location"] == again["Location"] == stranger["Location"]
    assert [m["To"] for m in mailbox.messages] == ["niemand@example.org"]


def test_confirmation_mails_per_address_are_limited_silently(mailbox):
    client = Client()
    for number in range(limits.PER_ADDRESS + 2):
        assert post(client, ip=f"10.0.1.{number}").status_code == 302
    assert len(mailbox.to("anna@example.org")) == limits.PER_ADDRESS
    assert Subscription.objects.count() == 1  # asking again is the same pending alert


def test_sign_ups_per_client_are_limited(mailbox, monkeypatch):
    monkeypatch.setattr(limits, "PER_CLIENT", 2)
    client = Client()
    codes = [post(client, f"person{n}@example.org").status_code for n in range(3)]
    assert codes == [302, 302, 429]
    assert Client().post("/benachrichtigungen/", {}, REMOTE_ADDR="10.0.0.2").status_code == 400


def test_mails_and_links_are_in_the_language_used(mailbox):
    response = post(Client(), path="/en/benachrichtigungen/")
    assert response["Location"] == "/en/benachrichtigungen/gesendet/"
    (mail,) = mailbox.messages
    assert mail["Subject"].strip().startswith("Please confirm")
    assert any(
        u.startswith("https://atlas.example.org/en/benachrichtigungen/bestaetigen/") for u in links(mail)
    )
    assert Subscription.objects.get().language == "en"


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(mailbox):
    post(Client(), "alt@example.org")
    post(Client(), "neu@example.org", ip="10.0.0.9")
    Subscription.objects.filter(email="alt@example.org").update(created_at=timezone.now() - timedelta(days=8))
    call_command("send_alerts", stdout=io.StringIO())
    assert list(Subscription.objects.values_list("email", flat=True)) == ["neu@example.org"]


def test_unknown_tokens_and_get_never_changes_anything(mailbox):
    client = Client()
    assert client.get("/benachrichtigungen/bestaetigen/unbekannt/").status_code == 404
    assert client.get("/benachrichtigungen/verwalten/unbekannt/").status_code == 404
    assert client.get("/benachrichtigungen/abmelden/unbekannt/").status_code == 404
    assert client.post("/benachrichtigungen/abmelden/unbekannt/").status_code == 200  # already gone
    post(client)
    token = Subscription.objects.get().token
    assert client.get(f"/benachrichtigungen/abmelden/{token}/").status_code == 200
    assert client.get(f"/benachrichtigungen/verwalten/{token}/").status_code == 404  # not confirmed yet
    assert Subscription.objects.filter(token=token, confirmed_at=None).exists()


def test_a_subscriber_sees_and_changes_the_search(mailbox):
    ProgrammeFactory(title="Sport im Verein", regions=["ni"])
    client = Client()
    post(client, region="ni")
    token = Subscription.objects.get().token
    client.post(f"/benachrichtigungen/bestaetigen/{token}/")
    page = client.get(f"/benachrichtigungen/verwalten/{token}/").content.decode()
    assert "Sport" in page and "Niedersachsen" in page
    response = client.post(f"/benachrichtigungen/verwalten/{token}/", {"q": "Musik"})
    assert response.status_code == 302
    assert Subscription.objects.get().search.query == "q=Musik"
