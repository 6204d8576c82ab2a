"""`manage.py send_check_reminders`: ask funder accounts to confirm their
entries, and delete what is no longer kept. Meant for cron (README); safe
to run as often as you like.

1. Every published entry not checked for `CHECK_AFTER_DAYS` (or never) whose
   institution has a Förderer account: each account gets one mail listing
   its entries, each with a one-click "Angaben stimmen noch" link and the
   link to correct it in the Redaktion. An entry is asked about again only
   after `ASK_AGAIN_DAYS`.
2. Whoever suggested a programme that is now published and left an address
   is told so; a suggestion's personal data (address) is deleted once the
   Redaktion has decided (published or archived), at the latest after
   `KEEP_CLOSED_DAYS`.
3. Closed reports older than `KEEP_CLOSED_DAYS`, decided account requests as
   old and check links older than `LINK_DAYS` are deleted.
"""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from catalogue.models import Institution, Programme, ProgrammeInstitution, Workflow
from catalogue.queries import published
from editorial.models import FunderAccount

from . import mails
from .models import KEEP_CLOSED_DAYS, AccountRequest, CheckRequest, Report, Suggestion

log = logging.getLogger(__name__)

CHECK_AFTER_DAYS = 182
ASK_AGAIN_DAYS = 30
LINK_DAYS = 90


@dataclass
class Run:
    mails: int = 0
    entries: int = 0
    failed: int = 0
    told: int = 0
    deleted: int = 0


def stale(model, on):
    """Published entries not checked for six months (or never)."""
    limit = on - timedelta(days=CHECK_AFTER_DAYS)
    return published(model.objects.filter(Q(last_checked__isnull=True) | Q(last_checked__lt=limit)))


def _institutions_of(programmes):
    links = ProgrammeInstitution.objects.filter(programme__in=programmes).values_list(
        "programme", "institution"
    )
    found = defaultdict(set)
    for programme, institution in links:
        found[programme].add(institution)
    return found


def entries_by_user(on):
    """{user: [entry, …]} of the stale entries each funder account speaks for."""
    accounts = (
        FunderAccount.objects.filter(user__is_active=True).exclude(user__email="").select_related("user")
    )
    speaks_for = {
        account.user: set(account.institutions.values_list("pk", flat=True)) for account in accounts
    }
    if not speaks_for:
        return {}
    institutions = list(stale(Institution, on))
    programmes = list(stale(Programme, on))
    linked = _institutions_of([p.pk for p in programmes])
    found = {}
    for user, own in speaks_for.items():
        entries = [i for i in institutions if i.pk in own] + [p for p in programmes if linked[p.pk] & own]
        if entries:
            found[user] = entries
    return found


def _asked_lately(user, entries, now):
    since = now - timedelta(days=ASK_AGAIN_DAYS)
    asked = CheckRequest.objects.filter(user=user, sent_at__gte=since)
    return {("programme", pk) for pk in asked.values_list("programme", flat=True) if pk} | {
        ("institution", pk) for pk in asked.values_list("institution", flat=True) if pk
    }


def _key(entry):
    return ("institution" if isinstance(entry, Institution) else "programme", entry.pk)


def _edit_url(entry):
    return mails.absolute(reverse(f"admin:catalogue_{entry._meta.model_name}_change", args=[entry.pk]))


def ask(user, entries, now, connection):
    """One mail to `user` about the entries not asked about lately; the
    requests are kept only when the mail went out (else: next run)."""
    asked = _asked_lately(user, entries, now)
    entries = [e for e in entries if _key(e) not in asked]
    if not entries:
        return 0
    requests = [CheckRequest.objects.create(user=user, **{_key(e)[0]: e}) for e in entries]
    language = settings.LANGUAGE_CODE
    with translation.override(language):
        items = [(r.entry, mails.link("feedback:check", r.token), _edit_url(r.entry)) for r in requests]
    message = mails.check_reminder(user, items, language)
    message.connection = connection
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        log.exception("feedback: a check reminder could not be sent; it is tried again next run")
        CheckRequest.objects.filter(pk__in=[r.pk for r in requests]).delete()
        return -1
    return len(entries)


def tell_suggesters(connection):
    """Mail those whose suggestion is published; forget every decided suggestion."""
    decided = Suggestion.objects.filter(programme__state__in=[Workflow.PUBLISHED, Workflow.ARCHIVED])
    told = 0
    for suggestion in (
        decided.filter(programme__state=Workflow.PUBLISHED).exclude(email="").select_related("programme")
    ):
        message = mails.suggestion_published(suggestion)
        message.connection = connection
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            log.exception("feedback: a suggester could not be told; tried again next run")
            decided = decided.exclude(pk=suggestion.pk)
            continue
        told += 1
    decided.delete()
    return told


def clean_up(now):
    limit = now - timedelta(days=KEEP_CLOSED_DAYS)
    deleted = Report.objects.filter(closed_at__lt=limit).delete()[0]
    deleted += AccountRequest.objects.filter(decided_at__lt=limit).delete()[0]
    deleted += Suggestion.objects.filter(created_at__lt=limit).delete()[0]
    deleted += CheckRequest.objects.filter(sent_at__lt=now - timedelta(days=LINK_DAYS)).delete()[0]
    return deleted


def run(on, now=None):
    from django.core import mail

    now = now or timezone.now()
    result = Run()
    # One connection object; it opens on the first send (a server that is
    # down fails each mail, which is logged and tried again next run).
    connection = mail.get_connection()
    for user, entries in entries_by_user(on).items():
        sent = ask(user, entries, now, connection)
        if sent < 0:
            result.failed += 1
        elif sent:
            result.mails += 1
            result.entries += sent
    result.told = tell_suggesters(connection)
    result.deleted = clean_up(now)
    return result
