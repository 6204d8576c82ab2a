"""German vocabulary of funding calls, for the synthetic catalogues.

Ordered roughly by how often the words appear in real Förderaufrufe: the
generator draws them with Zipf-like weights (first words common, last words
rare), so frequent terms such as "Förderung" or "Projekte" match thousands of
entries and rare ones like "Mikroprojekt" only a few — as in the real atlas.
Inflected forms are listed separately on purpose: the search must find
"Sprachkurs" in "Sprachkursen".
"""


def _words(text):
    """A list written as running text, one word per blank."""
    return text.split()


NOUNS = _words("""
Förderung Projekte Integration Teilhabe Menschen Migration Projekt Zuwendung Antrag
Vereine Träger Maßnahmen Angebote Zusammenhalt Bildung Sprachförderung Beratung
Förderungen Qualifizierung Geflüchtete Engagement Ehrenamt Kinder Jugendliche Familien
Frauen Demokratie Vielfalt Arbeitsmarkt Ausbildung Begegnung Kultur Sport Gesundheit
Quartier Nachbarschaft Kommunen Landkreise Stiftung Land Bund Mittel Zuschuss
Zuschüsse Kosten Personalkosten Sachkosten Eigenanteil Eigenmittel Antragsteller
Antragstellung Förderquote Laufzeit Frist Bewerbung Auswahl Jury Richtlinie
Förderrichtlinie Förderprogramm Förderaufruf Fördermittel Sprachkurs Sprachkurse
Sprachkursen Deutschkurs Deutschkurse Alphabetisierung Elternarbeit Schulen Kitas
Lehrkräfte Fachkräfte Netzwerk Netzwerke Netzwerkarbeit Migrantenorganisationen
Selbstorganisationen Initiativen Ehrenamtliche Freiwillige Patenschaften Mentoring
Lotsen Integrationslotsen Migrationsberatung Erstberatung Sozialberatung Rechtsberatung
Antidiskriminierung Rassismus Rechtsextremismus Prävention Empowerment Partizipation
Mitbestimmung Beteiligung Wohnraum Wohnen Stadtteil Stadtteilarbeit Gemeinwesenarbeit
Dialog Austausch Veranstaltungen Workshops Seminare Fortbildungen Schulungen Kurse
Qualifizierungsmaßnahmen Weiterbildung Anerkennung Berufsanerkennung Arbeitsmarktintegration
Berufsorientierung Praktika Betriebe Unternehmen Arbeitgeber Bewerbungstraining Coaching
Begleitung Betreuung Unterstützung Hilfe Angebot Zielgruppe Zielgruppen Teilnehmende
Mädchen Senioren Ältere Eltern Schülerinnen Schüler Studierende Auszubildende
Ukrainerinnen Ukrainer Schutzsuchende Asylsuchende Zugewanderte Neuzugewanderte
Spätaussiedler Roma Musliminnen Gemeinden Moscheegemeinden Kirchengemeinden
Religionsgemeinschaften Wohlfahrtsverbände Verbände Bildungsträger Volkshochschulen
Sportvereine Kulturvereine Jugendverbände Theater Musik Kunst Medien Film Fotografie
Literatur Lesungen Festivals Feste Ausstellungen Museen Bibliotheken Erinnerungskultur
Geschichte Heimat Identität Mehrsprachigkeit Dolmetschen Sprachmittlung Übersetzung
Digitalisierung Medienkompetenz Computerkurse Gesundheitsförderung Pflege Traumatherapie
Psychosoziale Zentren Frauenhäuser Gewaltschutz Kinderschutz Gleichstellung Inklusion
Barrierefreiheit Umwelt Klimaschutz Nachhaltigkeit Gärten Stadtgärten Ernährung Kochen
Bewegung Schwimmkurse Fußball Radfahren Mobilität Ferienfreizeiten Freizeit Jugendarbeit
Jugendbeteiligung Schulsozialarbeit Hausaufgabenhilfe Nachhilfe Lernförderung Bildungspaten
Elterncafé Familienzentren Mütter Väter Alleinerziehende Existenzgründung Gründerinnen
Selbstständigkeit Mikroprojekt Mikroprojekte Kleinprojekte Modellprojekt Modellprojekte
Pilotprojekt Strukturförderung Anschubfinanzierung Verstetigung Evaluation Dokumentation
Öffentlichkeitsarbeit Honorare Reisekosten Mieten Ausstattung Investitionen Anschaffungen
Verwendungsnachweis Sachbericht Bewilligung Bescheid Auszahlung Vorhaben Kooperation
Kooperationspartner Verbund Landesprogramm Bundesprogramm Europäischer Sozialfonds
AMIF Integrationsfonds Lottomittel Bußgelder Spenden Preisgeld Wettbewerb
Preis Auszeichnung Ideenwettbewerb Aktionstage Woche Begegnungsstätten Treffpunkte
Räume Sprachcafé Kulturdolmetscher Integrationskurs Orientierungskurs Berufssprachkurs
""")

