"""The one assertion every error response goes through."""

import json


def assert_errors(response, status, codes):
    """The response is the API's one error shape, with `status` and exactly
    the error `codes` in order; returns the errors for further checks."""
    assert response.status_code == status
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    body = json.loads(response.content)
    assert list(body) == ["errors"]
    for error in body["errors"]:
        assert sorted(error) == ["code", "field", "message"]
        assert error["field"] is None or isinstance(error["field"], str)
        assert isinstance(error["message"], str) and error["message"]
    assert [error["code"] for error in body["errors"]] == codes
    return body["errors"]


def body(response):
    """The bytes of a response, streamed (the CSV export) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content
