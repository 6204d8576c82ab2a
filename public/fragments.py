"""The one way a page puts in a Jinja2 fragment (`<app>/jinja2/`, ADR 0010):
rendered with the environment of atlas/jinja2.py, whose globals hold the
helpers the fragments call, as safe HTML."""

from django.template import engines
from django.utils.safestring import mark_safe


def fragment(name, context):
    """The fragment `name` rendered with `context`, as safe HTML."""
    return mark_safe(engines["jinja2"].get_template(name).render(context))  # noqa: S308 (autoescape is on)
