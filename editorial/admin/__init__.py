"""The Redaktion's admin: registered into the site of `editorial.sites`."""

from . import accounts, entries, trash, vocabularies  # noqa: F401  (registration)
