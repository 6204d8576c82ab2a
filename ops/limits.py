"""Limits that hold across worker processes and servers: counted in the
shared cache (CACHES["default"]: the database, or Redis with REDIS_URL).

`over_limit` is a fixed window per client and minute; `Slots` bounds how
many of a costly kind of request (exports) run at once. Both are cheap
approximations: with the database cache two workers may both read a count
before either writes, so a limit can be passed by a request or two, never
by a multiple.
"""

import time
from dataclasses import dataclass

from django.core.cache import cache

WINDOW_SECONDS = 60


def over_limit(name, client, per_minute):
    """Seconds to wait when `client` has used up `per_minute` requests of
    kind `name` in this minute, else 0. A limit of 0 is none."""
    return count_request(name, client, per_minute).wait


@dataclass(frozen=True)
class Usage:
    remaining: int  # requests left in this minute after this one
    reset: int  # seconds until the window starts anew
    wait: int  # seconds to wait before asking again; 0 within the limit


def count_request(name, client, per_minute):
    """Count one request of kind `name` from `client`; how much of
    `per_minute` is left. A limit of 0 is none (nothing is counted)."""
    if not per_minute:
        return Usage(remaining=0, reset=0, wait=0)
    now = time.time()
    reset = max(1, WINDOW_SECONDS - int(now % WINDOW_SECONDS))
    try:
        count = counted(f"limit:{name}:{client}", WINDOW_SECONDS, now)
    except Exception as error:
        _shared_cache_away(error)
        return Usage(remaining=per_minute, reset=reset, wait=0)
    return Usage(remaining=max(0, per_minute - count), reset=reset, wait=0 if count <= per_minute else reset)


def counted(key, window, now=None):
    """Count one more event of `key` in the current fixed window of `window`
    seconds, in the shared cache; returns the window's count so far."""
    key = f"{key}:{int((now or time.time()) // window)}"
    if cache.add(key, 1, timeout=window + 1):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        return 1


def _shared_cache_away(error):
    """A limit is a safeguard, not the service: when the shared cache cannot
    be reached (the database cache on a primary that is down while a replica
    serves, or Redis restarting) requests go through uncounted and the
    outage is logged once (ops.failures). Any other error is a bug."""
    from ops import failures  # ops.failures renders pages that count limits

    if not (failures.is_unavailable(error) or type(error).__module__.startswith("redis")):
        raise error
    failures.open_incident(error)


class Slots:
    """At most `size` holders at once, across every process.

    Each holder takes a numbered slot with `cache.add` (atomic in Redis and in
    the database cache's INSERT); a slot expires after `hold_seconds`, so a
    killed worker cannot keep one for ever."""

    def __init__(self, name, size, hold_seconds):
        self.name, self.size, self.hold_seconds = name, size, hold_seconds

    def acquire(self):
        """The key of a free slot, or None when all are taken (UNCOUNTED
        when the shared cache cannot be reached)."""
        try:
            for number in range(self.size):
                key = f"slot:{self.name}:{number}"
                if cache.add(key, 1, timeout=self.hold_seconds):
                    return key
        except Exception as error:
            _shared_cache_away(error)
            return UNCOUNTED
        return None

    def release(self, key):
        if key is not UNCOUNTED:
            cache.delete(key)


# The slot of a holder let through while the shared cache was away.
UNCOUNTED = "uncounted"
