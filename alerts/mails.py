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


# Stands for the recipient's token in a mail rendered once for many (see `alert`).
_TOKEN = "0TOKEN0"


def _render(template, context, language, token):
    """(subject, body) of a mail in `language`, with links for `token`."""
    with translation.override(language):
        context = {
            **context,
            "site_name": settings.ATLAS_SITE_NAME,
            "manage_url": link("alerts:manage", token),
            "unsubscribe_url": link("alerts:unsubscribe", token),
        }
        subject = " ".join(render_to_string(f"alerts/mail/{template}_subject.txt", context).split())
        return subject, render_to_string(f"alerts/mail/{template}.txt", context)


def _message(recipient, subject, body, *, one_click=True):
    headers = {"Auto-Submitted": "auto-generated"}
    if one_click:
        with translation.override(recipient.language):
            headers["List-Unsubscribe"] = f"<{link('alerts:unsubscribe', recipient.token)}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email], headers=headers)


def search_url(search):
    return link("search:search", query=search.query)


def confirmation(recipient, what):
    """The one mail an unconfirmed address ever gets: a link to confirm.
    `what` says in words what was asked for."""
    with translation.override(recipient.language):
        context = {"confirm_url": link("alerts:confirm", recipient.token), "what": what}
    subject, body = _render("confirm", context, recipient.language, recipient.token)
    return _message(recipient, subject, body, one_click=False)


def alert(subscription, items, rendered=None):
    """The alert listing `items`. Subscribers of one search told the same
    news in the same language get the same mail but for their token: with
    a `rendered` dict it is rendered once for all of them."""
    rendered = {} if rendered is None else rendered
    key = (subscription.search.pk, subscription.language, tuple(items))
    if key not in rendered:
        context = {"items": items, "search_url": search_url(subscription.search)}
        rendered[key] = _render("alert", context, subscription.language, _TOKEN)
    subject, body = rendered[key]
    return _message(subscription, subject, body.replace(_TOKEN, subscription.token))


def reminder(reminder, item, days):
    subject, body = _render("reminder", {"item": item, "days": days}, reminder.language, reminder.token)
    return _message(reminder, subject, body)


def describe_search(query):
    """The search in a few words for subjects and pages, e.g. "Sport, 2 Filter"."""
    params = QueryDict(query)
    words = params.get("q", "")
    filters = sum(len(params.getlist(name)) for name in params if name != "q")
    return words, filters
