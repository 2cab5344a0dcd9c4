"""In production nginx sends the bytes: the download view answers with
X-Accel-Redirect to an internal location over the private files. A real nginx from
Debian's packages, started by the test, serves the stamped copy as an attachment and
refuses the internal location to a direct request."""

import hashlib
import os
import re
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from delivery.models import Delivery
from tests.flows.checkout import guest_buys

pytestmark = pytest.mark.django_db


def _nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "nginx-light"],
            capture_output=True,
            timeout=600,
            check=False,
        )
        found = shutil.which("nginx") or (
            "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
        )
    if found is None:
        pytest.skip("nginx is not installed and could not be (needs root and apt)")
    return found


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_nginx_serves_the_stamped_copy_by_x_accel_redirect(
    client, ids, settings, tmp_path, django_capture_on_commit_callbacks
):
    nginx = _nginx()
    settings.DOWNLOAD_X_ACCEL_PREFIX = "/protected/"
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    page = client.get("/shop/checkout/thank-you/").content.decode()
    path = re.search(r'href="(/shop/downloads/[^"]+/)"', page).group(1)
    answer = client.get(path)
    assert answer.status_code == 200
    assert answer["X-Accel-Redirect"].startswith("/protected/copies/")
    assert answer.content == b""  # Django sends no bytes itself
    delivery = Delivery.objects.latest("pk")

    # The upstream answers as the Django view did (the view ran above, in the test's
    # database transaction); nginx does the rest.
    class Upstream(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            self.send_response(200)
            for name in ("X-Accel-Redirect", "Content-Disposition", "Content-Type"):
                self.send_header(name, answer[name])
            self.send_header("Content-Length", "0")
            self.end_headers()

    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = _port()
    private_root = settings.STORAGES["private"]["OPTIONS"]["location"]
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / folder).mkdir()
    config = tmp_path / "nginx.conf"
    # Started as root here, nginx's workers would drop to "nobody", who may not
    # enter the checkout's folders; a deployment gives nginx's user read access.
    user = "user root;" if os.geteuid() == 0 else ""
    config.write_text(
        f"""
{user}
daemon off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log;
events {{}}
http {{
    access_log off;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    types {{ application/pdf pdf; application/epub+zip epub; }}
    server {{
        listen 127.0.0.1:{port};
        location /protected/ {{ internal; alias {private_root}/; }}
        location / {{ proxy_pass http://127.0.0.1:{upstream.server_port}; }}
    }}
}}
"""
    )
    server = subprocess.Popen([nginx, "-c", str(config), "-p", str(tmp_path)])
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        with urlopen(f"http://127.0.0.1:{port}/download") as response:
            body = response.read()
            disposition = response.headers["Content-Disposition"]
        assert hashlib.sha256(body).hexdigest() == delivery.sha256
        assert disposition.startswith("attachment;") and disposition.endswith('.pdf"')
        with pytest.raises(HTTPError) as refused:
            urlopen(f"http://127.0.0.1:{port}{answer['X-Accel-Redirect']}")
        assert refused.value.code in (403, 404)
    finally:
        server.terminate()
        server.wait(timeout=10)
        upstream.shutdown()
