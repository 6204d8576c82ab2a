"""What visitors and funders tell the atlas: error reports on an entry
(Fehler melden), suggested programmes (Förderung vorschlagen, stored as an
unpublished programme plus who suggested it), requests for a Förderer
account, and the requests sent to funders to confirm their entries.

Only what the Redaktion needs is stored; the reporter's address is optional
and used for one answer only. Closed reports are deleted after
`KEEP_CLOSED_DAYS` (`manage.py send_check_reminders` does it).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution, Programme

KEEP_CLOSED_DAYS = 365
TEXT_MAX = 2000


def new_token():
    """256 random bits, URL-safe: the only key to a check request."""
    return secrets.token_urlsafe(32)


class Contact(models.Model):
    """An optional address for an answer, and the language to answer in."""

    email = models.EmailField(_("E-Mail-Adresse"), max_length=254, blank=True)
    language = models.CharField(_("Sprache"), max_length=10)
    created_at = models.DateTimeField(_("eingegangen"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True


class ReportKind(models.TextChoices):
    DEADLINE = "deadline", _("Frist")
    AMOUNT = "amount", _("Fördersumme")
    LINK = "link", _("Link")
    OTHER = "other", _("Etwas anderes")


class Report(Contact):
    """Fehler melden: what is wrong on one programme or funder page."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("Förderprogramm"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("Förderer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports",
    )
    kind = models.CharField(_("Was ist falsch?"), max_length=20, choices=ReportKind.choices)
    text = models.TextField(_("Beschreibung"), max_length=TEXT_MAX)
    closed_at = models.DateTimeField(_("erledigt am"), null=True, blank=True, db_index=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erledigt von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closing_note = models.TextField(_("Notiz zur Erledigung"), max_length=TEXT_MAX, blank=True)

    class Meta:
        verbose_name = _("Fehlermeldung")
        verbose_name_plural = _("Fehlermeldungen")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(programme__isnull=False, institution__isnull=True)
                    | models.Q(programme__isnull=True, institution__isnull=False)
                ),
                name="report_on_one_entry",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.entry}"

    @property
    def entry(self):
        return self.programme or self.institution

    @property
    def is_open(self):
        return self.closed_at is None


class Suggestion(Contact):
    """Förderung vorschlagen: the unpublished programme it created and what
    the form asked that a programme does not hold."""

    programme = models.OneToOneField(
        Programme,
        verbose_name=_("Förderprogramm (Entwurf)"),
        on_delete=models.CASCADE,
        related_name="suggestion",
    )
    funder_name = models.CharField(_("Förderer laut Vorschlag"), max_length=300)

    class Meta:
        verbose_name = _("Vorschlag")
        verbose_name_plural = _("Vorschläge")
        ordering = ["-created_at"]

    def __str__(self):
        return str(self.programme)


class AccountRequest(Contact):
    """ "Ich vertrete diesen Förderer": a request for a Förderer account."""

    institution = models.ForeignKey(
        Institution, verbose_name=_("Förderer"), on_delete=models.CASCADE, related_name="account_requests"
    )
    name = models.CharField(_("Name"), max_length=200)
    position = models.CharField(_("Funktion beim Förderer"), max_length=200)
    message = models.TextField(_("Nachricht"), max_length=TEXT_MAX, blank=True)
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    approved = models.BooleanField(_("freigeschaltet"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Kontoanfrage")
        verbose_name_plural = _("Kontoanfragen")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} – {self.institution}"


class CheckRequest(models.Model):
    """One e-mail asking a funder account to confirm an entry; its token is
    the "Angaben stimmen noch" link."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("gesendet"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("bestätigt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Prüfbitte")
        verbose_name_plural = _("Prüfbitten")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(programme__isnull=False, institution__isnull=True)
                    | models.Q(programme__isnull=True, institution__isnull=False)
                ),
                name="check_request_on_one_entry",
            )
        ]

    def __str__(self):
        return str(self.entry)

    @property
    def entry(self):
        return self.programme or self.institution
