"""Signing up, confirming, changing and unsubscribing: what the views do,
free of HTTP. Every step is safe to repeat and to run twice at once (a
double-clicked form, two tabs confirming): unique constraints decide, and
a lost race reads the winner's row."""

import logging
import smtplib

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import limits, mails, watching
from .models import Reminder, Subscription

log = logging.getLogger(__name__)


def _pending_or_existing(model, email, language, consent_text, **what):
    """(row, created). An existing pending row gets the new language and
    consent; a confirmed one stays as it is."""
    defaults = {"language": language, "consent_text": consent_text}
    try:
        with transaction.atomic():
            row, created = model.objects.get_or_create(email=email, **what, defaults=defaults)
    except IntegrityError:  # the same sign-up in parallel: theirs counts
        return model.objects.get(email=email, **what), False
    if not created and not row.confirmed:
        model.objects.filter(pk=row.pk).update(**defaults)
    return row, created


def _send_confirmation(row, what):
    """Send the confirmation mail unless the address had enough today;
    a mail server failing is logged, the person sees the same page."""
    if row.confirmed or not limits.address_allowed(row.email):
        return False
    try:
        mails.confirmation(row, what).send()
    except (smtplib.SMTPException, OSError):
        log.exception("alerts: the confirmation mail could not be sent")
        return False
    return True


def subscribe(email, params, *, language, consent_text, what):
    """Store a pending alert for the search `params` (QueryDict) and send
    the confirmation mail. Asking again for a confirmed alert sends nothing."""
    search = watching.watched_search(params)
    row, _created = _pending_or_existing(Subscription, email, language, consent_text, search=search)
    _send_confirmation(row, what)
    return row


def remind(email, programme, *, language, consent_text, what):
    row, _created = _pending_or_existing(Reminder, email, language, consent_text, programme=programme)
    _send_confirmation(row, what)
    return row


def confirm(row):
    """Confirm a pending alert; an alert starts from what its search finds
    now, so the first mail holds only what is new after this moment."""
    if row.confirmed:
        return row
    if isinstance(row, Subscription):
        watching.refresh(row.search)
    now = timezone.now()
    # Only the first of two parallel confirmations writes; both see it confirmed.
    type(row).objects.filter(pk=row.pk, confirmed_at__isnull=True).update(
        confirmed_at=now, **_start(row, now)
    )
    row.refresh_from_db()
    return row


def _start(row, now):
    return {"told_until": now} if isinstance(row, Subscription) else {}


def change_search(subscription, params):
    """Point an alert at another search; it starts afresh from what that
    finds now. If the address already watches that search, the two become one."""
    search = watching.watched_search(params)
    if search.pk == subscription.search_id:
        return subscription
    if Subscription.objects.filter(email=subscription.email, search=search).exists():
        subscription.delete()
        return Subscription.objects.get(email=subscription.email, search=search)
    watching.refresh(search)
    subscription.search = search
    if subscription.confirmed:
        subscription.told_until = timezone.now()
    subscription.save(update_fields=["search", "told_until"])
    return subscription


def unsubscribe(row):
    """Delete at once: nothing of the address is kept."""
    type(row).objects.filter(pk=row.pk).delete()
