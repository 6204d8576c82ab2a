"""The Redaktion's own records: which institutions a funder account may edit,
the result of the last check of every link, and a log of bulk imports.

`Rights` is a table-less model that only carries the editorial permissions
(publishing, bulk import, worklist), so that they can be granted to groups
like any other Django permission.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Institution


class Rights(models.Model):
    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("publish_entry", _("Einträge veröffentlichen, archivieren und als geprüft markieren")),
            ("bulk_import", _("Massenimport ausführen")),
            ("view_worklist", _("Arbeitsliste ansehen")),
        ]
        verbose_name = _("Redaktionsrecht")
        verbose_name_plural = _("Redaktionsrechte")

    def __str__(self):
        return str(self._meta.verbose_name)


class FunderAccount(models.Model):
    """A user who speaks for one or more institutions (Förderer-Konto)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Benutzer"),
        on_delete=models.CASCADE,
        related_name="funder_account",
    )
    institutions = models.ManyToManyField(
        Institution, verbose_name=_("Institutionen"), related_name="funder_accounts"
    )

    class Meta:
        verbose_name = _("Förderer-Konto")
        verbose_name_plural = _("Förderer-Konten")
        ordering = ["user__username"]

    def __str__(self):
        return str(self.user)


class LinkCheck(models.Model):
    """The last check of one URL, e.g. status 404, or error "Zeitüberschreitung"."""

    url = models.URLField(_("Adresse"), max_length=2000, unique=True)
    ok = models.BooleanField(_("erreichbar"), default=False)
    status_code = models.PositiveIntegerField(_("HTTP-Status"), null=True, blank=True)
    error = models.CharField(_("Fehler"), max_length=500, blank=True)
    redirect_to = models.URLField(_("umgeleitet nach"), max_length=2000, blank=True)
    method = models.CharField(_("Methode"), max_length=8, blank=True)
    checked_at = models.DateTimeField(_("geprüft am"))
    failing_since = models.DateTimeField(_("fehlerhaft seit"), null=True, blank=True)

    class Meta:
        verbose_name = _("Linkprüfung")
        verbose_name_plural = _("Linkprüfungen")
        ordering = ["url"]

    def __str__(self):
        return self.url

    @property
    def is_permanent_redirect(self):
        return self.status_code in (301, 308)


class ImportRun(models.Model):
    """One applied bulk import: who, when, which file, what changed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Benutzer"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True)
    filename = models.CharField(_("Datei"), max_length=300)
    file_format = models.CharField(_("Format"), max_length=10)
    created = models.JSONField(_("neu"), default=list)
    updated = models.JSONField(_("geändert"), default=list)
    unchanged_count = models.PositiveIntegerField(_("unverändert"), default=0)

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importprotokoll")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d.%m.%Y %H:%M})"


class ImportJob(models.Model):
    """A bulk import applied outside the request (`editorial.jobs`): the
    checked upload, who started it, its state and, when finished, what it
    did. Progress while it runs is kept beside it in a file (the import's
    transaction holds SQLite's write lock; see `editorial.jobs`)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Wartet")
        RUNNING = "running", _("Läuft")
        DONE = "done", _("Fertig")
        FAILED = "failed", _("Fehlgeschlagen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Benutzer"), null=True, on_delete=models.SET_NULL
    )
    filename = models.CharField(_("Datei"), max_length=300)
    upload = models.JSONField(_("Geprüfte Datei"))  # editorial.bulk.Prepared.to_session()
    as_draft = models.BooleanField(_("Neue Einträge als Entwurf"), default=False)
    state = models.CharField(_("Status"), max_length=10, choices=State.choices, default=State.QUEUED)
    # True while queued or running, NULL after: the unique constraint lets only
    # one job be active at a time, on every database, without a race.
    active = models.BooleanField(null=True, default=True, editable=False)
    created_at = models.DateTimeField(_("angelegt"), default=timezone.now)
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beendet"), null=True, blank=True)
    worker = models.CharField(_("Arbeitsprozess"), max_length=200, blank=True)  # host:pid
    result = models.JSONField(_("Ergebnis"), null=True, blank=True)
    failure = models.TextField(_("Fehler"), blank=True)

    class Meta:
        verbose_name = _("Importauftrag")
        verbose_name_plural = _("Importaufträge")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["active"], name="one_active_import_job")]

    def __str__(self):
        return f"{self.filename} ({self.get_state_display()})"


class Revision(models.Model):
    """One saved version of a whole institution or programme (a snapshot, see
    `catalogue.snapshots`), beside the live tables, which always hold what is
    public. Revisions outlive their entry: the last one of a deleted entry is
    its place in the Papierkorb."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        REVIEW = "review", _("In Prüfung")
        PUBLISHED = "published", _("Veröffentlicht")
        ARCHIVED = "archived", _("Archiviert")
        RETURNED = "returned", _("Zurückgegeben")
        SUPERSEDED = "superseded", _("Überholt")
        DELETED = "deleted", _("Gelöscht")

    class Kind(models.TextChoices):
        INSTITUTION = "institution", _("Förderer")
        PROGRAMME = "programme", _("Förderprogramm")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("Eintrag"))
    number = models.PositiveIntegerField(_("Fassung"))
    label = models.CharField(_("Titel"), max_length=500)
    snapshot = models.JSONField(_("Inhalt"))
    state = models.CharField(_("Status"), max_length=20, choices=State.choices)
    reason = models.CharField(_("Anlass"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    comment = models.TextField(_("Kommentar der Redaktion"), blank=True)

    class Meta:
        verbose_name = _("Fassung")
        verbose_name_plural = _("Fassungen")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "number"], name="unique_revision_number")
        ]
        indexes = [models.Index(fields=["state", "kind"], name="revision_state_kind")]

    def __str__(self):
        return f"{self.label} ({self.number})"


class DeletedEntry(Revision):
    """The Papierkorb: the last revision of every deleted entry."""

    class Meta:
        proxy = True
        verbose_name = _("Gelöschter Eintrag")
        verbose_name_plural = _("Papierkorb")
