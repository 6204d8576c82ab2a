"""The Redaktion's admin: registered into the site of `editorial.sites`."""

from . import accounts, entries, vocabularies  # noqa: F401  (registration)
