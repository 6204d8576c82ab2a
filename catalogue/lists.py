"""Lists in running text, punctuated by the language: "A, B" in German,
"A، B" in Arabic and Farsi (the separator is translated in the catalogues)."""

from django.utils.translation import pgettext


def separator():
    return pgettext("list separator", ", ")


def join(items):
    return separator().join(str(item) for item in items)
