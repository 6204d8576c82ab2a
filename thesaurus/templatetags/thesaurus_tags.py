"""The Suche page's filter suggestions: a query that names a vocabulary
value in any language ("жінки", "Sprachkurs") offers that value's filter."""

from django import template

from search.text import TextQuery

from .. import expansion

register = template.Library()


@register.simple_tag
def filter_suggestions(result):
    """The facet values (with label, count and toggle URL) the query's words
    name, not yet chosen and with results."""
    pairs = expansion.filters_named(TextQuery.parse(result.query))
    if not pairs:
        return []
    values = {(group.name, value.value): (group, value) for group in result.facets for value in group.values}
    found = [values.get(pair) for pair in pairs]
    return [(group, value) for group, value in filter(None, found) if not value.selected and value.count]
