"""Every vocabulary label of catalogue/data/vocabularies.json, marked for
translation so that `makemessages` puts them into the catalogues.

Labels live in the database in German (editors may change them); templates
and views translate them at render time with `translate_label` (templates:
`{{ value|vocab_label }}` from `atlas_i18n`, or `{% translate value.label %}`).
A label an editor changed or added has no translation yet and is shown in
German until the catalogues catch up; a test keeps this list in step with
vocabularies.json.
"""

from django.utils.translation import gettext, gettext_noop

LABELS = {
    "funding_kinds": [
        gettext_noop("Förderung betrifft Projekte"),
        gettext_noop("Förderung sieht institutionelle Fördermittel vor"),
        gettext_noop("Preise und Wettbewerbe"),
        gettext_noop("Sach- und Beratungsleistungen (Räume, Ausstattung, Beratung)"),
    ],
    "integration_areas": [
        gettext_noop("Arbeitsmarkt und Qualifizierung"),
        gettext_noop("Schule und Bildung"),
        gettext_noop("Sprachförderung"),
        gettext_noop("Miteinander in Vielfalt"),
        gettext_noop("Demokratieförderung und Anti-Rassismus"),
        gettext_noop("Politische Teilhabe"),
        gettext_noop("Teilhabemanagement"),
        gettext_noop("Leben im Quartier"),
        gettext_noop("Sport und Bewegung"),
        gettext_noop("Kultur"),
        gettext_noop("Gesundheit"),
        gettext_noop("Wohnen"),
        gettext_noop("Engagement und Ehrenamt"),
        gettext_noop("Beratung und Begleitung"),
        gettext_noop("Sonstige"),
    ],
    "target_groups": [
        gettext_noop("Menschen mit Zuwanderungsbiografie"),
        gettext_noop("Menschen mit Fluchtgeschichte"),
        gettext_noop("Kinder und Jugendliche/Schüler*innen"),
        gettext_noop("Eltern und Familien"),
        gettext_noop("Bewohner*innen in Quartieren/Wohnvierteln/Nachbarschaften"),
        gettext_noop("Frauen und Mädchen"),
        gettext_noop("Ältere Menschen"),
        gettext_noop("Ehrenamtliche und Multiplikator*innen"),
        gettext_noop("Fachkräfte und Organisationen"),
        gettext_noop("Gesamtgesellschaft"),
    ],
    "applicant_types": [
        gettext_noop("Vereine und gemeinnützige Organisationen"),
        gettext_noop("Migrant*innenorganisationen"),
        gettext_noop("Initiativen ohne Rechtsform"),
        gettext_noop("Kommunen und Landkreise"),
        gettext_noop("Wohlfahrtsverbände"),
        gettext_noop("Schulen, Kitas und Bildungsträger"),
        gettext_noop("Sportvereine und -verbände"),
        gettext_noop("Kultureinrichtungen und -vereine"),
        gettext_noop("Kirchen und Religionsgemeinschaften"),
        gettext_noop("Stiftungen"),
        gettext_noop("Unternehmen"),
        gettext_noop("Einzelpersonen"),
    ],
    "institution_kinds": [
        gettext_noop("Stiftung"),
        gettext_noop("Ministerium oder Behörde"),
        gettext_noop("Förderbank"),
        gettext_noop("Verband oder Netzwerk"),
        gettext_noop("Kommune"),
        gettext_noop("Lotterie"),
        gettext_noop("Einrichtung der EU"),
        gettext_noop("Unternehmen"),
        gettext_noop("Sonstige"),
    ],
    "institution_roles": [
        gettext_noop("Mittelgeber (stellt das Geld bereit)"),
        gettext_noop("Bewilligungs- oder Programmstelle (nimmt Anträge an, entscheidet)"),
        gettext_noop("Ansprechstelle (berät)"),
    ],
    "regions": [
        gettext_noop("EU-weit"),
        gettext_noop("Bundesweit"),
        gettext_noop("Landesweit (Niedersachsen)"),
        gettext_noop("Stadt Braunschweig"),
        gettext_noop("Stadt Salzgitter"),
        gettext_noop("Stadt Wolfsburg"),
        gettext_noop("Landkreis Gifhorn"),
        gettext_noop("Landkreis Goslar"),
        gettext_noop("Landkreis Helmstedt"),
        gettext_noop("Landkreis Northeim"),
        gettext_noop("Landkreis Peine"),
        gettext_noop("Landkreis Wolfenbüttel"),
        gettext_noop("Landkreis Göttingen"),
        gettext_noop("Region Hannover"),
        gettext_noop("Landkreis Diepholz"),
        gettext_noop("Landkreis Hameln-Pyrmont"),
        gettext_noop("Landkreis Hildesheim"),
        gettext_noop("Landkreis Holzminden"),
        gettext_noop("Landkreis Nienburg/Weser"),
        gettext_noop("Landkreis Schaumburg"),
        gettext_noop("Landkreis Celle"),
        gettext_noop("Landkreis Cuxhaven"),
        gettext_noop("Landkreis Harburg"),
        gettext_noop("Landkreis Lüchow-Dannenberg"),
        gettext_noop("Landkreis Lüneburg"),
        gettext_noop("Landkreis Osterholz"),
        gettext_noop("Landkreis Rotenburg (Wümme)"),
        gettext_noop("Landkreis Heidekreis"),
        gettext_noop("Landkreis Stade"),
        gettext_noop("Landkreis Uelzen"),
        gettext_noop("Landkreis Verden"),
        gettext_noop("Stadt Delmenhorst"),
        gettext_noop("Stadt Emden"),
        gettext_noop("Stadt Oldenburg (Oldb)"),
        gettext_noop("Stadt Osnabrück"),
        gettext_noop("Stadt Wilhelmshaven"),
        gettext_noop("Landkreis Ammerland"),
        gettext_noop("Landkreis Aurich"),
        gettext_noop("Landkreis Cloppenburg"),
        gettext_noop("Landkreis Emsland"),
        gettext_noop("Landkreis Friesland"),
        gettext_noop("Landkreis Grafschaft Bentheim"),
        gettext_noop("Landkreis Leer"),
        gettext_noop("Landkreis Oldenburg"),
        gettext_noop("Landkreis Osnabrück"),
        gettext_noop("Landkreis Vechta"),
        gettext_noop("Landkreis Wesermarsch"),
        gettext_noop("Landkreis Wittmund"),
    ],
}


def translate_label(label):
    """The label in the active language; German (the source) when no
    translation exists. Empty labels stay empty (gettext("") would return
    the catalogue header)."""
    return gettext(label) if label else label