ADJECTIVES = _words("""
interkulturell gemeinnützig ehrenamtlich kommunal landesweit bundesweit regional lokal
nachhaltig innovativ niedrigschwellig mehrsprachig digital kulturell sozial politisch
demokratisch solidarisch inklusiv gleichberechtigt geflüchtet zugewandert ukrainisch
syrisch afghanisch jung älter neu dauerhaft befristet einmalig jährlich modellhaft
gemeinsam vielfältig offen aktiv nachbarschaftlich familienfreundlich berufsbezogen
schulisch außerschulisch psychosozial rechtlich finanziell strukturell
""")

VERBS = _words("""
fördert unterstützt stärkt ermöglicht begleitet verbessert fördern unterstützen stärken
ermöglichen qualifiziert vernetzt beteiligt erreicht schafft entwickelt erprobt
verstetigt bezuschusst finanziert beantragen einreichen gewährt bewilligt richtet
""")

FUNCTION_WORDS = _words("""
die der und für von mit im in den zur zum des das bei auf an als auch sowie oder
durch über nach vor aus bis zu insbesondere vor allem besonders deren
""")

TITLE_HEADS = _words("""
Förderprogramm Förderaufruf Landesprogramm Bundesprogramm Fonds Aktionsfonds
Projektförderung Mikroprojektefonds Initiative Programm Förderpreis Wettbewerb
Zuwendungen Kleinprojektefonds Richtlinie
""")

INSTITUTION_PATTERNS = [
    "Stiftung {adj} {noun}",
    "{noun}stiftung {place}",
    "Landesamt für {noun} und {noun}",
    "Netzwerk {noun} {place}",
    "Verein für {noun} e.V.",
    "Bürgerstiftung {place}",
    "Landkreis {place}",
    "Förderverein {noun} {place}",
    "Bundesamt für {noun}",
    "Gemeinschaftsstiftung {place}",
]

PLACES = _words("""
Hannover Braunschweig Oldenburg Osnabrück Göttingen Wolfsburg Salzgitter Hildesheim
Celle Lüneburg Emden Delmenhorst Wilhelmshaven Northeim Goslar Stade Cuxhaven Aurich
Leer Nienburg Verden Peine Gifhorn Helmstedt Holzminden Hameln Uelzen Vechta Cloppenburg
Emsland Friesland Harburg Rotenburg Schaumburg Wesermarsch Wittmund
""")

# German builds most domain terms by compounding; these give the long tail of
# rare words (Elternberatung, Quartiersfonds, Sprachcafés …) that real texts have.
COMPOUND_HEADS = _words("""
Sprach Integrations Migrations Bildungs Jugend Familien Kultur Sport Quartiers Beratungs
Frauen Eltern Demokratie Teilhabe Projekt Netzwerk Begegnungs Nachbarschafts Ehrenamts
Qualifizierungs Arbeitsmarkt Gesundheits Lern Schul Stadtteil Kinder Senioren Medien Berufs
Willkommens Präventions Antirassismus Vielfalts Inklusions Freizeit Mentoring
""")

COMPOUND_TAILS = _words("""
kurs kurse projekt projekte beratung arbeit angebot angebote förderung netzwerk zentrum
programm fonds maßnahme maßnahmen gruppe gruppen stelle büro konzept training tag woche
café werkstatt raum lotsen paten begleitung zuschuss
""")
