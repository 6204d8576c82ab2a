"""Factories for the Redaktion's models and its personas."""

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from editorial.models import FunderAccount, LinkCheck
from editorial.roles import FOERDERER

PASSWORD = "Lange-Passphrase-2026!"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    is_staff = True
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class FunderAccountFactory(factory.django.DjangoModelFactory):
    """A funder login for the given institutions (group Förderer, staff)."""

    class Meta:
        model = FunderAccount
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, groups=[FOERDERER])

    @factory.post_generation
    def institutions(self, create, extracted, **kwargs):
        if extracted:
            self.institutions.set(extracted)


class LinkCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LinkCheck

    url = factory.Sequence(lambda n: f"https://example.org/seite-{n}")
    ok = False
    status_code = 404
    checked_at = factory.LazyFunction(timezone.now)
