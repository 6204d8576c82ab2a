"""The Glossar: the funding jargon the atlas shows in German, explained in
plain words in every language of the site (`/glossar/`, each term under its
own anchor, so pages link to `/<lang>/glossar/#<anchor>`)."""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    anchor: str
    german: str  # the word as the entries and funders write it: never translated
    meaning: str  # in the visitor's language
    pattern: str = ""  # how it appears in running German text; default: the word and its endings

    @property
    def in_text(self):
        return self.pattern or re.escape(self.german) + r"\w*"


TERMS = (
    Term(
        "mittelgeber",
        "Mittelgeber",
        _(
            "Die Stelle, die das Geld für ein Förderprogramm bereitstellt, zum Beispiel ein Ministerium, "
            "eine Stiftung oder die EU."
        ),
    ),
    Term(
        "bewilligungsstelle",
        "Bewilligungsstelle",
        _(
            "Die Stelle, die Anträge annimmt, prüft und über die Förderung entscheidet. Sie ist oft nicht "
            "dieselbe wie der Mittelgeber."
        ),
    ),
    Term(
        "ansprechstelle",
        "Ansprechstelle",
        _("Die Stelle, die Sie vor dem Antrag berät und Ihre Fragen beantwortet."),
    ),
    Term(
        "eigenanteil",
        "Eigenanteil",
        _("Der Teil der Kosten, den Ihre Organisation selbst trägt, meist in Prozent der Gesamtkosten."),
    ),
    Term(
        "eigenleistung",
        "Eigenleistung",
        _(
            "Ein Eigenanteil, der nicht in Geld erbracht wird, sondern zum Beispiel durch ehrenamtliche "
            "Arbeitsstunden oder Räume, die Sie zur Verfügung stellen."
        ),
    ),
    Term(
        "fehlbedarfsfinanzierung",
        "Fehlbedarfsfinanzierung",
        _(
            "Die Förderung deckt nur die Lücke zwischen den Kosten und Ihren eigenen Mitteln und Einnahmen. "
            "Bekommen Sie mehr Geld von anderer Seite, wird die Förderung kleiner."
        ),
    ),
    Term(
        "festbetragsfinanzierung",
        "Festbetragsfinanzierung",
        _("Die Förderung ist ein fester Betrag. Er bleibt gleich, auch wenn weitere Einnahmen dazukommen."),
    ),
    Term(
        "verwendungsnachweis",
        "Verwendungsnachweis",
        _(
            "Der Bericht nach dem Projekt: was Sie gemacht haben und wofür Sie das Geld ausgegeben haben, "
            "mit Belegen."
        ),
    ),
    Term(
        "de-minimis",
        "De-minimis-Beihilfe",
        _(
            "Eine kleine staatliche Hilfe für Unternehmen, die die EU bis zu einer Obergrenze in drei Jahren "
            "erlaubt. Manche Förderer verlangen dazu eine Erklärung."
        ),
        r"De-minimis(?:-Beihilfe\w*)?",
    ),
    Term(
        "gemeinnuetzigkeit",
        "Gemeinnützigkeit",
        _(
            "Das Finanzamt bestätigt, dass Ihre Organisation dem Gemeinwohl dient. "
            "Viele Förderer fördern nur gemeinnützige Organisationen."
        ),
        r"[Gg]emeinnützig\w*",
    ),
    Term(
        "zuwendung",
        "Zuwendung",
        _(
            "Öffentliches Geld für einen bestimmten Zweck. Sie müssen es nicht zurückzahlen, wenn Sie es so "
            "verwenden, wie es bewilligt wurde."
        ),
    ),
    Term(
        "vorzeitiger-massnahmebeginn",
        "Vorzeitiger Maßnahmebeginn",
        _(
            "Meist dürfen Sie erst nach der Bewilligung mit dem Projekt anfangen. Wer früher anfangen muss, "
            "beantragt den vorzeitigen Maßnahmebeginn."
        ),
        r"[Vv]orzeitige[nmr]? Maßnahmebeginn\w*",
    ),
)
BY_ANCHOR = {term.anchor: term for term in TERMS}


def url(anchor):
    """The glossary entry's URL in the active language: '/uk/glossar/#eigenanteil'."""
    if anchor not in BY_ANCHOR:
        raise KeyError(anchor)
    return f"{reverse('public:glossary')}#{anchor}"


# One pattern for all terms: group t<i> is TERMS[i]; not inside a word.
_IN_TEXT = re.compile("|".join(rf"(?<![\w-])(?P<t{i}>{term.in_text})" for i, term in enumerate(TERMS)))
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_NOT_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4"}  # a link in a link or a heading helps nobody


def link_terms(text):
    """German text (or HTML we rendered, e.g. Markdown) with the first use
    of each glossary term linked to its explanation: "linked where the terms
    appear", without JavaScript. Only text between tags is touched, never
    inside links, code or headings; plain text is escaped first."""
    linked, skipping, parts = set(), 0, []
    for part in _TAG.split(str(conditional_escape(text))):
        if part.startswith("<"):
            name = _TAG_NAME.match(part)
            if name and name.group(1).lower() in _NOT_INSIDE and not part.endswith("/>"):
                skipping += -1 if part.startswith("</") else 1
        elif skipping <= 0:
            part = _IN_TEXT.sub(lambda match: _first_use(match, linked), part)
        parts.append(part)
    return mark_safe("".join(parts))


def _first_use(match, linked):
    term = TERMS[int(match.lastgroup[1:])]
    if term.anchor in linked:
        return match.group(0)
    linked.add(term.anchor)
    return f'<a href="{url(term.anchor)}" class="glossary-link">{match.group(0)}</a>'
