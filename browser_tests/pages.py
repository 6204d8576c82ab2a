"""Every public page the browser tests visit, by name, as German paths
(other languages add their prefix, see Site.path).

The search and detail pages need the demo catalogue's facts (a programme, an
institution, a frequent Integrationsbereich), so each entry is a function of
those facts.
"""

PAGES = {
    "start": lambda facts: "/",
    "suche": lambda facts: "/suche/",
    "suche-gefiltert": lambda facts: f"/suche/?integration_area={facts['area']}&status=open",
    "suche-ohne-treffer": lambda facts: "/suche/?q=Quantenchromodynamik",
    "suche-fehlerhaft": lambda facts: "/suche/?amount_min=viel&sort=zufall&page=-1",
    "programm": lambda facts: f"/foerderungen/{facts['programme']}/",
    "foerderer": lambda facts: f"/foerderer/{facts['institution']}/",
    "ratgeber": lambda facts: "/ratgeber/",
    "glossar": lambda facts: "/glossar/",
    "programm-uebersetzt": lambda facts: "/foerderungen/sprachkurse-fuer-gefluechtete-frauen/",
    "foerdercheck": lambda facts: "/foerdercheck/",
    "foerdercheck-ergebnis": lambda facts: (
        "/foerdercheck/?region=03155&applicant_type=initiative&target_group=fluchtgeschichte"
        "&own_contribution_percent=0&in_kind=1&amount=2000"
    ),
    "foerdercheck-fehlerhaft": lambda facts: "/foerdercheck/?region=eu&amount=viel&start=morgen",
    "karte": lambda facts: "/karte/",
    "karte-gefiltert": lambda facts: f"/karte/?integration_area={facts['area']}&status=open&order=own",
    "ueber": lambda facts: "/ueber/",
    "impressum": lambda facts: "/impressum/",
    "datenschutz": lambda facts: "/datenschutz/",
    "barrierefreiheit": lambda facts: "/barrierefreiheit/",
    "404": lambda facts: "/gibt-es-nicht/",
    "benachrichtigung": lambda facts: f"/benachrichtigungen/?q=Sport&integration_area={facts['area']}",
    "erinnerung": lambda facts: f"/benachrichtigungen/frist/{facts['programme']}/",
    "benachrichtigung-gesendet": lambda facts: "/benachrichtigungen/gesendet/",
    "link-ungueltig": lambda facts: "/benachrichtigungen/bestaetigen/unbekannt/",
    "merkliste-leer": lambda facts: "/merkliste/",
    "vorschlagen": lambda facts: "/vorschlagen/",
    "fehler-melden": lambda facts: f"/foerderungen/{facts['programme']}/fehler-melden/",
    "fehler-melden-foerderer": lambda facts: f"/foerderer/{facts['institution']}/fehler-melden/",
    "konto-anfragen": lambda facts: f"/foerderer/{facts['institution']}/konto-anfragen/",
    "rueckmeldung-gesendet": lambda facts: "/rueckmeldung/danke/",
    "pruefen-ungueltig": lambda facts: "/angaben-pruefen/unbekannt/",
    "zugang-ungueltig": lambda facts: "/zugang/MQ/ungueltig/",
}

EXPECTED_STATUS = {"404": 404, "link-ungueltig": 404, "pruefen-ungueltig": 404}


def page_path(site, name, language="de"):
    return site.path(PAGES[name](site.facts), language)
