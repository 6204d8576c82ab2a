"""Fuzzing: schemathesis generates requests from /api/v1/openapi.json and
sends them to a live server with demo-like data. No response may be a 5xx,
and every response must match the document (status code, content type,
headers, body schema).

Hypothesis runs derandomized with a fixed number of examples, so the test
is repeatable and takes well under a minute.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .factories import demo_like_catalogue

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = {GenerationMode.POSITIVE: 150, GenerationMode.NEGATIVE: 60}


def fuzz(schema, base_url, mode):
    strategy = schema.as_strategy(generation_mode=mode)

    @hypothesis_settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case):
        case.call_and_validate(base_url=base_url, checks=CHECKS)

    run()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_api_conforms_to_its_openapi_document_under_fuzzing(live_server, settings, mode):
    settings.ATLAS_API_RATE_LIMIT = 0  # thousands of requests from one client
    demo_like_catalogue()
    base_url = f"{live_server.url}/api/v1"
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")

    fuzz(schema, base_url, mode)
