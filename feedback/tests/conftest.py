"""Fixtures of the feedback tests: the real SMTP server on loopback of the
alerts tests (`mailbox`), a fresh rate-limit count per test, the Redaktion
personas, and `filled(…)`: a form's data as a person sends it (time stamp
from a few seconds ago, honeypot empty)."""

import time

import pytest
from django.core import signing
from django.test import Client

from alerts.tests.conftest import body, links, mailbox  # noqa: F401  (fixture and helpers)
from editorial.roles import REDAKTION
from editorial.tests.factories import UserFactory
from feedback.guard import STAMP_SALT


def stamp(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=STAMP_SALT)


def filled(seconds_ago=10, **fields):
    return {"started": stamp(seconds_ago), "homepage": "", **fields}


@pytest.fixture
def client():
    # A client address of its own per test keeps the rate limit out of the other tests.
    return Client(REMOTE_ADDR="192.0.2.10")


@pytest.fixture
def editor(db):
    return UserFactory(groups=[REDAKTION])


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client
