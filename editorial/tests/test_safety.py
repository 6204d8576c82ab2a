"""Safety of the back office: login rate limit, password rules, session
expiry, POST + CSRF for state changes, and no script from a funder's text on
a public page."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalogue.markdown import render_markdown
from catalogue.models import Programme

from .factories import PASSWORD
from .helpers import admin_url, form_data, parse, publish_latest_revision

pytestmark = pytest.mark.django_db
LOGIN = "/redaktion/login/"


def login(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/redaktion/"})


def test_login_locked_after_five_failures(editor):
    client = Client(REMOTE_ADDR="192.0.2.10")
    failures = [login(client, "redakteurin", f"falsch-{n}").status_code for n in range(5)]

    sixth = login(client, "redakteurin", PASSWORD)

    # The fifth failure reaches the limit and is already answered with the lock.
    assert failures == [200, 200, 200, 200, 429]
    assert sixth.status_code == 429
    assert parse(sixth).h1.get_text() == "Anmeldung vorübergehend gesperrt"
    assert "_auth_user_id" not in client.session


def test_lockout_holds_one_user_name_from_one_address_only(editor, administrator):
    """Reproduction 9: five wrong passwords for one user locked out every
    editor behind the same proxy address for an hour."""
    attacker = Client(REMOTE_ADDR="192.0.2.20")
    for n in range(5):
        login(attacker, "redakteurin", f"falsch-{n}")

    colleague_same_address = login(Client(REMOTE_ADDR="192.0.2.20"), "administratorin", PASSWORD)
    same_user_elsewhere = login(Client(REMOTE_ADDR="198.51.100.7"), "redakteurin", PASSWORD)
    same_user_same_address = login(Client(REMOTE_ADDR="192.0.2.20"), "redakteurin", PASSWORD)

    assert [colleague_same_address.status_code, same_user_elsewhere.status_code] == [302, 302]
    assert same_user_same_address.status_code == 429


def test_lockout_page_says_how_long_and_for_whom(editor):
    client = Client(REMOTE_ADDR="192.0.2.21")
    for n in range(5):
        response = login(client, "redakteurin", f"falsch-{n}")

    texts = [" ".join(p.get_text().split()) for p in parse(response).select("main p")]

    assert texts[:2] == [
        "Nach 5 fehlgeschlagenen Anmeldeversuchen ist die Anmeldung für dieses Konto von diesem Rechner "
        "aus gesperrt.",
        "Versuchen Sie es in 15 Minuten wieder. Andere Konten und andere Rechner sind nicht gesperrt. "
        "Die Administration kann die Sperre sofort aufheben.",
    ]


def test_lockout_ends_after_fifteen_minutes(editor):
    client = Client(REMOTE_ADDR="192.0.2.22")
    for n in range(5):
        login(client, "redakteurin", f"falsch-{n}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))

    response = login(client, "redakteurin", PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/redaktion/")


def test_login_page_explains_the_lockout(db):
    page = parse(Client().get(LOGIN))

    assert page.select_one(".login-lockout-note").get_text(" ", strip=True) == (
        "Nach 5 falschen Passwörtern ist die Anmeldung für dieses Konto von diesem Rechner aus "
        "15 Minuten lang gesperrt; andere Konten und Rechner bleiben frei."
    )


def test_login_after_four_failures_still_possible(editor):
    client = Client(REMOTE_ADDR="192.0.2.11")
    for n in range(4):
        login(client, "redakteurin", f"falsch-{n}")

    response = login(client, "redakteurin", PASSWORD)

    assert (response.status_code, response["Location"]) == (302, "/redaktion/")


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Kurz-2026!", "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten."),
        ("1qaz2wsx3edc", "Dieses Passwort ist zu üblich."),
        ("202611251234", "Dieses Passwort ist komplett numerisch."),
    ],
)
def test_weak_password_refused(password, message):
    with pytest.raises(ValidationError) as error:
        validate_password(password)

    assert message in [text.strip() for text in error.value.messages]


def test_long_passphrase_accepted():
    assert validate_password("Feldweg-Kastanie-Laterne-7") is None


def test_user_form_refuses_short_password(administrator_client):
    response = administrator_client.post(
        reverse("admin:auth_user_add"),
        {"username": "neu", "password1": "Kurz-2026!", "password2": "Kurz-2026!", "usable_password": "true"},
    )

    assert response.status_code == 200
    assert (
        "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten." in response.content.decode()
    )


def test_session_lasts_eight_hours_and_ends_with_browser(editor_client):
    editor_client.get("/redaktion/")

    assert (editor_client.session.get_expiry_age(), editor_client.session.get_expire_at_browser_close()) == (
        8 * 3600,
        True,
    )


def test_expired_session_sends_back_to_login(editor_client):
    editor_client.get("/redaktion/")
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))

    response = editor_client.get("/redaktion/")

    assert (response.status_code, response["Location"]) == (302, "/redaktion/login/?next=/redaktion/")


def test_import_without_csrf_token_refused(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    file = SimpleUploadedFile("a.csv", b"type;id;title\nprogramme;p1;P\n")

    response = client.post(reverse("admin:editorial_import"), {"file": file, "apply": "1"})

    assert (response.status_code, Programme.objects.count()) == (403, 0)


def test_admin_action_without_csrf_token_refused(editor, programme_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        admin_url(Programme, "changelist"),
        {"action": "archive", "_selected_action": [programme_a.pk], "index": 0},
    )

    programme_a.refresh_from_db()
    assert (response.status_code, programme_a.state) == (403, "published")


def test_script_from_funder_never_reaches_public_page(funder_a_client, editor_client, client, programme_a):
    data = form_data(funder_a_client.get(admin_url(programme_a)), "programme_form")
    text = '<script>alert("x")</script>\n\nHallo <img src=x onerror=alert(1)> [Link](javascript:alert(1))'

    saved = funder_a_client.post(admin_url(programme_a), data | {"description": text}, follow=True)
    publish_latest_revision(editor_client, programme_a)
    page = parse(client.get(programme_a.get_absolute_url()))

    programme_a.refresh_from_db()
    assert programme_a.description == "Hallo  [Link](javascript:alert(1))"
    assert (
        "HTML-Code in „Beschreibung“ wurde in Markdown umgewandelt: der Text bleibt, Tags und "
        "Kommentare entfallen. Bitte prüfen Sie das Ergebnis."
    ) in [str(m) for m in saved.context["messages"]]
    scripts = [(s.get("type"), s.get("src")) for s in page.find_all("script")]
    assert scripts == [("application/ld+json", None), (None, "/static/public/js/site.js")]
    assert page.select(".markdown a") == []
    assert page.select(".markdown img") == []


def test_markdown_renderer_escapes_script():
    assert render_markdown("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
