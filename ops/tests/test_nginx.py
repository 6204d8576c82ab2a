"""deploy/nginx/foerderatlas.conf in front of gunicorn, both on loopback,
with TLS (a certificate made for the test). Clients come from different
loopback addresses (127.0.0.2, 127.0.0.3): the atlas must see those, not
nginx's address, in its rate limits and the login lockout, and must not
believe an X-Forwarded-For the client wrote itself."""

import http.client
import re
import shutil
import socket
import ssl
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .servers import ROOT, collected_static, free_port, gunicorn_command, serve

pytestmark = pytest.mark.django_db(transaction=False, databases=[])

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CLIENT_A, CLIENT_B = "127.0.0.2", "127.0.0.3"


def site_config(upstream_port, http_port, https_port, certificate, key):
    """The shipped site file with the test's ports and certificate."""
    text = (ROOT / "deploy" / "nginx" / "foerderatlas.conf").read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{upstream_port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen 443 ssl;": f"listen 127.0.0.1:{https_port} ssl;",
        "/etc/letsencrypt/live/atlas.example.org/fullchain.pem": str(certificate),
        "/etc/letsencrypt/live/atlas.example.org/privkey.pem": str(key),
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    return "\n".join(line for line in text.splitlines() if "[::]" not in line)


def main_config(directory, site):
    return f"""
daemon off;
worker_processes 1;
pid {directory}/nginx.pid;
error_log {directory}/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {directory}/access.log;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    include /etc/nginx/mime.types;
{site}
}}
"""


class Proxy:
    """HTTPS (and plain HTTP) through nginx, from a chosen loopback address."""

    def __init__(self, http_port, https_port, app):
        self.http_port, self.https_port, self.app = http_port, https_port, app
        self.tls = ssl.create_default_context()
        self.tls.check_hostname = False
        self.tls.verify_mode = ssl.CERT_NONE

    def request(self, path, client=CLIENT_A, method="GET", body=None, headers=None, tls=True):
        connection = (
            http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, context=self.tls, source_address=(client, 0)
            )
            if tls
            else http.client.HTTPConnection("127.0.0.1", self.http_port, source_address=(client, 0))
        )
        try:
            connection.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
            answer = connection.getresponse()
            answer.text = answer.read().decode("utf-8", "replace")
            return answer
        finally:
            connection.close()


def _certificate(directory):
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    return certificate, key


def wait_for_port(port, process, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "nginx exited: see its error.log"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("nginx did not start")


@pytest.fixture(scope="module")
def proxy(sqlite_env):
    if not shutil.which("nginx") and not Path(NGINX).exists():
        pytest.skip("nginx is not installed: scripts/install-system-deps.sh")
    env, directory = sqlite_env
    certificate, key = _certificate(directory)
    settings = {
        "ATLAS_STATIC_ROOT": collected_static(),
        "ATLAS_TRUSTED_PROXIES": "127.0.0.1",
        "ATLAS_HSTS_SECONDS": "31536000",
        "ATLAS_API_RATE_LIMIT": "3",
        "ATLAS_LOGIN_FAILURE_LIMIT": "2",
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
    }
    with serve({**env, **settings}, directory / "behind-nginx.log", command=gunicorn_command()) as app:
        port = app.url.rsplit(":", 1)[1]
        http_port, https_port = free_port(), free_port()
        nginx_directory = directory / "nginx"
        nginx_directory.mkdir(exist_ok=True)
        conf = nginx_directory / "nginx.conf"
        conf.write_text(
            main_config(nginx_directory, site_config(port, http_port, https_port, certificate, key))
        )
        process = subprocess.Popen(
            [NGINX, "-c", str(conf), "-p", str(nginx_directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(https_port, process)
            yield Proxy(http_port, https_port, app)
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_plain_http_is_redirected_to_https(proxy):
    answer = proxy.request("/ueber/", tls=False)
    assert answer.status == 301
    assert answer.getheader("Location") == "https://localhost/ueber/"


def test_behind_tls_the_atlas_sends_hsts_and_secure_cookies(proxy):
    answer = proxy.request("/redaktion/login/")
    assert answer.status == 200
    assert answer.getheader("Strict-Transport-Security") == "max-age=31536000"
    cookies = answer.getheader("Set-Cookie")
    assert "csrftoken=" in cookies and "Secure" in cookies


def test_static_files_through_the_proxy_are_compressed_and_immutable(proxy):
    page = proxy.request("/")
    stylesheet = re.search(r'href="(/static/public/css/site\.[0-9a-f]{12}\.css)"', page.text).group(1)
    answer = proxy.request(stylesheet, headers={"Accept-Encoding": "br, gzip"})
    assert answer.status == 200
    assert answer.getheader("Content-Encoding") == "br"
    assert answer.getheader("Cache-Control") == "public, max-age=31536000, immutable"


def test_nginx_request_id_reaches_the_log(proxy):
    answer = proxy.request("/ueber/")
    request_id = answer.getheader("X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    [line] = [line for line in proxy.app.log_lines() if line.get("request_id") == request_id]
    assert line["path"] == "/ueber/"


def test_api_rate_limit_counts_per_visitor_behind_the_proxy(proxy):
    """Three a minute per visitor; a made-up X-Forwarded-For does not help."""
    first = [proxy.request("/api/v1/regions", client=CLIENT_A).status for _ in range(4)]
    spoofed = proxy.request("/api/v1/regions", client=CLIENT_A, headers={"X-Forwarded-For": "198.51.100.7"})
    other = proxy.request("/api/v1/regions", client=CLIENT_B)
    if first[0] == 429:  # the minute turned between this test's requests: nothing to learn
        pytest.skip("rate-limit window changed")
    assert first == [200, 200, 200, 429]
    assert spoofed.status == 429
    assert other.status == 200


def _login_attempt(proxy, client, username="editorin"):
    form = proxy.request("/redaktion/login/", client=client)
    cookie = SimpleCookie(form.getheader("Set-Cookie"))["csrftoken"].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    body = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": "wrong-password-123"})
    return proxy.request(
        "/redaktion/login/",
        client=client,
        method="POST",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookie}",
            "Referer": "https://localhost/redaktion/login/",
            "Origin": "https://localhost",
        },
    )


def test_login_lockout_counts_per_visitor_behind_the_proxy(proxy):
    """axes locks one user name from one address after two failures (issue 15)."""
    assert _login_attempt(proxy, CLIENT_A).status == 200  # the form again, with an error
    assert _login_attempt(proxy, CLIENT_A).status == 429  # the second failure locks
    assert _login_attempt(proxy, CLIENT_A, username="someone").status == 200  # colleagues stay free
    assert _login_attempt(proxy, CLIENT_B, username="another").status == 200  # another visitor is not
