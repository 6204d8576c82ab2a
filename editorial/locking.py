"""Optimistic locking for the change forms of institutions and programmes.

A form carries the version (`Entry.version`) the entry had when the form was
loaded. Every save raises the version (`raise_version`, a pre_save signal;
a funder's revision raises it too). Saving checks it twice:

- in `EntryForm.clean`, for the message: if somebody saved in between, the
  save is refused, the fields that differ are named, the user's input stays
  in the form, and the form now carries the new version, so saving again
  deliberately replaces the other person's version (which stays a revision);
- in `claim`, a conditional UPDATE (`… SET version = version + 1 WHERE
  version = loaded`) in the transaction that writes: of two saves that both
  passed `clean`, the second finds no row and is refused (`StaleSave`). On
  PostgreSQL the UPDATE waits for the first transaction's row lock; on SQLite
  the IMMEDIATE transaction serialises the writers.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from catalogue.pasted_html import html_to_markdown

VERSION_FIELD = "loaded_version"
MARKDOWN_FIELDS = ("description", "goals")


class StaleSave(Exception):
    """Another save of the entry committed after this form was checked."""


def current_version(instance):
    """The stored version of an entry as text, "" if new."""
    if instance.pk is None:
        return ""
    value = type(instance)._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
    return "" if value is None else str(value)


def claim(instance, loaded):
    """Raise the stored version if it is still `loaded`; StaleSave if not."""
    if not loaded.isdigit():
        raise StaleSave
    rows = type(instance)._default_manager.filter(pk=instance.pk, version=int(loaded))
    if rows.update(version=F("version") + 1) != 1:
        raise StaleSave
    instance.version = int(loaded) + 1


def raise_version(sender, instance, raw=False, **kwargs):
    """pre_save of Institution and Programme: every save makes forms loaded
    before it stale. An F() expression, so a stale object in memory can never
    set the version back."""
    if not raw and instance.pk is not None and not instance._state.adding:
        instance.version = F("version") + 1


def _last_editor(instance):
    from .revisions import latest

    revision = latest(instance)
    user = revision.created_by if revision else None
    return str(user) if user else str(_("unbekannt"))


def _differing(form, stored):
    """Labels of the fields where the input differs from the stored entry."""
    labels = []
    for name, field in form.fields.items():
        if name == VERSION_FIELD or name not in form.cleaned_data:
            continue
        model_field = stored._meta.get_field(name)
        if model_field.many_to_many:
            stored_value = {obj.pk for obj in getattr(stored, name).all()}
            given = {obj.pk for obj in form.cleaned_data[name] or []}
        else:
            stored_value = _blank_as_none(getattr(stored, model_field.attname))
            given = _blank_as_none(getattr(form.cleaned_data[name], "pk", form.cleaned_data[name]))
        if stored_value != given:
            labels.append(str(field.label or model_field.verbose_name))
    return labels


def _blank_as_none(value):
    return None if value in ("", [], None) else value


class EntryForm(forms.ModelForm):
    """Change form of an institution or programme: version check, and raw
    HTML removed from the Markdown fields (it would never be shown)."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = current_version(self.instance)
        self.fields[VERSION_FIELD].initial = self.version
        self.html_removed = []

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
        stored = type(self.instance)._default_manager.get(pk=self.instance.pk)
        when = timezone.localtime(stored.updated_at)
        differing = ", ".join(_differing(self, stored)) or "–"
        stale = ValidationError(
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
        fields = ValidationError(
            _("Ihre Eingaben unterscheiden sich von der gespeicherten Fassung in: %(fields)s."),
            code="stale_fields",
            params={"fields": differing},
        )
        raise ValidationError([stale, fields])
