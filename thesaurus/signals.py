"""A saved or deleted concept renews this process's lookup table at once."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import expansion
from .models import Concept


@receiver([post_save, post_delete], sender=Concept)
def concept_changed(**kwargs):
    expansion.clear()
