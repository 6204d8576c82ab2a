"""Merkliste: programmes and funders kept on a list without an account.

The list lives on the server behind an unguessable token; whoever has the
link may read and change it (that is how it is shared). Nothing about the
person is stored. Lists nobody opened for `KEEP_DAYS` are deleted.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution, Programme

KEEP_DAYS = 365
MAX_ENTRIES = 100


def new_token():
    return secrets.token_urlsafe(24)


class Shortlist(models.Model):
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(_("zuletzt geöffnet"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("Merkliste")
        verbose_name_plural = _("Merklisten")

    def __str__(self):
        return self.token[:8]


class ShortlistEntry(models.Model):
    """One programme or one funder on a list."""

    shortlist = models.ForeignKey(Shortlist, on_delete=models.CASCADE, related_name="entries")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.CASCADE)
    institution = models.ForeignKey(Institution, null=True, blank=True, on_delete=models.CASCADE)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(programme__isnull=False, institution__isnull=True)
                | Q(programme__isnull=True, institution__isnull=False),
                name="shortlist_entry_one_kind",
            ),
            models.UniqueConstraint(
                fields=["shortlist", "programme"],
                condition=Q(programme__isnull=False),
                name="shortlist_programme_once",
            ),
            models.UniqueConstraint(
                fields=["shortlist", "institution"],
                condition=Q(institution__isnull=False),
                name="shortlist_institution_once",
            ),
        ]

    def __str__(self):
        return str(self.programme or self.institution)
