"""The hot fragments of the Suche page — the result list, the cards' bodies
and the filters — rendered with Jinja2 and put into the Django page as safe
HTML (docs/adr/0010-jinja2-for-hot-fragments.md): a distinct search renders
about a thousand template nodes and a hundred filter checkboxes, and Django's
template engine made that half of the page's time.

The fragments' own words are `{{ _("…") }}` in the templates (Django's
makemessages reads that form); words with a number (plurals) and the helpers
the templates call (HELPERS, globals of the Jinja2 environment) are here.
"""

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils.formats import localize
from django.utils.translation import gettext, ngettext

from catalogue.vocabularies import translate_label

from .fragments import fragment
from .status_line import status_badge
from .templatetags.public_tags import distinct_institutions
from .templatetags.translation_tags import in_visitor_language


def checked_words(months):
    return ngettext(
        "zuletzt geprüft vor %(months)s Monat", "zuletzt geprüft vor %(months)s Monaten", months
    ) % {"months": months}


def more_words(group_name, count):
    """The "show all" of a filter group with more values than it shows."""
    if group_name == "region":
        words = ngettext(
            "%(counter)s Landkreis oder kreisfreie Stadt anzeigen",
            "Alle %(counter)s Landkreise und kreisfreien Städte anzeigen",
            count,
        )
    else:
        words = ngettext("%(counter)s Wert anzeigen", "Alle %(counter)s Werte anzeigen", count)
    return words % {"counter": count}


def toggle_words(active):
    """The filters' button on small screens: "Filter (3)"."""
    if not active:
        return gettext("Filter")
    return ngettext("Filter (%(counter)s)", "Filter (%(counter)s)", active) % {"counter": active}


def number(value):
    """A count as the page's language writes it ("1.234"). No language
    groups the digits of a number below 1,000, and a page shows about a
    hundred counts: those skip Django's locale lookup."""
    if type(value) is int and 0 <= value < 1000:
        return str(value)
    return localize(value)


def value_of(form, name):
    """A field's value as typed, "" when there is none."""
    value = form[name].value()
    return "" if value is None else value


HELPERS = {
    "in_visitor_language": in_visitor_language,
    "distinct_institutions": distinct_institutions,
    "status_badge": status_badge,
    "translate_label": translate_label,
    "checked_words": checked_words,
    "more_words": more_words,
    "number": number,
    "value_of": value_of,
}


def card(hit):
    """The body of `hit`'s card (search.results.Hit), the same for every search."""
    return fragment("public/search/card.html", {"hit": hit})


def results(hits, request):
    """The page's result list, cards attached (public.cards.attach)."""
    shortlist_add = reverse("shortlist:add") + "?next=" + quote(request.get_full_path())
    base_url = settings.ATLAS_BASE_URL.rstrip("/")
    return fragment(
        "public/search/results.html", {"hits": hits, "shortlist_add": shortlist_add, "base_url": base_url}
    )


def facet_group(group, result):
    """One filter group (the Suche page and the map)."""
    return fragment("public/search/facet_group.html", {"group": group, "result": result})


def filters(result):
    """The Suche page's filters: every facet group, amount and deadline."""
    toggle = toggle_words(len(result.active_filters))
    return fragment("public/search/filters.html", {"result": result, "toggle_words": toggle})
