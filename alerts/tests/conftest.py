"""A real SMTP server on a loopback port (aiosmtpd) that the mails of a
test go to through Django's SMTP backend; `mailbox.messages` are the
parsed messages it received."""

import email
import email.policy
import importlib.machinery
import importlib.util
import socket
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _smtp_controller():
    """aiosmtpd's Controller. aiosmtpd imports `public` (of the atpublic
    package), a name our `public` app holds on sys.path: its modules get
    atpublic's for the moment of their import, then ours is back."""
    ours = sys.modules.pop("public", None)
    path = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
    spec = importlib.machinery.PathFinder.find_spec("public", path)
    theirs = importlib.util.module_from_spec(spec)
    sys.modules["public"] = theirs
    try:
        spec.loader.exec_module(theirs)
        from aiosmtpd.controller import Controller
    finally:
        for name in [n for n in sys.modules if n.startswith("public.")]:
            if sys.modules[name].__name__.startswith("public._"):  # atpublic's submodules
                del sys.modules[name]
        if ours is not None:
            sys.modules["public"] = ours
        else:
            sys.modules.pop("public", None)
    return Controller


Controller = _smtp_controller()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Mailbox:
    messages: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    connections: int = 0
    port: int = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted"

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    def to(self, address):
        return [m for m in self.messages if m["To"] == address]

    def clear(self):
        with self.lock:
            self.messages.clear()
            self.connections = 0


@pytest.fixture
def mailbox(settings):
    port = free_port()
    box = Mailbox(port=port)
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.ATLAS_BASE_URL = "https://atlas.example.org"
    try:
        yield box
    finally:
        controller.stop()


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def links(message):
    return [word for word in body(message).split() if word.startswith(("https://", "http://"))]
