"""The mails of the feedback app, plain text, rendered in the language the
person used; every link absolute (`ATLAS_BASE_URL`)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute(path):
    return settings.ATLAS_BASE_URL.rstrip("/") + path


def link(name, *args):
    """An absolute URL in the active language (the URL carries its prefix)."""
    return absolute(reverse(name, args=args))


def message(template, context, *, to, language):
    """An EmailMessage from `feedback/mail/<template>.txt` and `…_subject.txt`."""
    with translation.override(language):
        context = {**context, "site_name": settings.ATLAS_SITE_NAME}
        subject = " ".join(render_to_string(f"feedback/mail/{template}_subject.txt", context).split())
        body = render_to_string(f"feedback/mail/{template}.txt", context)
    headers = {"Auto-Submitted": "auto-generated"}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)


def report_closed(report):
    return message(
        "report_closed",
        {"report": report, "entry_url": absolute(report.entry.get_absolute_url())},
        to=report.email,
        language=report.language,
    )


def invitation(account_request, password_url):
    return message(
        "invitation",
        {
            "request": account_request,
            "password_url": password_url,
            "login_url": absolute(reverse("admin:index")),
        },
        to=account_request.email,
        language=account_request.language,
    )


def check_reminder(user, items, language):
    """`items`: (entry, confirm_url, edit_url) of every entry to confirm."""
    return message("check_reminder", {"user": user, "items": items}, to=user.email, language=language)


def suggestion_published(suggestion):
    programme = suggestion.programme
    return message(
        "suggestion_published",
        {"programme": programme, "url": absolute(programme.get_absolute_url())},
        to=suggestion.email,
        language=suggestion.language,
    )
