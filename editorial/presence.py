"""„Wird gerade bearbeitet von …“: who has opened an entry's change form in
the last minutes. Kept in the shared cache (every worker sees it), one small
map per entry {user name: last time seen}; a hint, not a lock — the version
check (`locking`) is what protects a save."""

import time

from django.core.cache import cache

WINDOW_SECONDS = 10 * 60


def _key(entry):
    return f"editorial:editing:{entry._meta.model_name}:{entry.pk}"


def editing(entry, user):
    """Note that `user` has the change form of `entry` open now."""
    now = time.time()
    seen = {
        name: when for name, when in (cache.get(_key(entry)) or {}).items() if now - when < WINDOW_SECONDS
    }
    seen[user.get_username()] = now
    cache.set(_key(entry), seen, WINDOW_SECONDS)


def others_editing(entry, user):
    """Names of the other users who opened the form within the window."""
    now = time.time()
    seen = cache.get(_key(entry)) or {}
    return sorted(
        name for name, when in seen.items() if name != user.get_username() and now - when < WINDOW_SECONDS
    )
