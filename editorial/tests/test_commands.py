"""manage.py editorial_account: back-office logins from the command line."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from editorial.models import FunderAccount

pytestmark = pytest.mark.django_db


def test_editorial_account_creates_funder_bound_to_institution(monkeypatch, institution_a):
    monkeypatch.setenv("ATLAS_ACCOUNT_PASSWORD", "Feldweg-Kastanie-Laterne-7")
    out = StringIO()

    call_command(
        "editorial_account",
        "stiftung-a-login",
        "--role",
        "foerderer",
        "--institution",
        "stiftung-a",
        stdout=out,
    )

    user = User.objects.get(username="stiftung-a-login")
    assert (user.is_staff, user.check_password("Feldweg-Kastanie-Laterne-7")) == (True, True)
    assert [g.name for g in user.groups.all()] == ["Förderer"]
    assert [i.slug for i in FunderAccount.objects.get(user=user).institutions.all()] == ["stiftung-a"]
    assert out.getvalue() == "Konto „stiftung-a-login“ gespeichert (Förderer).\n"


def test_editorial_account_refuses_weak_password(monkeypatch):
    monkeypatch.setenv("ATLAS_ACCOUNT_PASSWORD", "kurz")

    with pytest.raises(CommandError) as error:
        call_command("editorial_account", "neu", "--role", "redaktion", stdout=StringIO())

    assert str(error.value).startswith("Dieses Passwort ist zu kurz.")
    assert User.objects.filter(username="neu").exists() is False


def test_editorial_account_refuses_unknown_institution(monkeypatch):
    monkeypatch.setenv("ATLAS_ACCOUNT_PASSWORD", "Feldweg-Kastanie-Laterne-7")

    with pytest.raises(CommandError) as error:
        call_command("editorial_account", "x", "--role", "foerderer", "--institution", "gibt-es-nicht")

    assert str(error.value) == "Unbekannte Institution(en): gibt-es-nicht"
