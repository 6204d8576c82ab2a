"""What every API response shares: CORS (django-cors-headers), read-only
methods, conditional requests (Django's conditional GET) and the per-client
rate limit."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext

from catalogue.models import Programme

from .helpers import assert_errors

pytestmark = pytest.mark.django_db
URL = "/api/v1/programmes/mikrofonds"


def test_get_allows_every_origin(client, catalogue):
    response = client.get(URL, headers={"Origin": "https://example.org"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert (
        response["Access-Control-Expose-Headers"]
        == "ETag, Last-Modified, Retry-After, Content-Disposition, X-Export-Truncated, X-Search-Warnings, "
        "X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset"
    )


def test_options_preflight_allows_get_head_options(client, catalogue):
    response = client.options(
        URL, headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"}
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert (
        response["Access-Control-Allow-Headers"]
        == "Accept, Accept-Language, If-None-Match, If-Modified-Since"
    )
    assert response["Access-Control-Max-Age"] == "86400"


def test_a_preflight_for_a_write_is_offered_reads_only(client, catalogue):
    response = client.options(
        URL, headers={"Origin": "https://example.org", "Access-Control-Request-Method": "DELETE"}
    )

    assert "DELETE" not in response["Access-Control-Allow-Methods"]


def test_options_without_cors_names_the_methods(client, catalogue):
    response = client.options(URL)

    assert response.status_code == 204
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", ["/api/v1/search?region=atlantis", "/api/v1/programmes/nix", "/api/v1/nix"])
def test_errors_carry_cors_headers_too(client, catalogue, url):
    response = client.get(url, headers={"Origin": "https://example.org"})

    assert response.status_code in (400, 404)
    assert response["Access-Control-Allow-Origin"] == "*"


def test_cors_is_for_the_api_only(client, catalogue):
    response = client.get("/suche/", headers={"Origin": "https://example.org"})

    assert "Access-Control-Allow-Origin" not in response


def test_head_answers_like_get(client, catalogue):
    response = client.head(URL)

    assert response.status_code == 200
    assert response["ETag"] == client.get(URL)["ETag"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_get_405_in_error_shape(client, catalogue, method):
    response = getattr(client, method)(URL)

    assert_errors(response, 405, ["method_not_allowed"])
    assert response["Allow"] == "GET, HEAD, OPTIONS"


def test_if_none_match_with_current_etag_gives_304(client, catalogue):
    etag = client.get(URL)["ETag"]

    response = client.get(URL, headers={"If-None-Match": etag, "Origin": "https://example.org"})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Access-Control-Allow-Origin"] == "*"


def test_if_none_match_weak_list_or_star_gives_304(client, catalogue):
    etag = client.get(URL)["ETag"]

    for header in (f'"other", W/{etag}', "*"):
        assert client.get(URL, headers={"If-None-Match": header}).status_code == 304


def test_if_none_match_wins_over_if_modified_since(client, catalogue):
    last_modified = client.get(URL)["Last-Modified"]

    response = client.get(URL, headers={"If-None-Match": '"other"', "If-Modified-Since": last_modified})

    assert response.status_code == 200


def test_if_match_is_ignored_on_reads(client, catalogue):
    assert client.get(URL, headers={"If-Match": '"other"'}).status_code == 200
    assert (
        client.get(URL, headers={"If-Unmodified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}).status_code == 200
    )


def test_304_keeps_the_caching_headers(client, catalogue):
    first = client.get(URL)

    again = client.get(URL, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert (again["ETag"], again["Last-Modified"]) == (first["ETag"], first["Last-Modified"])
    assert again["Cache-Control"] == first["Cache-Control"]
    assert "Accept-Language" in again["Vary"]


@pytest.mark.parametrize(
    "url", ["/api/v1/programmes?region=03155", "/api/v1/search.csv", "/api/v1/feeds/deadlines.ics"]
)
def test_lists_exports_and_feeds_answer_conditional_requests(client, catalogue, url):
    first = client.get(url)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert (first.status_code, again.status_code) == (200, 304)
    assert first["Last-Modified"] == again["Last-Modified"]


def test_if_none_match_after_a_change_gives_200(client, catalogue):
    etag = client.get(URL)["ETag"]
    Programme.objects.filter(slug="mikrofonds").update(title="Mikrofonds neu")

    response = client.get(URL, headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_if_modified_since_last_modified_gives_304(client, catalogue):
    last_modified = client.get(URL)["Last-Modified"]

    response = client.get(URL, headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304


def test_if_modified_since_before_last_change_gives_200(client, catalogue):
    programme = catalogue["mikro"]
    earlier = http_date(programme.updated_at.timestamp() - 3600)

    response = client.get(URL, headers={"If-Modified-Since": earlier})

    assert response.status_code == 200


def test_last_modified_is_the_later_of_entry_change_and_today_midnight(client, catalogue):
    # Status is derived from today, so the answer may change at midnight in
    # Berlin (today is pinned to 2026-11-25 while the entry was written now).
    midnight = datetime(2026, 11, 25, tzinfo=ZoneInfo("Europe/Berlin"))
    expected = max(midnight, catalogue["mikro"].updated_at)

    response = client.get(URL)

    assert response["Last-Modified"] == http_date(expected.timestamp())


def test_rate_limit_gives_429_with_retry_after(client, catalogue, settings):
    settings.ATLAS_API_RATE_LIMIT = 2

    statuses = [client.get(URL).status_code for _ in range(2)]
    response = client.get(URL)

    assert statuses == [200, 200]
    assert_errors(response, 429, ["rate_limited"])
    assert 1 <= int(response["Retry-After"]) <= 60


def test_every_answer_names_the_limit_and_what_is_left(client, catalogue, settings):
    settings.ATLAS_API_RATE_LIMIT = 3

    answers = [client.get(URL) for _ in range(4)]

    assert [a["X-RateLimit-Limit"] for a in answers] == ["3"] * 4
    assert [a["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert all(1 <= int(a["X-RateLimit-Reset"]) <= 60 for a in answers)
    assert answers[3]["Retry-After"] == answers[3]["X-RateLimit-Reset"]
    assert "X-RateLimit-Remaining" in answers[0]["Access-Control-Expose-Headers"]
    bad = client.get("/api/v1/search?region=atlantis")
    assert bad.status_code == 429  # refused before the query is read


def test_without_a_limit_no_limit_headers(client, catalogue, settings):
    settings.ATLAS_API_RATE_LIMIT = 0

    assert "X-RateLimit-Limit" not in client.get(URL)


def test_rate_limit_counts_each_client_apart(client, catalogue, settings):
    settings.ATLAS_API_RATE_LIMIT = 1

    first = client.get(URL, REMOTE_ADDR="192.0.2.1")
    other = client.get(URL, REMOTE_ADDR="192.0.2.2")
    again = client.get(URL, REMOTE_ADDR="192.0.2.1")

    assert [first.status_code, other.status_code, again.status_code] == [200, 200, 429]


def test_rate_limit_zero_switches_it_off(client, catalogue, settings):
    settings.ATLAS_API_RATE_LIMIT = 0

    assert {client.get(URL).status_code for _ in range(5)} == {200}


def test_error_messages_follow_accept_language(client, db):
    response = client.get("/api/v1/programmes/nix", headers={"Accept-Language": "en"})

    with translation.override("en"):
        expected = gettext("Keine veröffentlichte Förderung hat die Kennung „%(id)s“.") % {"id": "nix"}
    assert expected.startswith("No published")
    assert response.json()["errors"][0]["message"] == expected
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


def test_error_messages_are_german_by_default(client, db):
    response = client.get("/api/v1/programmes/nix")

    assert response.json()["errors"][0]["message"] == "Keine veröffentlichte Förderung hat die Kennung „nix“."
    assert response["Content-Language"] == "de"
