"""The Glossar: the funding jargon the atlas shows in German, explained in
plain words in every language of the site (`/glossar/`, each term under its
own anchor, so pages link to `/<lang>/glossar/#<anchor>`)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    anchor: str
    german: str  # the word as the entries and funders write it: never translated
    meaning: str  # in the visitor's language


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
    ),
    Term(
        "gemeinnuetzigkeit",
        "Gemeinnützigkeit",
        _(
            "Das Finanzamt bestätigt, dass Ihre Organisation dem Gemeinwohl dient. "
            "Viele Förderer fördern nur gemeinnützige Organisationen."
        ),
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
    ),
)
BY_ANCHOR = {term.anchor: term for term in TERMS}


def url(anchor):
    """The glossary entry's URL in the active language: '/uk/glossar/#eigenanteil'."""
    if anchor not in BY_ANCHOR:
        raise KeyError(anchor)
    return f"{reverse('public:glossary')}#{anchor}"
