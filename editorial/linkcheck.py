"""Check every link of the catalogue and remember the result per URL.

Politely: a User-Agent naming the atlas and the operator's address, a
timeout per request, a limited number of requests at once, HEAD first and
GET only when HEAD is refused. Redirects are not followed but recorded, so
the editor can put the new address in. Threads only talk HTTP; the database
is written from the calling thread.
"""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPException
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Institution, Programme, Workflow

from .models import LinkCheck

DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 4
REDIRECTS = {301, 302, 303, 307, 308}


def user_agent():
    return f"Foerderatlas-Linkpruefung/1.0 (+{settings.ATLAS_OPERATOR['email']})"


def urls_of_entry(entry):
    """Every address an institution (website, sources) or a programme
    (links, sources) points to."""
    urls = list(entry.sources or [])
    if isinstance(entry, Institution):
        urls.insert(0, entry.website)
    else:
        urls = [link.get("url", "") for link in entry.links or [] if isinstance(link, dict)] + urls
    return [url for url in urls if isinstance(url, str) and url]


def catalogue_urls():
    """Every distinct address used by a non-archived entry, sorted."""
    urls = set()
    for model, fields in ((Institution, ("website", "sources")), (Programme, ("links", "sources"))):
        for entry in model.objects.exclude(state=Workflow.ARCHIVED).only("pk", *fields):
            urls.update(urls_of_entry(entry))
    return sorted(urls)


@dataclass
class Result:
    url: str
    status_code: int | None = None
    error: str = ""
    redirect_to: str = ""
    method: str = ""

    @property
    def ok(self):
        return self.status_code is not None and self.status_code < 400


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx status


_OPENER = urllib.request.build_opener(_NoRedirects)


def _request(url, method, timeout):
    request = urllib.request.Request(url, method=method, headers={"User-Agent": user_agent()})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # enough to know the server answers
            return Result(url, status_code=response.status, method=method)
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location", "") if error.code in REDIRECTS else ""
        error.close()
        return Result(
            url, status_code=error.code, redirect_to=urljoin(url, location) if location else "", method=method
        )
    except TimeoutError:
        return Result(url, error=_("Zeitüberschreitung"), method=method)
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return Result(url, error=_("Zeitüberschreitung"), method=method)
        return Result(url, error=_("Nicht erreichbar: %(reason)s") % {"reason": reason}, method=method)
    except (HTTPException, OSError, ValueError) as error:
        return Result(url, error=_("Nicht erreichbar: %(reason)s") % {"reason": error}, method=method)


def check_url(url, timeout=DEFAULT_TIMEOUT):
    """HEAD, and GET when HEAD is answered with an error status (many
    servers do not implement HEAD). A timeout is not retried."""
    if not url.lower().startswith(("http://", "https://")):
        return Result(url, error=_("Keine http- oder https-Adresse"))
    result = _request(url, "HEAD", timeout)
    if result.status_code is not None and result.status_code >= 400:
        result = _request(url, "GET", timeout)
    return result


def check_all(urls, *, workers=DEFAULT_WORKERS, timeout=DEFAULT_TIMEOUT):
    """Check `urls` with at most `workers` requests at a time; results in
    the order of `urls`."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda url: check_url(url, timeout), urls))


def record(results, now=None):
    """Store results in LinkCheck, one row per URL."""
    now = now or timezone.now()
    stored = LinkCheck.objects.in_bulk([r.url for r in results], field_name="url")
    with transaction.atomic():
        for result in results:
            previous = stored.get(result.url)
            failing_since = None
            if not result.ok:
                failing_since = previous.failing_since if previous and previous.failing_since else now
            LinkCheck.objects.update_or_create(
                url=result.url,
                defaults={
                    "ok": result.ok,
                    "status_code": result.status_code,
                    "error": result.error[:500],
                    "redirect_to": result.redirect_to[:2000],
                    "method": result.method,
                    "checked_at": now,
                    "failing_since": failing_since,
                },
            )


def forget_unused(urls):
    """Remove results of addresses no entry uses any more."""
    return LinkCheck.objects.exclude(url__in=urls).delete()[0]
