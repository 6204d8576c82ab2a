"""Pages of the forms visitors send, the funders' "Angaben stimmen noch"
link and the invitation's set-password page.

Every form answers a machine's send (honeypot, missing time stamp) with the
usual thank-you page and stores nothing; too many sends from one client get
429. The check link needs no cookie and no CSRF token: the token is the
authority. GET shows one button and only POST records the check, because
mail systems' link scanners open every link in a mail.
"""

from datetime import timedelta

from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalogue.models import Institution, Programme
from catalogue.queries import published

from . import guard, services
from .duplicates import possible_duplicates
from .forms import AccountRequestForm, ReportForm, SuggestionForm
from .models import CheckRequest
from .reminders import LINK_DAYS


def _too_many(request, seconds):
    response = render(request, "feedback/too_many.html", {"seconds": seconds}, status=429)
    response.headers["Retry-After"] = str(seconds)
    return response


def _handle(request, form, template, context, save):
    """The flow every form shares: limit, drop spam, save or show errors."""
    if request.method == "POST":
        wait = guard.too_many_sends(request)
        if wait:
            return _too_many(request, wait)
        if form.is_spam:
            return redirect("feedback:sent")
        if form.is_valid() and save(form) is not False:
            return redirect("feedback:sent")
    context = {**context, "form": form}
    return render(request, template, context, status=400 if form.errors else 200)


def _bound(request):
    return request.POST if request.method == "POST" else None


def _report(request, entry):
    form = ReportForm(_bound(request))

    def save(form):
        services.report(entry, form.cleaned_data, language=get_language())

    return _handle(request, form, "feedback/report.html", {"entry": entry}, save)


@require_http_methods(["GET", "POST"])
def report_programme(request, slug):
    return _report(request, get_object_or_404(published(Programme.objects.all()), slug=slug))


@require_http_methods(["GET", "POST"])
def report_institution(request, slug):
    return _report(request, get_object_or_404(published(Institution.objects.all()), slug=slug))


@require_http_methods(["GET", "POST"])
def suggest(request):
    form = SuggestionForm(_bound(request))
    context = {"duplicates": []}

    def save(form):
        found = possible_duplicates(form.cleaned_data["title"], form.cleaned_data["link"])
        if found and not form.cleaned_data["send_anyway"]:
            context["duplicates"] = found
            return False
        services.suggest(form.cleaned_data, language=get_language())

    return _handle(request, form, "feedback/suggest.html", context, save)


@require_http_methods(["GET", "POST"])
def request_account(request, slug):
    institution = get_object_or_404(published(Institution.objects.all()), slug=slug)
    form = AccountRequestForm(_bound(request))

    def save(form):
        services.request_account(institution, form.cleaned_data, language=get_language())

    return _handle(request, form, "feedback/account.html", {"institution": institution}, save)


def sent(request):
    return render(request, "feedback/sent.html")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def check(request, token):
    since = timezone.now() - timedelta(days=LINK_DAYS)
    found = CheckRequest.objects.filter(token=token, sent_at__gte=since).select_related("user").first()
    if found is None:
        return render(request, "feedback/unknown.html", status=404)
    if request.method == "POST":
        services.confirm_check(found)
    return render(request, "feedback/check.html", {"request_": found, "entry": found.entry})


class SetPassword(auth_views.PasswordResetConfirmView):
    """The invitation's link: a Förderer sets the password of their account."""

    template_name = "feedback/set_password.html"
    success_url = reverse_lazy("feedback:password_set")


def password_set(request):
    return render(request, "feedback/password_set.html")
