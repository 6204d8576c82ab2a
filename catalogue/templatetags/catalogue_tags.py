"""Template filters of the catalogue: `{{ programme.description|markdown }}`."""

from django import template
from django.utils.safestring import mark_safe

from catalogue.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown to sanitised HTML; safe because `render_markdown`
    escapes raw HTML and passes the result through an allow-list."""
    return mark_safe(render_markdown(text))
