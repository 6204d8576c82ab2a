"""Spam defences of the forms visitors send, without any third party:

- a honeypot field people never see (`HONEYPOT`): filled in, the form is
  quietly dropped (the sender sees the usual thank-you page);
- a signed time stamp (`STAMP`): missing or forged, the form is dropped;
  sent sooner than ATLAS_FEEDBACK_MIN_SECONDS after the page was served, or
  after `STAMP_MAX_AGE`, the person is asked to send again;
- links counted in the free texts (at most `MAX_LINKS`);
- sends per client and minute (ATLAS_FEEDBACK_RATE_LIMIT, `ops.limits`).
CSRF is Django's middleware; length limits are the fields' own.
"""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ops.limits import over_limit

HONEYPOT = "homepage"
STAMP = "started"
STAMP_SALT = "feedback.form-started"
STAMP_MAX_AGE = 24 * 3600
MAX_LINKS = 2
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)


def count_links(text):
    return len(LINK.findall(text or ""))


def new_stamp():
    return signing.dumps(time.time(), salt=STAMP_SALT)


def stamp_age(value):
    """Seconds since the stamp was made, or None for a missing or forged one."""
    try:
        return time.time() - float(signing.loads(value, salt=STAMP_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def too_many_sends(request):
    """Seconds to wait when this client has sent enough forms this minute, else 0."""
    client = request.META.get("REMOTE_ADDR", "")
    return over_limit("feedback", client, settings.ATLAS_FEEDBACK_RATE_LIMIT)


class GuardedForm:
    """Mixin for a form: the honeypot and the time stamp. `is_spam` tells a
    machine's send (drop it, answer as usual) from a person's mistakes
    (form errors). `link_fields` name the free texts whose links count."""

    link_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT] = forms.CharField(required=False, max_length=200)
        self.fields[STAMP] = forms.CharField(required=False, max_length=200)

    @property
    def is_spam(self):
        if not self.is_bound:
            return False
        return bool(self.data.get(HONEYPOT)) or stamp_age(self.data.get(STAMP)) is None

    def stamp(self):
        """The stamp the page carries: the one sent while it is valid (the
        time the person started), else a new one."""
        sent = self.data.get(STAMP) if self.is_bound else None
        age = stamp_age(sent)
        return sent if age is not None and age <= STAMP_MAX_AGE else new_stamp()

    def clean(self):
        cleaned = super().clean()
        age = stamp_age(self.data.get(STAMP))
        if age is not None and age < settings.ATLAS_FEEDBACK_MIN_SECONDS:
            raise forms.ValidationError(
                _(
                    "Das ging sehr schnell. Bitte prüfen Sie Ihre Angaben und senden Sie das Formular "
                    "noch einmal."
                ),
                code="too_fast",
            )
        if age is not None and age > STAMP_MAX_AGE:
            raise forms.ValidationError(
                _("Das Formular war sehr lange geöffnet. Bitte senden Sie es noch einmal."), code="too_old"
            )
        for name in self.link_fields:
            if count_links(cleaned.get(name)) > MAX_LINKS:
                self.add_error(name, forms.ValidationError(_too_many_links(), code="too_many_links"))
        return cleaned


def _too_many_links():
    return ngettext(
        "Bitte nennen Sie hier höchstens %(count)d Link.",
        "Bitte nennen Sie hier höchstens %(count)d Links.",
        MAX_LINKS,
    ) % {"count": MAX_LINKS}
