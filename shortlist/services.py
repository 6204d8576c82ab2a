"""Keeping the Merkliste: find the visitor's list, add, remove. Adding is
safe to repeat and to run twice at once (unique constraints decide)."""

import re
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from catalogue.models import Institution, Programme, Workflow
from catalogue.queries import published

from .models import KEEP_DAYS, MAX_ENTRIES, Shortlist, ShortlistEntry

KINDS = {"programme": Programme, "institution": Institution}
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


def find(token):
    return Shortlist.objects.filter(token=token).first() if token else None


def create():
    """A new list; lists nobody opened for a year go at the same time."""
    Shortlist.objects.filter(seen_at__lt=timezone.now() - timedelta(days=KEEP_DAYS)).delete()
    return Shortlist.objects.create()


def touch(shortlist):
    Shortlist.objects.filter(pk=shortlist.pk).update(seen_at=timezone.now())


def entry_of(data):
    """(kind, published entry) named by a form's `programme` or
    `institution` field, or None."""
    for kind, model in KINDS.items():
        slug = data.get(kind)
        if slug:
            # Only what can be an id reaches the database (PostgreSQL refuses NUL bytes).
            if not SLUG.fullmatch(slug):
                return None
            found = published(model.objects.filter(slug=slug)).first()
            return (kind, found) if found else None
    return None


def add(shortlist, kind, entry):
    """Put an entry on the list; False when the list is full."""
    if shortlist.entries.count() >= MAX_ENTRIES:
        return False
    try:
        with transaction.atomic():
            ShortlistEntry.objects.get_or_create(shortlist=shortlist, **{kind: entry})
    except IntegrityError:  # added in parallel: it is on the list either way
        pass
    return True


def remove(shortlist, kind, entry):
    ShortlistEntry.objects.filter(shortlist=shortlist, **{kind: entry}).delete()


def contents(shortlist):
    """(programmes, institutions) on the list, published ones only, in the order added."""
    entries = list(shortlist.entries.select_related("programme", "institution"))
    programmes = [e.programme for e in entries if e.programme and e.programme.state == Workflow.PUBLISHED]
    institutions = [
        e.institution for e in entries if e.institution and e.institution.state == Workflow.PUBLISHED
    ]
    return programmes, institutions


def holds(shortlist, kind, entry):
    return shortlist is not None and shortlist.entries.filter(**{kind: entry}).exists()
