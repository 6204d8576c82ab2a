"""Language links and translated vocabulary labels for the public templates.

{% load atlas_i18n %}
{% language_links as languages %}   → the same page in every language
{{ area|vocab_label }}              → "Sport und Bewegung" in the active language
"""

from django import template
from django.conf import settings
from django.urls import Resolver404, resolve, reverse, translate_url
from django.utils.translation import get_language, get_language_info, override

from public.vocabulary_labels import translate_label

register = template.Library()


def same_page_in(request, code):
    """The current page (path and query string) in language `code`, e.g.
    "/suche/?q=Sport" → "/en/suche/?q=Sport". A page that does not resolve
    (a 404) or has no language prefix (the API documentation) leads to the
    start page of that language instead."""
    full_path = request.get_full_path()
    try:
        resolve(request.path_info)
    except Resolver404:
        return start_page_in(code)
    translated = translate_url(full_path, code)
    if translated == full_path and code != get_language():
        return start_page_in(code)
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
