"""Form fields of the change forms that fit how editors work: links and
sources as rows of inputs (not JSON to type), the Fördergebiet as two
groups (EU/Bund/Land, then the districts folded away) instead of 48
checkboxes in one list.

Without JavaScript: a form shows the stored rows and EMPTY_ROWS empty ones;
after saving, there are empty rows again. Every address goes through
`catalogue.validators.normalise_url`, as in the importer.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalogue.models import Region
from catalogue.validators import normalise_url, validate_text

EMPTY_ROWS = 3
MAX_ROWS = 100
WIDE_LEVELS = ("eu", "bund", "land")


class RowsWidget(forms.Widget):
    """Rows of inputs named `<name>-<n>-<column>`, e.g. links-0-title."""

    template_name = "editorial/widgets/rows.html"
    use_fieldset = True  # the admin gives the rows a <legend>
    columns = ()  # (key, label)
    row_label = ""

    def _rows(self, value):
        """The stored rows (or, re-displayed after an error, the rows as
        typed, empty ones left out) and EMPTY_ROWS empty ones."""
        rows = [self.row_of(item) for item in (value if isinstance(value, list) else [])]
        rows = [row for row in rows if any(row.values())]
        return rows + [dict.fromkeys(key for key, _label in self.columns)] * EMPTY_ROWS

    def row_of(self, item):
        return item

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        base_id = context["widget"]["attrs"].get("id", name)
        context["widget"]["rows"] = [
            {
                "number": number,
                "cells": [
                    {
                        "name": f"{name}-{number - 1}-{key}",
                        "id": f"{base_id}-{number - 1}-{key}",
                        "value": row.get(key) or "",
                        "label": _("%(row)s %(number)d: %(column)s")
                        % {"row": self.row_label, "number": number, "column": label},
                        "type": "url" if key == "url" else "text",
                    }
                    for key, label in self.columns
                ],
            }
            for number, row in enumerate(self._rows(value), start=1)
        ]
        context["widget"]["columns"] = [label for _key, label in self.columns]
        return context

    def id_for_label(self, id_):
        return f"{id_}-0-{self.columns[0][0]}" if id_ else id_

    def value_from_datadict(self, data, files, name):
        pattern = re.compile(rf"{re.escape(name)}-(\d+)-(\w+)")
        rows = {}
        for key in data:
            match = pattern.fullmatch(key)
            if match and int(match.group(1)) < MAX_ROWS:
                rows.setdefault(int(match.group(1)), {})[match.group(2)] = data.get(key, "")
        return [rows[number] for number in sorted(rows)]

    def value_omitted_from_data(self, data, files, name):
        return False


class LinkRowsWidget(RowsWidget):
    columns = (("title", gettext_lazy("Titel")), ("url", gettext_lazy("Adresse")))
    row_label = gettext_lazy("Link")


class SourceRowsWidget(RowsWidget):
    columns = (("url", gettext_lazy("Adresse")),)
    row_label = gettext_lazy("Quelle")

    def row_of(self, item):
        return item if isinstance(item, dict) else {"url": item}


def _row_error(label, number, error):
    return ValidationError(
        _("%(row)s %(number)d: %(message)s") % {"row": label, "number": number, "message": error.messages[0]}
    )


class LinkRowsField(forms.Field):
    """[{"title": "Richtlinie", "url": "https://…"}, …]: a row without an
    address is dropped only when it is empty, never silently."""

    widget = LinkRowsWidget

    def to_python(self, value):
        links, errors = [], []
        for number, row in enumerate(value or [], start=1):
            title, url = (row.get("title") or "").strip(), (row.get("url") or "").strip()
            if not (title or url):
                continue
            try:
                if not url:
                    raise ValidationError(_("Die Adresse fehlt."))
                validate_text(title)
                links.append(
                    {"title": title, "url": normalise_url(url)} if title else {"url": normalise_url(url)}
                )
            except ValidationError as error:
                errors.append(_row_error(_("Link"), number, error))
        if errors:
            raise ValidationError(errors)
        return links

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != (initial or [])
        except ValidationError:
            return True


class SourceRowsField(LinkRowsField):
    """["https://…", …]"""

    widget = SourceRowsWidget

    def to_python(self, value):
        urls, errors = [], []
        for number, row in enumerate(value or [], start=1):
            url = (row.get("url") or "").strip()
            if not url:
                continue
            try:
                urls.append(normalise_url(url))
            except ValidationError as error:
                errors.append(_row_error(_("Quelle"), number, error))
        if errors:
            raise ValidationError(errors)
        return urls


class AddressField(forms.CharField):
    """One http(s) address, normalised (a website)."""

    widget = forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false", "class": "vURLField"})

    def to_python(self, value):
        value = super().to_python(value)
        return normalise_url(value) if value else value


class RegionWidget(forms.CheckboxSelectMultiple):
    """Checkbox groups: EU/Bund/Land open, the districts in a <details>
    that is open when one of them is chosen."""

    template_name = "editorial/widgets/regions.html"

    def get_context(self, name, value, attrs):
        # Grouped here, at rendering: the model field resets `choices` to
        # its flat queryset whenever a form is made.
        self.choices = region_choices()
        context = super().get_context(name, value, attrs)
        context["widget"]["groups"] = [
            {
                "label": label,
                "options": options,
                "chosen": sum(1 for option in options if option["selected"]),
                "folded": index > 0,
            }
            for index, (label, options, _index) in enumerate(context["widget"]["optgroups"])
        ]
        return context


def region_choices():
    """[(group label, [(code, label), …]), …] in the vocabulary's order."""
    wide, districts = [], []
    for code, label, level in Region.objects.values_list("code", "label", "level"):
        (wide if level in WIDE_LEVELS else districts).append((code, label))
    return [
        (_("EU, Bund und Land"), wide),
        (_("Landkreise und kreisfreie Städte in Niedersachsen"), districts),
    ]


def region_field(field):
    """The model form's regions field with the grouped widget."""
    field.widget = RegionWidget()
    field.help_text = _(
        "Ein Angebot für ganz Niedersachsen: nur „Landesweit“ wählen; es gilt damit in jedem Landkreis."
    )
    return field
