"""Pages of the e-mail alerts. Signing up answers the same whatever the
address (no enumeration); token links need no cookie and no CSRF token,
the token is the authority (and mail clients send the one-click
unsubscribe without either, RFC 8058)."""

from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalogue.models import Programme
from catalogue.queries import published
from search.core import search
from search.forms import MULTI_VALUED, SINGLE_VALUED

from . import limits, services
from .forms import CONSENT_ALERT, CONSENT_REMINDER, SignUpForm
from .mails import search_url
from .models import Subscription, by_token

SEARCH_PARAMS = (*SINGLE_VALUED, *MULTI_VALUED)


def search_params(request):
    """The search an alert is for: the form's hidden fields, or else the
    query string (any search URL's query string works, e.g. the Fördercheck's)."""
    posted = QueryDict(mutable=True)
    for name in SEARCH_PARAMS:
        if name in request.POST:
            posted.setlist(name, request.POST.getlist(name))
    return posted if posted else request.GET


def _hidden_fields(result):
    """(name, value) of every parameter of the search, for hidden inputs."""
    values = result.state.values
    return [(name, v) for name, vs in values.items() if name not in ("page", "sort") for v in vs]


def _too_many(request):
    response = render(request, "alerts/too_many.html", status=429)
    response.headers["Retry-After"] = str(limits.CLIENT_WINDOW)
    return response


def _what_search(result):
    if result.query:
        return _("neue Treffer der Suche „%(query)s“") % {"query": result.query}
    return _("neue Treffer Ihrer Suche im Förderatlas")


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """GET /benachrichtigungen/?<search>: the form; POST: a pending alert."""
    params = search_params(request)
    result = search(params, per_page=1)
    form = SignUpForm(request.POST if request.method == "POST" else None, consent_text=str(CONSENT_ALERT))
    if request.method == "POST":
        if not limits.client_allowed(request):
            return _too_many(request)
        if form.is_valid():
            services.subscribe(
                form.cleaned_data["email"],
                params,
                language=get_language(),
                consent_text=form.consent_text,
                what=_what_search(result),
            )
            return redirect("alerts:sent")
    context = {"form": form, "result": result, "hidden": _hidden_fields(result)}
    return render(request, "alerts/subscribe.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def remind(request, slug):
    programme = get_object_or_404(published(Programme.objects.all()), slug=slug)
    form = SignUpForm(request.POST if request.method == "POST" else None, consent_text=str(CONSENT_REMINDER))
    if request.method == "POST":
        if not limits.client_allowed(request):
            return _too_many(request)
        if form.is_valid():
            services.remind(
                form.cleaned_data["email"],
                programme,
                language=get_language(),
                consent_text=form.consent_text,
                what=_("Erinnerungen an die Fristen von „%(title)s“") % {"title": programme.title},
            )
            return redirect("alerts:sent")
    context = {"form": form, "programme": programme}
    return render(request, "alerts/remind.html", context, status=400 if form.errors else 200)


def sent(request):
    """The same page for every address, known or not."""
    return render(request, "alerts/sent.html")


def _unknown(request):
    return render(request, "alerts/unknown.html", status=404)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button (link scanners in mail systems only GET), POST confirms."""
    row = by_token(token)
    if row is None:
        return _unknown(request)
    if request.method == "POST":
        row = services.confirm(row)
        return redirect("alerts:manage", token=row.token)
    return render(request, "alerts/confirm.html", {"row": row})


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """What an alert is about; a subscriber changes the search here."""
    row = by_token(token)
    if row is None or not row.confirmed:
        return _unknown(request)
    context = {"row": row}
    if isinstance(row, Subscription):
        if request.method == "POST":
            row = services.change_search(row, search_params(request))
            return redirect("alerts:manage", token=row.token)
        params = QueryDict(row.search.query)
        context |= {"result": search(params, per_page=1), "search_url": search_url(row.search)}
        context["hidden"] = _hidden_fields(context["result"])
    return render(request, "alerts/manage.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET shows a button; POST (a form, or a mail client's
    `List-Unsubscribe=One-Click`) deletes at once. Repeating it is fine."""
    row = by_token(token)
    if request.method == "POST":
        if row is not None:
            services.unsubscribe(row)
        return render(request, "alerts/unsubscribed.html")
    if row is None:
        return _unknown(request)
    return render(request, "alerts/unsubscribe.html", {"row": row})
