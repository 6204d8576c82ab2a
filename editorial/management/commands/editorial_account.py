"""manage.py editorial_account USERNAME --role redaktion|foerderer|administration
[--institution SLUG ...] [--email ADDRESS]

Creates (or updates) a back-office login in one of the three role groups; a
Förderer account is bound to the institutions given by their ids (slugs).
The password is read from the environment variable ATLAS_ACCOUNT_PASSWORD or
asked for, and must pass the password rules (at least 12 characters, …).
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.models import Institution
from editorial.models import FunderAccount
from editorial.roles import ADMINISTRATION, FOERDERER, REDAKTION

ROLES = {"administration": ADMINISTRATION, "redaktion": REDAKTION, "foerderer": FOERDERER}
PASSWORD_VARIABLE = "ATLAS_ACCOUNT_PASSWORD"


class Command(BaseCommand):
    help = _("Legt ein Konto für die Redaktion an: Administration, Redaktion oder Förderer.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=sorted(ROLES))
        parser.add_argument("--institution", action="append", default=[], metavar="SLUG")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, institution, email, **options):
        institutions = list(Institution.objects.filter(slug__in=institution))
        missing = sorted(set(institution) - {i.slug for i in institutions})
        if missing:
            raise CommandError(_("Unbekannte Institution(en): %(slugs)s") % {"slugs": ", ".join(missing)})
        if role == "foerderer" and not institutions:
            raise CommandError(_("Ein Förderer-Konto braucht mindestens eine --institution."))
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first() or user_model(username=username)
        password = self._password(user)
        with transaction.atomic():
            self._save(user, password, email, ROLES[role], institutions)
        self.stdout.write(
            _("Konto „%(user)s“ gespeichert (%(role)s).") % {"user": username, "role": ROLES[role]}
        )

    def _password(self, user):
        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None and user.pk is not None:
            return None  # an existing account keeps its password
        if password is None:
            password = getpass.getpass(_("Passwort: "))
            if password != getpass.getpass(_("Passwort (Wiederholung): ")):
                raise CommandError(_("Die Passwörter stimmen nicht überein."))
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        return password

    @staticmethod
    def _save(user, password, email, group_name, institutions):
        user.is_staff = True
        user.email = email or user.email
        if password is not None:
            user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=group_name))
        if institutions:
            account, _created = FunderAccount.objects.get_or_create(user=user)
            account.institutions.set(institutions)
