"""The mails alerts send, as Django EmailMessages (plain text), rendered in
the language the person used. Every link is absolute (`ATLAS_BASE_URL`);
every mail after confirmation carries the one-click unsubscribe of RFC 8058.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from catalogue.status import Status


def absolute(path):
    return settings.ATLAS_BASE_URL.rstrip("/") + path


def link(name, *args, query=""):
    """An absolute URL in the active language (the URL carries its prefix)."""
    return absolute(reverse(name, args=args)) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Item:
    """One programme as a mail lists it (computed once per run)."""

    title: str
    path: str
    status: Status
    next_deadline: date | None

    @property
    def url(self):
        return absolute(self.path)


def _message(recipient, template, context, *, one_click=True):
    with translation.override(recipient.language):
        context = {
            **context,
            "recipient": recipient,
            "site_name": settings.ATLAS_SITE_NAME,
            "manage_url": link("alerts:manage", recipient.token),
            "unsubscribe_url": link("alerts:unsubscribe", recipient.token),
        }
        subject = " ".join(render_to_string(f"alerts/mail/{template}_subject.txt", context).split())
        body = render_to_string(f"alerts/mail/{template}.txt", context)
        headers = {"Auto-Submitted": "auto-generated"}
        if one_click:
            headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email], headers=headers)


def search_url(search):
    return link("search:search", query=search.query)


def confirmation(recipient, what):
    """The one mail an unconfirmed address ever gets: a link to confirm.
    `what` says in words what was asked for."""
    context = {"confirm_url": link("alerts:confirm", recipient.token), "what": what}
    return _message(recipient, "confirm", context, one_click=False)


def alert(subscription, items):
    context = {"items": items, "search_url": search_url(subscription.search)}
    return _message(subscription, "alert", context)


def reminder(reminder, item, days):
    return _message(reminder, "reminder", {"item": item, "days": days})


def describe_search(query):
    """The search in a few words for subjects and pages, e.g. "Sport, 2 Filter"."""
    params = QueryDict(query)
    words = params.get("q", "")
    filters = sum(len(params.getlist(name)) for name in params if name != "q")
    return words, filters
