"""schema.org descriptions of detail pages, embedded as JSON-LD.

Browsers never execute `<script type="application/ld+json">` (it is a data
block), so it is compatible with the strict CSP. The JSON is escaped like
Django's `json_script`: `<`, `>` and `&` become \\u003C, \\u003E, \\u0026,
so a title containing "</script>" cannot end the element.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from catalogue.markdown import render_markdown
from catalogue.models import Role

DESCRIPTION_WORDS = 60
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def script_tag(data):
    """The <script type="application/ld+json"> element for `data`."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).translate(ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # escaped above


def absolute(path):
    return settings.ATLAS_BASE_URL.rstrip("/") + path


def plain_text(markdown_text):
    """Markdown → a short plain-text description."""
    text = " ".join(strip_tags(render_markdown(markdown_text)).split())
    return Truncator(text).words(DESCRIPTION_WORDS)


def _organisation(institution):
    return {
        "@type": "Organization",
        "name": institution.name,
        "url": absolute(institution.get_absolute_url()),
    }


def _amount(programme):
    if programme.amount_min_eur is None and programme.amount_max_eur is None:
        return None
    amount = {"@type": "MonetaryAmount", "currency": "EUR"}
    if programme.amount_min_eur is not None:
        amount["minValue"] = float(programme.amount_min_eur)
    if programme.amount_max_eur is not None:
        amount["maxValue"] = float(programme.amount_max_eur)
    return amount


def programme_data(programme):
    """A MonetaryGrant: name, description, url, funder(s), amount, area."""
    funders = [
        _organisation(link.institution)
        for link in programme.institution_links.all()
        if link.role == Role.FUNDER
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "MonetaryGrant",
        "name": programme.title,
        "description": plain_text(programme.description),
        "url": absolute(programme.get_absolute_url()),
        "identifier": programme.slug,
        "funder": funders,
        "areaServed": [region.label for region in programme.regions.all()],
        "amount": _amount(programme),
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def institution_data(institution):
    """An Organization: name, description, url, address, e-mail, phone, area."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": institution.name,
        "description": plain_text(institution.description),
        "url": institution.website or absolute(institution.get_absolute_url()),
        "mainEntityOfPage": absolute(institution.get_absolute_url()),
        "identifier": institution.slug,
        "address": institution.contact_address,
        "email": institution.contact_email,
        "telephone": institution.contact_phone,
        "areaServed": [region.label for region in institution.regions.all()],
    }
    return {key: value for key, value in data.items() if value not in (None, "", [])}
