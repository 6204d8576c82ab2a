"""E-mails about revisions (Django mail; the console backend unless an
operator configures SMTP): the Redaktion hears of every submission, the
funder who submitted hears of the outcome. A mail that cannot be sent is
logged and never undoes the save or the decision it reports."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .roles import PUBLISH

log = logging.getLogger(__name__)


def _review_url(revision):
    path = reverse(f"admin:catalogue_{revision.kind}_revision", args=[revision.object_id, revision.pk])
    return settings.ATLAS_BASE_URL.rstrip("/") + path


def redaktion_addresses():
    """Every active user with the publishing right and an address; the
    operator's address when there is none."""
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    addresses = sorted({user.email for user in users if user.has_perm(PUBLISH)})
    return addresses or [settings.ATLAS_OPERATOR["email"]]


def _send(template, revision, recipients):
    context = {"revision": revision, "url": _review_url(revision)}
    subject = " ".join(render_to_string(f"editorial/mail/{template}_subject.txt", context).split())
    body = render_to_string(f"editorial/mail/{template}.txt", context)
    try:
        send_mail(subject, body, None, recipients)
    except OSError:
        log.exception("revision mail %s for revision %s not sent", template, revision.pk)


def revision_submitted(revision):
    _send("submitted", revision, redaktion_addresses())


def revision_decided(revision):
    author = revision.created_by
    if author is not None and author.email and not author.has_perm(PUBLISH):
        _send("decided", revision, [author.email])
