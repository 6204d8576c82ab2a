"""Rate limits on signing up, counted in the shared cache (`ops.limits`,
the same fixed windows as the search and API limits).

- per client (IP address): `PER_CLIENT` sign-ups per hour, then 429;
- per address: at most `PER_ADDRESS` confirmation mails a day, after that
  the page looks the same but no mail goes out: nobody can flood a
  stranger's inbox, and the answer never tells whether an address is known.
"""

import hashlib

from ops.limits import counted

PER_CLIENT = 10
CLIENT_WINDOW = 3600
PER_ADDRESS = 3
ADDRESS_WINDOW = 86400


def client_allowed(request):
    # REMOTE_ADDR only, as the API's limit: X-Forwarded-For is the client's to choose.
    client = request.META.get("REMOTE_ADDR", "unknown")
    return counted(f"alerts-client:{client}", CLIENT_WINDOW) <= PER_CLIENT


def address_allowed(email):
    # Hashed: the cache never holds the address itself.
    digest = hashlib.sha256(email.lower().encode()).hexdigest()
    return counted(f"alerts-address:{digest}", ADDRESS_WINDOW) <= PER_ADDRESS
