"""Rate limits on signing up, counted in Django's cache (whatever cache the
project configures; a shared one makes them exact across processes).

- per client (IP address): `PER_CLIENT` sign-ups per hour, then 429;
- per address: at most `PER_ADDRESS` confirmation mails a day, after that
  the page looks the same but no mail goes out: nobody can flood a
  stranger's inbox, and the answer never tells whether an address is known.
"""

import hashlib
import time

from django.core.cache import cache

PER_CLIENT = 10
CLIENT_WINDOW = 3600
PER_ADDRESS = 3
ADDRESS_WINDOW = 86400


def _count(key, window):
    """Count one more event in the current fixed window; returns the count."""
    key = f"{key}:{int(time.time() // window)}"
    cache.add(key, 0, timeout=window + 1)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=window + 1)
        return 1


def client_allowed(request):
    # REMOTE_ADDR only, as the API's limit: X-Forwarded-For is the client's to choose.
    client = request.META.get("REMOTE_ADDR", "unknown")
    return _count(f"alerts-client:{client}", CLIENT_WINDOW) <= PER_CLIENT


def address_allowed(email):
    # Hashed: the cache never holds the address itself.
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    return _count(f"alerts-address:{digest}", ADDRESS_WINDOW) <= PER_ADDRESS
