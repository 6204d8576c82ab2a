"""Personas of the Redaktion (like healthchecks' alice/bob/charlie):

- visitor: not logged in
- funder_a / funder_b: Förderer accounts of "Stiftung A" / "Stiftung B"
- editor: group Redaktion
- administrator: group Administration (not a superuser)

and one institution with one programme for each funder.
"""

import pytest
from django.test import Client

from alerts.tests.conftest import mailbox  # noqa: F401  (a real SMTP server on loopback)
from catalogue.tests.factories import InstitutionFactory, ProgrammeFactory, ProgrammeInstitutionFactory
from editorial.roles import ADMINISTRATION, REDAKTION

from .factories import FunderAccountFactory, UserFactory


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def institution_a(db):
    return InstitutionFactory(slug="stiftung-a", name="Stiftung A")


@pytest.fixture
def institution_b(db):
    return InstitutionFactory(slug="stiftung-b", name="Stiftung B")


@pytest.fixture
def programme_a(institution_a):
    programme = ProgrammeFactory(slug="programm-a", title="Programm der Stiftung A")
    ProgrammeInstitutionFactory(programme=programme, institution=institution_a)
    return programme


@pytest.fixture
def programme_b(institution_b):
    programme = ProgrammeFactory(slug="programm-b", title="Programm der Stiftung B")
    ProgrammeInstitutionFactory(programme=programme, institution=institution_b)
    return programme


@pytest.fixture
def funder_a(institution_a):
    return FunderAccountFactory(user__username="foerderer-a", institutions=[institution_a]).user


@pytest.fixture
def funder_b(institution_b):
    return FunderAccountFactory(user__username="foerderer-b", institutions=[institution_b]).user


@pytest.fixture
def editor(db):
    return UserFactory(username="redakteurin", groups=[REDAKTION])


@pytest.fixture
def administrator(db):
    return UserFactory(username="administratorin", groups=[ADMINISTRATION])


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def funder_a_client(funder_a):
    return logged_in(funder_a)


@pytest.fixture
def funder_b_client(funder_b):
    return logged_in(funder_b)


@pytest.fixture
def editor_client(editor):
    return logged_in(editor)


@pytest.fixture
def administrator_client(administrator):
    return logged_in(administrator)
