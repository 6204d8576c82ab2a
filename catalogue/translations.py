"""Translations of an entry's title and plain-language summary ("Kurz
gesagt"), stored per language in `Entry.translations`:

    {"uk": {"title": "…", "summary": "…"}, "de": {"summary": "…"}}

Every part is optional. German has a summary only (the title is German
already); the other languages may have both. The interchange format
carries the same object (`translations`, optional).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("de", "en", "ar", "tr", "uk", "ru", "fa")
MAX_SUMMARY = 500
MAX_TITLE = 300
PARTS = {"title": MAX_TITLE, "summary": MAX_SUMMARY}


def _problems(translations):
    if not isinstance(translations, dict):
        yield _("Übersetzungen als Objekt angeben: {„uk“: {„title“: …, „summary“: …}}.")
        return
    for language, parts in translations.items():
        if language not in LANGUAGES:
            yield _("„%(language)s“ ist keine Sprache des Atlas (%(languages)s).") % {
                "language": language,
                "languages": ", ".join(LANGUAGES),
            }
            continue
        if not isinstance(parts, dict):
            message = _("Zu „%(language)s“ ein Objekt mit „title“ und/oder „summary“ angeben.")
            yield message % {"language": language}
            continue
        for part, text in parts.items():
            yield from _part_problems(language, part, text)


def _part_problems(language, part, text):
    allowed = ("summary",) if language == "de" else tuple(PARTS)
    if part not in allowed:
        yield _("„%(part)s“ ist für „%(language)s“ nicht vorgesehen (erlaubt: %(allowed)s).") % {
            "part": part,
            "language": language,
            "allowed": ", ".join(allowed),
        }
    elif not isinstance(text, str):
        yield _("„%(language)s.%(part)s“ muss ein Text sein.") % {"language": language, "part": part}
    elif len(text) > PARTS[part]:
        yield _("„%(language)s.%(part)s“ ist %(length)d Zeichen lang, erlaubt sind %(max)d.") % {
            "language": language,
            "part": part,
            "length": len(text),
            "max": PARTS[part],
        }


def validate_translations(value):
    problems = list(_problems(value))
    if problems:
        raise ValidationError(problems)


def cleaned(translations):
    """The translations without empty parts and languages, in a fixed order."""
    result = {}
    for language in LANGUAGES:
        parts = (translations or {}).get(language) or {}
        kept = {part: parts[part].strip() for part in PARTS if (parts.get(part) or "").strip()}
        if kept:
            result[language] = kept
    return result


def for_language(entry, language):
    """(title, summary, summary_is_german) an entry has for `language`: its
    own translation, else the German plain-language summary; empty strings
    where there is none."""
    translations = entry.translations or {}
    own = translations.get(language) or {}
    german = translations.get("de") or {}
    summary = own.get("summary", "")
    if summary or language == "de":
        return own.get("title", ""), summary or german.get("summary", ""), language == "de"
    return own.get("title", ""), german.get("summary", ""), bool(german.get("summary"))
