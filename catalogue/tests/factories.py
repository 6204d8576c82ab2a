"""A factory for every catalogue model."""

import factory
from django.db import transaction

from catalogue.models import Deadline, Institution, Programme, ProgrammeInstitution, Role, Workflow


class OneIndexWrite:
    """An entry and what the factory adds to it (regions, deadlines, links)
    are written in one transaction, so the search index is written once for
    it when the transaction commits (ADR 0006), not once per save and
    many-to-many change. An editor's save in the admin is one transaction too."""

    @classmethod
    def create(cls, **kwargs):
        with transaction.atomic():
            return super().create(**kwargs)


class InstitutionFactory(OneIndexWrite, factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    slug = factory.Sequence(lambda n: f"institution-{n}")
    name = factory.Sequence(lambda n: f"Stiftung {n}")
    kind_id = "stiftung"
    state = Workflow.PUBLISHED


class ProgrammeFactory(OneIndexWrite, factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"programme-{n}")
    title = factory.Sequence(lambda n: f"Programm {n}")
    deadline_kind = "rolling"
    state = Workflow.PUBLISHED

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)

    @factory.post_generation
    def deadline_dates(self, create, extracted, **kwargs):
        for value in extracted or ():
            Deadline.objects.create(programme=self, date=value)

    @factory.post_generation
    def deadline_yearly(self, create, extracted, **kwargs):
        for value in extracted or ():
            Deadline.objects.create(programme=self, yearly=value)


class DeadlineFactory(OneIndexWrite, factory.django.DjangoModelFactory):
    class Meta:
        model = Deadline

    programme = factory.SubFactory(ProgrammeFactory)
    yearly = "09-30"


class ProgrammeInstitutionFactory(OneIndexWrite, factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeInstitution

    programme = factory.SubFactory(ProgrammeFactory)
    institution = factory.SubFactory(InstitutionFactory)
    role = Role.FUNDER
