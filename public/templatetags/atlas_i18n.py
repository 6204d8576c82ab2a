"""Language links and translated vocabulary labels for the public templates.

{% load atlas_i18n %}
{% language_links as languages %}   → the same page in every language
{{ area|vocab_label }}              → "Sport und Bewegung" in the active language
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.translation import get_language, get_language_info, override

from public.vocabulary_labels import translate_label

register = template.Library()


def same_page_in(request, code):
    """The current page (path and query string) in language `code`, e.g.
    "/suche/?q=Sport" → "/en/suche/?q=Sport". A page that does not resolve
    (a 404) or has no language prefix (the API documentation) leads to the
    start page of that language instead."""
    translated = _same_path_in(request.path_info, escape_uri_path(request.path), get_language(), code)
    if translated is None:
        return start_page_in(code)
    query = request.META.get("QUERY_STRING", "")
    return f"{translated}?{iri_to_uri(query)}" if query else translated


@lru_cache(maxsize=4096)
def _same_path_in(path_info, path, current, code):
    """The path in language `code`, or None where the start page of that
    language stands in; kept, as every page links itself in every language."""
    try:
        resolve(path_info)
    except Resolver404:
        return None
    translated = translate_url(path, code)
    if translated == path and code != current:
        return None
    return translated


def start_page_in(code):
    with override(code):
        return reverse("public:start")


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language in settings.LANGUAGES, in that order:
    {"code": "ar", "name": "العربية", "url": "/ar/…", "bidi": True, "current": False}."""
    request = context["request"]
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": same_page_in(request, code),
            "bidi": get_language_info(code)["bidi"],
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.filter
def vocab_label(value):
    """The translated label of a vocabulary value (or of a label string)."""
    return translate_label(getattr(value, "label", value))
