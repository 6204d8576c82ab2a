"""Merken buttons for cards and detail pages: plain POST forms, no JavaScript."""

from django import template

from shortlist import services
from shortlist.views import COOKIE

register = template.Library()


@register.inclusion_tag("shortlist/includes/page_button.html", takes_context=True)
def shortlist_form(context, kind, entry):
    """A detail page's form: "Merken", or "Von der Merkliste nehmen" when the
    visitor's list holds it (the page varies by cookie, see public.views)."""
    request = context["request"]
    shortlist = services.find(request.COOKIES.get(COOKIE))
    return {
        "kind": kind,
        "entry": entry,
        "shortlist": shortlist,
        "held": services.holds(shortlist, kind, entry),
        "here": request.get_full_path(),
    }


@register.inclusion_tag("shortlist/includes/card_button.html", takes_context=True)
def shortlist_card_button(context, hit):
    """A result card's button inside the search form (pages of results are
    cached for everyone, so it always offers to add; adding twice is harmless)."""
    return {"hit": hit, "here": context["request"].get_full_path()}
