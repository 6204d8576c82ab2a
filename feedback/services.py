"""What the forms and the Redaktion do, free of HTTP: store a report, a
suggestion or an account request; close a report; approve or decline a
request; record a funder's "Angaben stimmen noch".

A suggestion becomes a programme in state "In Prüfung" with its first
revision waiting for review (never public until an editor publishes that
revision) through `create_suggested_programme`.
"""

import logging
import secrets
import smtplib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalogue.models import Institution, Workflow
from catalogue.status import today
from editorial import revisions
from editorial.models import FunderAccount, Revision
from editorial.roles import FOERDERER

from . import mails
from .models import AccountRequest, Report, Suggestion

log = logging.getLogger(__name__)


def _send(message):
    """Send one mail; a mail server failing is logged, never shown to a visitor."""
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        log.exception("feedback: a mail could not be sent")
        return False
    return True


def report(entry, cleaned, *, language):
    target = {"institution": entry} if isinstance(entry, Institution) else {"programme": entry}
    return Report.objects.create(
        **target, kind=cleaned["kind"], text=cleaned["text"], email=cleaned["email"], language=language
    )


def close_report(report, note, user):
    """Close a report with a note; the reporter, if they left an address,
    gets the note by mail. Closing twice changes nothing."""
    closed = Report.objects.filter(pk=report.pk, closed_at__isnull=True).update(
        closed_at=timezone.now(), closed_by=user, closing_note=note
    )
    report.refresh_from_db()
    if closed and report.email:
        _send(mails.report_closed(report))
    return bool(closed)


def _suggestion_slug(title):
    # Unique without asking the database; the Redaktion may rename it when publishing.
    return f"{slugify(title)[:150] or 'vorschlag'}-vorschlag-{secrets.token_hex(4)}"


def create_suggested_programme(fields, regions):
    """A programme nobody sees but the Redaktion: state "In Prüfung" and a
    revision waiting for review (editorial.revisions), so it stands in the
    moderation queue and the Redaktion is told by mail."""
    from catalogue.models import Programme

    reason = _("Vorschlag über das Formular „Förderung vorschlagen“")
    programme = Programme(slug=_suggestion_slug(fields["title"]), state=Workflow.REVIEW, **fields)
    programme._change_reason = reason
    programme.save()
    programme.regions.set(regions)
    revisions.submitted(revisions.record(programme, Revision.State.REVIEW, reason=reason))
    return programme


@transaction.atomic
def suggest(cleaned, *, language):
    fields = {
        name: cleaned[name]
        for name in ("title", "amount_text", "deadline_note", "eligible_text", "description")
    }
    fields["links"] = [{"title": "", "url": cleaned["link"]}]
    fields["last_checked"] = None
    programme = create_suggested_programme(fields, [cleaned["region"]] if cleaned["region"] else [])
    return Suggestion.objects.create(
        programme=programme, funder_name=cleaned["funder"], email=cleaned["email"], language=language
    )


def request_account(institution, cleaned, *, language):
    return AccountRequest.objects.create(
        institution=institution,
        name=cleaned["name"],
        position=cleaned["position"],
        email=cleaned["email"],
        message=cleaned["message"],
        language=language,
    )


def _funder_user(email, name):
    """The login for `email`: an existing one, or a new one without a
    password (the invitation sets it)."""
    users = get_user_model()
    user = users.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        first, _space, last = name.partition(" ")
        user = users(username=email, email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
    user.is_staff = True
    user.save()
    user.groups.add(Group.objects.get(name=FOERDERER))
    return user


def password_url(user, language):
    with translation.override(language):
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        return mails.link("feedback:set_password", uid, default_token_generator.make_token(user))


def approve(account_request):
    """A Förderer account for the request's institution and an invitation
    to set a password. Deciding twice changes nothing and mails nothing."""
    decided = _approve(account_request)
    if decided is None:
        return False
    _send(mails.invitation(decided, password_url(decided.user, decided.language)))
    return True


@transaction.atomic
def _approve(account_request):
    locked = AccountRequest.objects.select_for_update().get(pk=account_request.pk)
    if locked.decided_at:
        return None
    user = _funder_user(locked.email, locked.name)
    account, _created = FunderAccount.objects.get_or_create(user=user)
    account.institutions.add(locked.institution_id)
    locked.decided_at, locked.approved, locked.user = timezone.now(), True, user
    locked.save(update_fields=["decided_at", "approved", "user"])
    return locked


def decline(account_request):
    return bool(
        AccountRequest.objects.filter(pk=account_request.pk, decided_at__isnull=True).update(
            decided_at=timezone.now(), approved=False
        )
    )


def confirm_check(check_request):
    """ "Angaben stimmen noch": the entry is checked today, by the funder
    (the history names them). Confirming twice changes nothing more."""
    if check_request.confirmed_at:
        return False
    entry = check_request.entry
    entry.last_checked = today()
    entry._change_reason = _("Vom Förderer bestätigt: Angaben stimmen noch")
    entry._history_user = check_request.user
    entry.save(update_fields=["last_checked", "updated_at"])
    check_request.confirmed_at = timezone.now()
    check_request.save(update_fields=["confirmed_at"])
    return True
