"""An entry in the visitor's language: its translated title and "Kurz
gesagt" summary (`catalogue.translations`), and whether the page must say
that the rest is German."""

from dataclasses import dataclass

from django import template
from django.utils.translation import get_language

from catalogue.translations import for_language

from .. import glossary

register = template.Library()


@dataclass(frozen=True)
class InLanguage:
    title: str  # the translated title, or ""
    summary: str  # the summary in the visitor's language, else the German one, or ""
    summary_is_german: bool
    german_page: bool  # the page is German: nothing to announce


@register.simple_tag
def in_visitor_language(entry):
    language = (get_language() or "de").split("-")[0]
    title, summary, summary_is_german = for_language(entry, language)
    return InLanguage(title, summary, summary_is_german, language == "de")


@register.simple_tag
def glossary_url(anchor):
    """The glossary entry explaining a jargon word, in the page's language."""
    return glossary.url(anchor)


@register.filter
def glossary_links(text):
    """The first use of each glossary term in a German text, linked to the Glossar."""
    return glossary.link_terms(text)
