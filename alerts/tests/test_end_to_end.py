"""The issue's "done when", end to end: subscribe → confirmation mail →
confirm → a new matching programme is imported → send_alerts → exactly
one mail with its link → one-click unsubscribe → no further mail; a
non-matching programme triggers nothing; the unconfirmed address never
receives an alert. Mails go through a real SMTP server on loopback."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from alerts.models import Subscription
from catalogue.interchange.importer import import_document

from .conftest import body, links

pytestmark = pytest.mark.django_db

SEARCH = "q=Sportverein&region=ni"


def programme(entry_id, title, regions=("ni",)):
    return {
        "id": entry_id,
        "title": title,
        "amount": {"max_eur": 5000},
        "deadlines": {"kind": "rolling"},
        "eligible": {"applicant_types": ["verein"]},
        "regions": list(regions),
    }


def import_programmes(*programmes):
    report = import_document({"format": "foerderatlas/1", "institutions": [], "programmes": list(programmes)})
    assert not report.errors


def sign_up(client, address):
    response = client.post(
        f"/benachrichtigungen/?{SEARCH}",
        {"email": address, "consent": "on", "q": "Sportverein", "region": "ni"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/benachrichtigungen/gesendet/"


def path_of(url):
    return urlsplit(url).path


def send_alerts():
    call_command("send_alerts", stdout=io.StringIO())


def test_subscribe_confirm_alert_unsubscribe(mailbox):
    import_programmes(programme("sportverein-alt", "Sportverein bewegt Niedersachsen"))
    client = Client()
    assert client.get(f"/benachrichtigungen/?{SEARCH}").status_code == 200

    sign_up(client, "anna@example.org")
    sign_up(client, "unbestaetigt@example.org")
    (confirmation,) = mailbox.to("anna@example.org")
    assert len(mailbox.to("unbestaetigt@example.org")) == 1
    assert "List-Unsubscribe" not in confirmation
    (confirm_url,) = [u for u in links(confirmation) if "/bestaetigen/" in u]
    assert confirm_url.startswith("https://atlas.example.org/benachrichtigungen/bestaetigen/")

    send_alerts()  # nothing is confirmed yet: nothing is sent
    assert len(mailbox.messages) == 2

    assert client.get(path_of(confirm_url)).status_code == 200
    assert (
        Subscription.objects.get(email="anna@example.org").confirmed_at is None
    )  # GET alone confirms nothing
    response = client.post(path_of(confirm_url))
    assert response.status_code == 302
    mailbox.clear()

    send_alerts()  # confirmed, but nothing new since then
    assert mailbox.messages == []

    import_programmes(programme("sportverein-neu", "Sportverein für alle"))
    import_programmes(programme("musikschule", "Musikschule für alle"))  # does not match
    send_alerts()
    (alert,) = mailbox.messages
    assert alert["To"] == "anna@example.org"
    text = body(alert)
    assert "https://atlas.example.org/foerderungen/sportverein-neu/" in text
    assert "Sportverein für alle" in text
    assert "Sportverein bewegt" not in text  # known before the confirmation
    assert "Musikschule" not in text
    (unsubscribe_url,) = [u for u in links(alert) if "/abmelden/" in u]
    assert alert["List-Unsubscribe"].strip() == f"<{unsubscribe_url}>"
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert any("/verwalten/" in u for u in links(alert))  # see and change the search
    assert any(u.startswith("https://atlas.example.org/suche/?q=Sportverein") for u in links(alert))
    mailbox.clear()

    send_alerts()  # told once, not again
    import_programmes(programme("musikschule-2", "Musikschule Nord"))
    send_alerts()  # a programme that does not match triggers nothing
    assert mailbox.messages == []

    # One-click, as a mail client sends it: no cookie, no CSRF token.
    one_click = Client(enforce_csrf_checks=True)
    response = one_click.post(
        path_of(unsubscribe_url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(email="anna@example.org").exists()

    import_programmes(programme("sportverein-3", "Sportverein am See"))
    send_alerts()
    assert mailbox.messages == []  # unsubscribed, and the unconfirmed address never gets an alert
    assert mailbox.to("unbestaetigt@example.org") == []
