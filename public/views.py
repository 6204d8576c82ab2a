"""The public site: start page, detail pages, the Fördercheck and the static pages."""

from django.http import QueryDict
from django.shortcuts import render
from django.views.decorators.vary import vary_on_cookie

from catalogue.status import deadlines_of, next_deadline, status_on, today
from search import kept, snapshot
from search.check import check
from search.districts import district_counts

from . import jsonld, maps, programme_list, selectors

STATIC_PAGES = {
    "about": "public/pages/about.html",
    "imprint": "public/pages/imprint.html",
    "privacy": "public/pages/privacy.html",
    "accessibility": "public/pages/accessibility.html",
}


def start(request):
    on = today()
    context = {
        **selectors.start_page(on),
        "small_map": maps.small_map(district_counts(QueryDict(), on=on)),
    }
    return render(request, "public/start.html", context)


def district_map(request):
    """GET /karte/?status=open&…: offers per district under the search's
    filters, as a map and as a table; each district links to its search."""
    context = maps.page_context(district_counts(request.GET), request.GET)
    return render(request, "public/map.html", context)


def programme_fields(programme, on):
    """What the programme page shows of one programme; the editors' preview
    renders the same."""
    deadlines = deadlines_of(programme)
    return {
        "programme": programme,
        "status": status_on(deadlines, on),
        "next_deadline": next_deadline(deadlines, on),
        "deadline_dates": sorted(deadlines.dates),
        "deadline_yearly": sorted(deadlines.yearly),
        "institution_links": list(programme.institution_links.all()),
    }


def similar_lines(programme, on, version):
    """The lines of the programme's similar offers (safe HTML, "" for none),
    kept until the index changes (`search.kept`): they follow from the index
    alone, and a programme page is asked for far more often than it changes.
    `version`: the index version the page has just read."""

    def made(programmes):
        return [
            programme_list.render(selectors.similar_programmes(p, on, version=version)) for p in programmes
        ]

    return kept.per_entry(
        "similar", [programme], lambda p: f"{p.pk}:{version}", made, version=version, on=on
    )[0]


@vary_on_cookie  # the Merkliste button says whether the visitor's list holds the entry
def programme_detail(request, slug):
    on, version = today(), snapshot.token()
    programme = selectors.programme_for_page(slug, on, version)
    context = {
        **programme_fields(programme, on),
        "similar_lines": similar_lines(programme, on, version),
        "json_ld": jsonld.script_tag(jsonld.programme_data(programme)),
        "canonical_url": jsonld.absolute(programme.get_absolute_url()),
    }
    return render(request, "public/programme_detail.html", context)


@vary_on_cookie
def institution_detail(request, slug):
    institution = selectors.institution_for_page(slug)
    context = {
        "institution": institution,
        "programmes": selectors.institution_programmes(institution, today()),
        "json_ld": jsonld.script_tag(jsonld.institution_data(institution)),
        "canonical_url": jsonld.absolute(institution.get_absolute_url()),
    }
    return render(request, "public/institution_detail.html", context)


def foerdercheck(request):
    """GET /foerdercheck/?region=…&applicant_type=…: the answers live in the
    URL, so a result can be bookmarked, shared and exported."""
    return render(request, "public/check.html", {"result": check(request.GET)})


def page(request, name):
    """Static pages: Über den Atlas, Impressum, Datenschutz, Barrierefreiheit."""
    return render(request, STATIC_PAGES[name])
