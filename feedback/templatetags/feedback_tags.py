"""{% load feedback_tags %} {% field_widget form.text %}: the input of a
field with its help text and error tied by `aria-describedby`."""

from django import template

register = template.Library()


@register.simple_tag
def field_widget(field):
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-help")
    attrs = {}
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
