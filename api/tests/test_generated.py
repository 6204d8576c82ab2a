"""The API runs on django-ninja: its errors keep our shape, and the
parameters it declares are built once per vocabulary version, not per
request."""

import json

import pytest
from django.test import RequestFactory
from ninja.errors import ValidationError

from api import parameters
from api.operations import invalid_parameters
from catalogue.models import Region

from .helpers import assert_errors

pytestmark = pytest.mark.django_db


def test_ninja_validation_errors_become_our_400():
    request = RequestFactory().get("/api/v1/search")
    problems = [
        {"loc": ("query", "per_page"), "msg": "Input should be a valid integer", "type": "int_parsing"}
    ]

    response = invalid_parameters(request, ValidationError(problems))

    assert response.status_code == 400
    assert json.loads(response.content) == {
        "errors": [{"field": "per_page", "message": "Input should be a valid integer", "code": "invalid"}]
    }


def test_repeated_and_single_values_reach_the_operation(client, catalogue):
    response = client.get("/api/v1/search?region=ni&region=03241&q=Teilhabe&q=zweimal&per_page=5")

    assert response.status_code == 200
    assert [w["code"] for w in response.json()["warnings"]] == ["duplicate"]


def test_search_parameters_are_built_once_per_vocabulary_version(client, catalogue, monkeypatch):
    built = []
    original = parameters._build
    monkeypatch.setattr(
        parameters, "_build", lambda group, options: built.append(group) or original(group, options)
    )
    parameters._built.clear()

    for _ in range(3):
        assert client.get("/api/v1/search?region=ni").status_code == 200
    Region.objects.create(code="03999", label="Testkreis", parent_id="ni", level="kreis", position=99)
    response = client.get("/api/v1/search?region=03999")

    assert response.status_code == 200  # the new code is taken at once
    assert built.count(parameters.SEARCH) == 2  # the first request, then the new vocabulary


def test_an_unknown_address_under_the_api_is_a_json_404(client, db):
    assert_errors(client.get("/api/v1/nix/da"), 404, ["not_found"])
