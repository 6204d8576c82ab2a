"""Password reset by e-mail: Django's auth views, the mail through Django's
SMTP backend to a real SMTP server on loopback (aiosmtpd)."""

import re

import pytest
from django.test import Client

from alerts.tests.conftest import body, mailbox  # noqa: F401  (fixture)

from .helpers import parse

pytestmark = pytest.mark.django_db
RESET = "/redaktion/passwort/"
NEW_PASSWORD = "Birke-Leuchtturm-Kiesel-42"


def reset_link(message):
    return re.search(r"https://atlas\.example\.org(/redaktion/passwort/neu/\S+/)", body(message)).group(1)


def test_login_page_links_to_password_reset(db):
    page = parse(Client().get("/redaktion/login/"))

    assert page.select_one(".password-reset-link a")["href"] == RESET


def test_password_reset_mail_sets_a_new_password(editor, mailbox):  # noqa: F811
    client = Client()

    sent = client.post(RESET, {"email": editor.email})
    (message,) = mailbox.messages
    form_url = client.get(reset_link(message))["Location"]
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    login = client.post(
        "/redaktion/login/", {"username": editor.username, "password": NEW_PASSWORD, "next": "/redaktion/"}
    )

    assert (sent.status_code, sent["Location"]) == (302, "/redaktion/passwort/gesendet/")
    assert (message["To"], message["Subject"]) == (
        "redakteurin@example.org",
        "Passwort auf Förderatlas Redaktion zurücksetzen",
    )
    assert (done.status_code, done["Location"]) == (302, "/redaktion/passwort/fertig/")
    assert (login.status_code, login["Location"]) == (302, "/redaktion/")


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(editor, mailbox):  # noqa: F811
    response = Client().post(RESET, {"email": "niemand@example.org"})

    assert (response.status_code, response["Location"]) == (302, "/redaktion/passwort/gesendet/")
    assert mailbox.messages == []


def test_password_reset_refuses_a_weak_password(editor, mailbox):  # noqa: F811
    client = Client()
    client.post(RESET, {"email": editor.email})
    form_url = client.get(reset_link(mailbox.messages[0]))["Location"]

    response = client.post(form_url, {"new_password1": "Kurz-2026!", "new_password2": "Kurz-2026!"})

    assert response.status_code == 200
    assert "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten." in [
        li.get_text() for li in parse(response).select(".errorlist li")
    ]


def test_password_reset_link_with_a_forged_token_refused(editor):
    response = Client().get("/redaktion/passwort/neu/MQ/abc-123/", follow=True)

    assert response.status_code == 200
    assert parse(response).h1.get_text() == "Passwort nicht erfolgreich zurückgesetzt"
