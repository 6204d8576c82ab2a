"""Funders ask for an account: "Ich vertrete diesen Förderer" → the
Redaktion approves → a Förderer account for that institution and an
invitation mail (real SMTP on loopback) whose link sets the password."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client

from catalogue.models import Workflow
from catalogue.tests.factories import InstitutionFactory
from editorial.roles import FOERDERER, institution_ids
from feedback.models import AccountRequest

from .conftest import body, filled, links

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Mira Beispiel",
    "position": "Referentin Projektförderung",
    "email": "Mira@Stiftung.example",
    "message": "Wir möchten unsere Fristen selbst pflegen.",
}
URL = "/foerderer/stiftung-licht/konto-anfragen/"


@pytest.fixture
def institution():
    return InstitutionFactory(slug="stiftung-licht", name="Stiftung Licht")


def _approve(editor_client, request):
    return editor_client.post(
        "/redaktion/feedback/accountrequest/",
        {"action": "approve", "_selected_action": [request.pk]},
    )


def test_account_request_approved_invites_to_set_a_password(client, institution, editor_client, mailbox):
    assert client.get(URL).status_code == 200
    assert client.post(URL, filled(**VALID))["Location"] == "/rueckmeldung/danke/"
    request = AccountRequest.objects.get()
    assert (request.institution, request.email, request.decided_at) == (
        institution,
        "mira@stiftung.example",
        None,
    )
    worklist = editor_client.get("/redaktion/worklist/").content.decode()
    assert "Mira Beispiel (Referentin Projektförderung), mira@stiftung.example" in worklist

    _approve(editor_client, request)

    request.refresh_from_db()
    user = User.objects.get(email="mira@stiftung.example")
    assert (request.approved, request.user) == (True, user)
    assert (user.is_staff, user.has_usable_password()) == (True, False)
    assert list(user.groups.values_list("name", flat=True)) == [FOERDERER]
    assert institution_ids(user) == {institution.pk}
    [mail] = mailbox.messages
    assert mail["To"] == "mira@stiftung.example"
    assert "Stiftung Licht" in mail["Subject"]
    [password_link] = [link for link in links(mail) if "/zugang/" in link]

    visitor = Client()
    form_page = visitor.get(urlsplit(password_link).path, follow=True)
    assert form_page.status_code == 200
    answer = visitor.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Lange-Passphrase-2027!", "new_password2": "Lange-Passphrase-2027!"},
    )
    assert answer["Location"] == "/zugang/fertig/"
    user.refresh_from_db()
    assert user.check_password("Lange-Passphrase-2027!")
    login = Client().post(
        "/redaktion/login/?next=/redaktion/",
        {"username": "mira@stiftung.example", "password": "Lange-Passphrase-2027!"},
    )
    assert login["Location"] == "/redaktion/"
    assert "https://atlas.example.org/redaktion/" in body(mail)


def test_approving_twice_makes_one_account_and_one_mail(client, institution, editor_client, mailbox):
    client.post(URL, filled(**VALID))
    request = AccountRequest.objects.get()

    _approve(editor_client, request)
    _approve(editor_client, request)

    assert User.objects.filter(email="mira@stiftung.example").count() == 1
    assert len(mailbox.messages) == 1


def test_declined_request_makes_no_account(client, institution, editor_client, mailbox):
    client.post(URL, filled(**VALID))
    request = AccountRequest.objects.get()

    editor_client.post(
        "/redaktion/feedback/accountrequest/", {"action": "decline", "_selected_action": [request.pk]}
    )

    request.refresh_from_db()
    assert (request.approved, request.decided_at is not None) == (False, True)
    assert not User.objects.filter(email="mira@stiftung.example").exists()
    assert mailbox.messages == []


def test_a_used_password_link_is_refused(client, institution, editor_client, mailbox):
    client.post(URL, filled(**VALID))
    _approve(editor_client, AccountRequest.objects.get())
    [password_link] = [link for link in links(mailbox.messages[0]) if "/zugang/" in link]
    visitor = Client()
    page = visitor.get(urlsplit(password_link).path, follow=True)
    visitor.post(
        page.redirect_chain[-1][0], {"new_password1": "Xy-9876-lang!", "new_password2": "Xy-9876-lang!"}
    )

    again = Client().get(urlsplit(password_link).path, follow=True)

    assert "Dieser Link ist abgelaufen oder wurde schon benutzt." in again.content.decode()


@pytest.mark.parametrize(
    ("fields", "field_errors"),
    [
        ({}, {"name", "position", "email"}),
        (VALID | {"email": "mira"}, {"email"}),
        (VALID | {"name": "N" * 201}, {"name"}),
        (VALID | {"message": "www.a.example www.b.example www.c.example"}, {"message"}),
    ],
)
def test_invalid_account_request_shows_errors(client, institution, fields, field_errors):
    response = client.post(URL, filled(**fields))

    assert response.status_code == 400
    assert set(response.context["form"].errors) == field_errors
    assert AccountRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("make_data", "status"),
    [
        (lambda: filled(**VALID) | {"homepage": "x"}, 302),
        (lambda: VALID, 302),
        (lambda: filled(seconds_ago=0, **VALID), 400),
    ],
)
def test_spam_like_account_request_stores_nothing(client, institution, make_data, status):
    assert client.post(URL, make_data()).status_code == status
    assert AccountRequest.objects.count() == 0


def test_account_request_too_many_sends_get_429(client, institution, settings):
    settings.ATLAS_FEEDBACK_RATE_LIMIT = 1

    answers = [client.post(URL, filled(**VALID)).status_code for _ in range(2)]

    assert answers == [302, 429]
    assert AccountRequest.objects.count() == 1


def test_account_request_only_for_published_funders(client):
    InstitutionFactory(slug="stiftung-entwurf", state=Workflow.DRAFT)

    assert client.get("/foerderer/stiftung-entwurf/konto-anfragen/").status_code == 404


def test_funder_cannot_approve_requests(client, institution, mailbox):
    from editorial.tests.factories import FunderAccountFactory

    client.post(URL, filled(**VALID))
    funder = FunderAccountFactory(institutions=[institution]).user
    funder_client = Client()
    funder_client.force_login(funder)

    response = _approve(funder_client, AccountRequest.objects.get())

    assert response.status_code == 403
    assert AccountRequest.objects.get().decided_at is None
    assert re.search("mira", str(mailbox.messages)) is None
