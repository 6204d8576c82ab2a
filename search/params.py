"""The search as a URL: the whole state lives in the query string.

`QueryState` holds the valid, cleaned parameters and builds the links of
the page — facet toggles, filter removal, sorting, pagination — as "?…"
strings relative to the current path (they work under every language
prefix). Every link that changes the result set leaves out `page`, so
the user starts again on page 1. Model: `path_with_added_args` in datasette.
"""

from urllib.parse import urlencode

from .forms import MULTI_VALUED, SINGLE_VALUED

# The order of the parameters in every link: the text, the vocabulary filters,
# then the single values, as the search form declares them.
ORDER = ("q", *MULTI_VALUED, *(name for name in SINGLE_VALUED if name != "q"))


def _encoded(name, values):
    """ "region=03155&region=ni": one parameter as `urlencode` writes it."""
    return urlencode([(name, value) for value in values])


class QueryState:
    def __init__(self, values):
        """values: {"q": ["Sport"], "region": ["03155", "ni"], …}; empty ones are dropped."""
        self.values = {name: [str(v) for v in values.get(name) or () if str(v) != ""] for name in ORDER}
        # Each parameter encoded once: a page builds a hundred links that
        # differ from this state in one parameter each.
        self._encoded = {name: _encoded(name, values) for name, values in self.values.items()}

    def url(self, **changes):
        """The query string with some parameters replaced (a list, or None to drop)."""
        parts = (
            _encoded(name, list(changes[name] or ())) if name in changes else self._encoded[name]
            for name in ORDER
        )
        return "?" + "&".join(part for part in parts if part)

    def selected(self, name, value):
        return value in self.values[name]

    def toggle(self, name, value):
        """Add `value` to the parameter `name`, or take it away if it is there."""
        current = self.values[name]
        new = [v for v in current if v != value] if value in current else [*current, value]
        return self.url(**{name: new, "page": None})

    def without(self, name, value=None):
        """Drop one value of a parameter, or all of it."""
        kept = [v for v in self.values[name] if value is not None and v != value]
        return self.url(**{name: kept, "page": None})

    def page(self, number):
        return self.url(page=[number] if number > 1 else None)
