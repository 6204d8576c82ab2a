"""The Suche page's Jinja2 fragments (public/search_fragments.py) for Django
templates: the map shows the same filter groups."""

from django import template

from .. import search_fragments

register = template.Library()


@register.simple_tag
def facet_group(group, result):
    return search_fragments.facet_group(group, result)
