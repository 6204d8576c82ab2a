"""Addresses of a document normalised before it is checked, as the back
office normalises what an editor enters (`catalogue.validators.normalise_url`):
"https://bürgerstiftung.de/a b" becomes "https://xn--brgerstiftung-wob.de/a%20b"
with a warning, instead of failing the schema's "uri" format. What cannot be
normalised is left as it is, for the schema to report."""

import copy

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from catalogue.validators import normalise_url

from .fields import LISTS
from .validation import DocumentEntry, finding

# Where an entry holds addresses: (key, how to reach the URLs inside it).
SINGLE, EACH, EACH_URL = "single", "each", "each_url"
ADDRESS_FIELDS = (("website", SINGLE), ("sources", EACH), ("links", EACH_URL))


def _normalised(value):
    if not isinstance(value, str):
        return value
    try:
        return normalise_url(value)
    except ValidationError:
        return value


def _addresses(item):
    """(field path, getter/setter pair) of every address in an entry."""
    for key, shape in ADDRESS_FIELDS:
        value = item.get(key)
        if shape == SINGLE and isinstance(value, str):
            yield key, item, key
        elif shape == EACH and isinstance(value, list):
            for i in range(len(value)):
                yield f"{key}[{i}]", value, i
        elif shape == EACH_URL and isinstance(value, list):
            for i, link in enumerate(value):
                if isinstance(link, dict) and "url" in link:
                    yield f"{key}[{i}].url", link, "url"


def normalise_document(source, data):
    """(a copy of `data` with normalised addresses, a warning per change);
    `data` itself is left alone."""
    if not isinstance(data, dict):
        return data, []
    data, warnings = copy.deepcopy(data), []
    for key, kind in LISTS.items():
        items = data.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                continue
            for path, holder, slot in _addresses(item):
                before = holder[slot]
                after = _normalised(before)
                if after != before:
                    holder[slot] = after
                    message = _("Adresse vereinheitlicht: „%(before)s“ → „%(after)s“.") % {
                        "before": before,
                        "after": after,
                    }
                    entry = DocumentEntry(source, kind, index, item)
                    warnings.append(finding(entry, path, message, "url_normalised"))
    return data, warnings
