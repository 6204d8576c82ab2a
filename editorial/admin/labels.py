"""Accessible names for the admin inputs Django leaves without a <label>:
the cells of tabular inlines (their only label is the column header) and
the two halves of a date-and-time field. axe-core counts each as a
critical violation; a screen reader announces an unnamed field."""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils.translation import gettext as _


def _inner(widget):
    return widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget


def name_widget(field, label):
    """Give a form field's input(s) an aria-label; returns the field."""
    if field is None:
        return field
    widget = _inner(field.widget)
    if isinstance(widget, forms.SplitDateTimeWidget):
        date, time = widget.widgets
        date.attrs["aria-label"] = _("%(field)s: Datum") % {"field": label}
        time.attrs["aria-label"] = _("%(field)s: Uhrzeit") % {"field": label}
    else:
        widget.attrs["aria-label"] = str(label)
    return field


class LabelledInlineFormSet(forms.BaseInlineFormSet):
    """Inline rows whose every input, the delete box included, has a name."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            name_widget(form.fields["DELETE"], _("Löschen"))


class LabelledInline:
    """Mixin for TabularInline: named inputs and a named first column."""

    template = "editorial/edit_inline/tabular.html"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        return name_widget(field, db_field.verbose_name)
