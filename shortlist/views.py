"""The Merkliste pages. Adding and removing are plain POST forms that work
without JavaScript, from result cards and detail pages.

Why the add and remove forms carry no CSRF token: search result pages are
cached for every visitor alike (public.search_page), so a token in them would be
someone else's. A forged cross-site POST cannot reach anyone's list
anyway: the cookie that names the visitor's list is SameSite=Lax, so the
browser leaves it off such requests, and removing needs the list's token
in the URL.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from . import exports, services
from .models import KEEP_DAYS

COOKIE = "merkliste"
COMPARE_MAX = 5


def _remember(response, shortlist):
    """The visitor's browser finds its list again by this cookie."""
    response.set_cookie(
        COOKIE,
        shortlist.token,
        max_age=KEEP_DAYS * 86400,
        samesite="Lax",
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _back(request):
    """A local address to return to, or None."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return target if allowed and target.startswith("/") else None


def _added_url(shortlist, back):
    """The list, saying what was just added, with a way back to where it was added."""
    query = {"gemerkt": "1", **({"next": back} if back else {})}
    return reverse("shortlist:list", args=[shortlist.token]) + "?" + urlencode(query) + "#gemerkt"


def _shortlist(token):
    shortlist = services.find(token)
    if shortlist is None:
        raise Http404(_("Diese Merkliste gibt es nicht (mehr)."))
    return shortlist


@require_GET
def current(request):
    """/merkliste/: the visitor's list, or how to start one."""
    shortlist = services.find(request.COOKIES.get(COOKIE))
    if shortlist is not None:
        return redirect("shortlist:list", token=shortlist.token)
    return render(request, "shortlist/empty.html")


@csrf_exempt
@require_POST
def add(request):
    found = services.entry_of(request.POST)
    if found is None:
        return render(request, "shortlist/not_found.html", status=400)
    shortlist = services.find(request.COOKIES.get(COOKIE)) or services.create()
    if not services.add(shortlist, *found):
        response = render(request, "shortlist/full.html", {"shortlist": shortlist}, status=400)
        return _remember(response, shortlist)
    return _remember(redirect(_added_url(shortlist, _back(request))), shortlist)


@csrf_exempt
@require_POST
def remove(request, token):
    shortlist = _shortlist(token)
    found = services.entry_of(request.POST)
    if found is not None:
        services.remove(shortlist, *found)
    return redirect(_back(request) or reverse("shortlist:list", args=[shortlist.token]))


@require_GET
def show(request, token):
    shortlist = _shortlist(token)
    services.touch(shortlist)
    programmes, institutions = services.contents(shortlist)
    share_url = settings.ATLAS_BASE_URL.rstrip("/") + reverse("shortlist:list", args=[token])
    context = {
        "shortlist": shortlist,
        "programmes": exports.with_status(programmes),
        "institutions": institutions,
        "share_url": share_url,
        "back": _back(request),
        "added": request.GET.get("gemerkt") == "1",
    }
    return _remember(render(request, "shortlist/list.html", context), shortlist)


@require_GET
def compare(request, token):
    """Up to COMPARE_MAX programmes side by side; ?p=<id>&p=<id> chooses which."""
    shortlist = _shortlist(token)
    programmes, _institutions = services.contents(shortlist)
    chosen = request.GET.getlist("p")
    shown = [p for p in programmes if p.slug in chosen] if chosen else programmes
    context = {
        "shortlist": shortlist,
        "all_programmes": programmes,
        "programmes": exports.for_compare(shown[:COMPARE_MAX]),
        "too_many": len(shown) > COMPARE_MAX,
        "compare_max": COMPARE_MAX,
        "chosen": {p.slug for p in shown[:COMPARE_MAX]},
    }
    return render(request, "shortlist/compare.html", context)


@require_GET
def download(request, token, extension):
    shortlist = _shortlist(token)
    programmes, institutions = services.contents(shortlist)
    if extension not in exports.EXPORTS:
        raise Http404(_("Diese Datei gibt es nicht."))
    return exports.EXPORTS[extension](programmes, institutions, request)
