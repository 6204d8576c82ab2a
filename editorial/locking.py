"""Optimistic locking for the change forms of institutions and programmes.

A form carries the version (`updated_at`) the entry had when the form was
loaded. Saving checks it against the database: if somebody saved in between,
the save is refused with a message, the user's input stays in the form, and
the form now carries the new version, so saving again deliberately replaces
the other person's version (which stays in the history).
"""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from catalogue.pasted_html import html_to_markdown

VERSION_FIELD = "loaded_version"
MARKDOWN_FIELDS = ("description", "goals")


def current_version(instance):
    """The stored version of an entry: its `updated_at` as text, "" if new."""
    if instance.pk is None:
        return ""
    stored = type(instance)._default_manager.filter(pk=instance.pk).values_list("updated_at", flat=True)
    value = stored.first()
    return value.isoformat() if value else ""


def _last_editor(instance):
    record = instance.history.select_related("history_user").first()
    user = record.history_user if record else None
    return str(user) if user else str(_("unbekannt"))


def _check_url(url):
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            _("Keine gültige http- oder https-Adresse: „%(url)s“."), code="invalid_url", params={"url": url}
        ) from None


class EntryForm(forms.ModelForm):
    """Change form of an institution or programme: version check, and raw
    HTML removed from the Markdown fields (it would never be shown)."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = current_version(self.instance)
        self.fields[VERSION_FIELD].initial = self.version
        self.html_removed = []

    def clean_links(self):
        """[{"title": "Richtlinie", "url": "https://…"}, …]; the title is optional."""
        links = self.cleaned_data.get("links") or []
        shape = isinstance(links, list) and all(
            isinstance(link, dict)
            and set(link) <= {"title", "url"}
            and isinstance(link.get("url"), str)
            and isinstance(link.get("title", ""), str)
            for link in links
        )
        if not shape:
            raise ValidationError(
                _('Erwartet eine Liste wie [{"title": "Richtlinie", "url": "https://…"}].'),
                code="links_shape",
            )
        for link in links:
            _check_url(link["url"])
        return links

    def clean_sources(self):
        sources = self.cleaned_data.get("sources") or []
        if not (isinstance(sources, list) and all(isinstance(url, str) for url in sources)):
            raise ValidationError(
                _('Erwartet eine Liste von Adressen wie ["https://…"].'), code="sources_shape"
            )
        for url in sources:
            _check_url(url)
        return sources

    def clean(self):
        cleaned = super().clean()
        for name in MARKDOWN_FIELDS:
            if cleaned.get(name):
                stripped = html_to_markdown(cleaned[name])
                if stripped != cleaned[name]:
                    self.html_removed.append(name)
                    cleaned[name] = stripped
        if self.instance.pk is not None and cleaned.get(VERSION_FIELD) != self.version:
            self._refuse_stale()
        return cleaned

    def _refuse_stale(self):
        # Hand the newest version to the re-displayed form (see module docstring).
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = self.version
        when = timezone.localtime(datetime.fromisoformat(self.version))
        raise ValidationError(
            _(
                "Dieser Eintrag wurde inzwischen von %(user)s geändert (%(when)s). Ihre Änderungen "
                "sind noch nicht gespeichert, aber unten erhalten. Vergleichen Sie sie mit der "
                "Versionsgeschichte; wenn Sie erneut speichern, ersetzen Ihre Eingaben die andere "
                "Fassung (sie bleibt in der Versionsgeschichte)."
            ),
            code="stale",
            params={
                "user": _last_editor(self.instance),
                "when": formats.date_format(when, "DATETIME_FORMAT"),
            },
        )
