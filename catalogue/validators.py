"""The one check of every text and address an entry holds, for the back
office, the importer and anything else that writes: the model fields carry
these validators, so `full_clean()` (the admin's forms, the importer's
`model_errors`) applies the same rule everywhere, and whatever the back
office saves, an export carries and an import takes again.

Texts: no control characters (NUL breaks PostgreSQL, the others XLSX and
XML), no lone surrogates (not encodable as UTF-8) and no bidirectional
overrides (they can make a text read differently than it is stored, e.g.
"Frist: ‮13.20‬").

Addresses (websites, links, sources) are *accepted and normalised*, not
refused: what an editor pastes from the browser bar works as it did there.
`normalise_url("https://www.bürgerstiftung.de/Förder programm?a=<1>")` →
"https://www.xn--brgerstiftung-wob.de/F%C3%B6rder%20programm?a=%3C1%3E":
the host in IDNA (punycode), everything RFC 3986 does not allow
percent-encoded, existing %XX kept. Normalising twice changes nothing.
"""

import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

import idna
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from rfc3986_validator import validate_rfc3986

SCHEMES = ("http", "https")
BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|[\ud800-\udfff]")
# Either kind, found by one scan of the text (an import checks ~100,000 texts).
REFUSED = re.compile(CONTROL.pattern + "|[" + "".join(sorted(BIDI_CONTROLS)) + "]")
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# RFC 3986 characters allowed as they are, per part ("%" stays: pct-encoded).
SAFE_PATH = "/:@!$&'()*+,;=-._~%"
SAFE_QUERY = SAFE_PATH + "?"
LINK_KEYS = {"title", "url"}


def _character_name(character):
    return unicodedata.name(character, "") or {"\x00": "NUL"}.get(character, "")


def validate_text(value):
    """Refuse control characters and bidirectional overrides, naming the
    character and where it is (position counted from 1)."""
    if not isinstance(value, str):
        return
    found = REFUSED.search(value)
    if not found:
        return
    position, character = found.start() + 1, found.group()
    if character in BIDI_CONTROLS:
        message = _(
            "Enthält an Stelle %(position)d ein unsichtbares Zeichen, das die Schreibrichtung "
            "umkehrt (U+%(code)04X). Es kann den Text anders anzeigen, als er gespeichert ist; "
            "bitte entfernen."
        )
        raise ValidationError(message, code="bidi_control", params=_where(position, character))
    message = _(
        "Enthält an Stelle %(position)d ein unzulässiges Steuerzeichen (U+%(code)04X %(name)s), "
        "oft aus einer kopierten Datei; bitte entfernen."
    )
    raise ValidationError(message, code="control_character", params=_where(position, character))


def _where(position, character):
    return {"position": position, "code": ord(character), "name": _character_name(character)}


def _invalid_url(url):
    return ValidationError(
        _("Keine gültige http- oder https-Adresse: „%(url)s“."), code="invalid_url", params={"url": url}
    )


def _ascii_host(host, url):
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        raise _invalid_url(url) from None


def _netloc(parts, url):
    """user:password@host:port with the host in IDNA, the rest encoded."""
    host = parts.hostname or ""
    if not host:
        raise _invalid_url(url)
    try:
        port = parts.port
    except ValueError:
        raise _invalid_url(url) from None
    netloc = f"[{host}]" if ":" in host else _ascii_host(host, url)
    if port is not None:
        netloc += f":{port}"
    if parts.username is not None:
        userinfo = quote(parts.username, safe="!$&'()*+,;=-._~%")
        if parts.password is not None:
            userinfo += ":" + quote(parts.password, safe="!$&'()*+,;=-._~%")
        netloc = f"{userinfo}@{netloc}"
    return netloc


def normalise_url(value):
    """An http(s) address as an RFC 3986 URI (see module docstring), or
    ValidationError."""
    url = value.strip() if isinstance(value, str) else ""
    validate_text(url)
    try:
        parts = urlsplit(LONE_PERCENT.sub("%25", url))
    except ValueError:  # e.g. an unclosed "[" in the host
        raise _invalid_url(url) from None
    if parts.scheme.lower() not in SCHEMES:
        raise _invalid_url(url)
    normalised = urlunsplit(
        (
            parts.scheme.lower(),
            _netloc(parts, url),
            quote(parts.path, safe=SAFE_PATH),
            quote(parts.query, safe=SAFE_QUERY),
            quote(parts.fragment, safe=SAFE_QUERY),
        )
    )
    try:
        URLValidator(schemes=list(SCHEMES))(normalised)
    except ValidationError:
        raise _invalid_url(url) from None
    if not validate_rfc3986(normalised, rule="URI"):
        raise _invalid_url(url)
    return normalised


def validate_url(value):
    """A stored address must be normalised already (the forms and the
    importer normalise what they are given)."""
    if value and normalise_url(value) != value:
        raise ValidationError(
            _("Die Adresse „%(url)s“ ist nicht normalisiert; bitte erneut speichern."),
            code="url_not_normalised",
            params={"url": value},
        )


def validate_sources(value):
    """["https://…", …]"""
    if not (isinstance(value, list) and all(isinstance(url, str) for url in value)):
        raise ValidationError(_('Erwartet eine Liste von Adressen wie ["https://…"].'), code="sources_shape")
    for url in value:
        validate_url(url)


def validate_links(value):
    """[{"title": "Richtlinie", "url": "https://…"}, …]; the title is optional."""
    shape = isinstance(value, list) and all(
        isinstance(link, dict)
        and set(link) <= LINK_KEYS
        and isinstance(link.get("url"), str)
        and isinstance(link.get("title", ""), str)
        for link in value
    )
    if not shape:
        raise ValidationError(
            _('Erwartet eine Liste wie [{"title": "Richtlinie", "url": "https://…"}].'), code="links_shape"
        )
    for link in value:
        validate_text(link.get("title", ""))
        validate_url(link["url"])
