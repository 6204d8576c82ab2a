"""E-mail alerts without an account: a saved search (Benachrichtigung) and
a deadline reminder (Fristerinnerung), both with double opt-in.

Only what the feature needs is stored: the address, what to send about,
the language of the mails, one unguessable token (confirm, change,
unsubscribe), and when and with which words consent was given. Unconfirmed
entries are deleted after `PENDING_DAYS`; unsubscribing deletes at once.
"""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.models import Programme

PENDING_DAYS = 7


def new_token():
    """256 random bits, URL-safe: the only key to an alert."""
    return secrets.token_urlsafe(32)


class Recipient(models.Model):
    """What every alert holds about the person it goes to."""

    email = models.EmailField(_("E-Mail-Adresse"), max_length=254)
    language = models.CharField(_("Sprache"), max_length=10)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("angelegt"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("bestätigt"), null=True, blank=True)
    consent_text = models.TextField(_("Einwilligungstext"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.email

    @property
    def confirmed(self):
        return self.confirmed_at is not None


class AlertQuery(models.Model):
    """One distinct search that alerts watch, shared by every subscription
    asking for the same entries. `entered` maps the id of each programme
    the search finds to when it was first seen finding it (milliseconds
    since the epoch): a programme is news to a subscriber told up to T when
    it entered after T."""

    # The query string can be long (many filter values); the unique index is on its hash.
    key = models.CharField(max_length=64, unique=True, editable=False)
    query = models.TextField(_("Suche (Parameter)"))
    entered = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Gesuchte Suche")

    def __str__(self):
        return self.query or "(alle)"

    @staticmethod
    def key_of(query):
        return hashlib.sha256(query.encode()).hexdigest()


class Subscription(Recipient):
    """Benachrichtigung: new matches of a search by e-mail."""

    search = models.ForeignKey(AlertQuery, on_delete=models.PROTECT, related_name="subscriptions")
    told_until = models.DateTimeField(_("zuletzt benachrichtigt bis"), null=True, blank=True)

    class Meta:
        verbose_name = _("Benachrichtigung")
        verbose_name_plural = _("Benachrichtigungen")
        constraints = [models.UniqueConstraint(fields=["email", "search"], name="unique_alert_per_address")]
        indexes = [models.Index(fields=["confirmed_at", "search"], name="alerts_confirmed_by_search")]


class Reminder(Recipient):
    """Fristerinnerung: an e-mail 14 and 3 days before each deadline of a
    programme. `reminded_for` and `reminded_days` record the last one sent."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reminders")
    reminded_for = models.DateField(null=True, blank=True)
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("Fristerinnerung")
        verbose_name_plural = _("Fristerinnerungen")
        constraints = [
            models.UniqueConstraint(fields=["email", "programme"], name="unique_reminder_per_address")
        ]


KINDS = (Subscription, Reminder)


def by_token(token):
    """The subscription or reminder with this token, or None."""
    for model in KINDS:
        found = model.objects.filter(token=token).first()
        if found:
            return found
    return None
