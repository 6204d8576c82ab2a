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
    "karte": lambda facts: "/karte/",
    "karte-gefiltert": lambda facts: f"/karte/?integration_area={facts['area']}&status=open&order=own",
    "ueber": lambda facts: "/ueber/",
    "impressum": lambda facts: "/impressum/",
    "datenschutz": lambda facts: "/datenschutz/",
    "barrierefreiheit": lambda facts: "/barrierefreiheit/",
    "404": lambda facts: "/gibt-es-nicht/",
}

EXPECTED_STATUS = {"404": 404}


def page_path(site, name, language="de"):
    return site.path(PAGES[name](site.facts), language)
