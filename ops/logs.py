"""Logs operators can use: one JSON object per line, with the request id of
the request being served (if any), so every line of one request can be
found and matched to the `X-Request-ID` a visitor reports from an error page.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

request_id = ContextVar("request_id", default=None)

# An id a trusted proxy hands on (nginx: $request_id) is kept if it looks like one.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Fields of a record that the formatter writes as they are.
PASSED_ON = ("method", "path", "status", "duration_ms", "user_agent", "client", "incident")
BOTS = re.compile(r"bot|crawl|spider|slurp|preview|monitor|check", re.IGNORECASE)
SCRIPTS = re.compile(r"^(curl|wget|python|go-http|java|okhttp|libwww|httpie|node|axios|wrk)", re.IGNORECASE)


def new_request_id(incoming=None):
    if incoming and INCOMING_ID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def user_agent_class(user_agent):
    """browser, bot, script or none: enough to read traffic, no fingerprint."""
    if not user_agent:
        return "none"
    if BOTS.search(user_agent):
        return "bot"
    if SCRIPTS.match(user_agent):
        return "script"
    return "browser"


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        current = request_id.get()
        if current:
            line["request_id"] = current
        for field in PASSED_ON:
            if hasattr(record, field):
                line[field] = getattr(record, field)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
