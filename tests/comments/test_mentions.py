"""Webmentions and pingbacks: received, verified in the background against a real
local web server (allowed only through the explicit test setting), refused for
private addresses, moderated, and shown as "Erwähnungen"."""

import threading
import time
import xmlrpc.client
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from comments import fetch, mentions
from comments.models import Mention

TARGET = "http://127.0.0.1:8000/journal/gut-gestartet/der-erste-tag/"


class Site:
    """A small web server on loopback: path -> (status, headers, body)."""

    def __init__(self):
        self.pages: dict[str, tuple[int, dict, bytes]] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                status, headers, content = pages.get(self.path, (404, {}, b"nope"))
                if headers.get("X-Sleep"):
                    time.sleep(float(headers["X-Sleep"]))
                self.send_response(status)
                for name, value in {
                    "Content-Type": "text/html; charset=utf-8",
                    **headers,
                }.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # the verifier hanging up on a slow or big page is the point

        self.server = Server(("127.0.0.1", 0), Handler)
        self.root = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def page(self, path: str, html: str, status: int = 200, **headers) -> str:
        self.pages[path] = (status, headers, html.encode())
        return self.root + path


ENTRY = f"""<html><head><title>Blog von Kai</title></head><body>
<article class="h-entry"><h1 class="p-name">Gute Tipps für den Start</h1>
<a class="p-author h-card" href="https://kai.example/">Kai Brandt</a>
<time class="dt-published" datetime="2026-11-20T10:00:00+01:00">20.11.</time>
<div class="e-content">Lesenswert: <a href="{TARGET}">der erste Tag</a>.</div>
</article></body></html>"""


def webmention(source: str, target: str = TARGET):
    return Client().post("/webmention/", {"source": source, "target": target})


def test_webmention_verified_moderated_and_shown(web, admin_client, article):
    source = web.page("/post/", ENTRY)
    response = webmention(source)
    assert response.status_code == 202
    mention = Mention.objects.get(source=source)
    assert mention.status == "pending"  # verified, waiting for a moderator
    assert mention.title == "Gute Tipps für den Start"
    assert (mention.author_name, mention.author_url) == (
        "Kai Brandt",
        "https://kai.example/",
    )
    assert mention.published.year == 2026
    assert "Gute Tipps" not in Client().get(article.url).content.decode()
    admin_client.post(
        f"/admin/comments/mention-review/{mention.pk}/", {"action": "approve"}
    )
    html = Client().get(article.url).content.decode()
    assert "Erwähnungen" in html and "Gute Tipps für den Start" in html
    assert f'<a href="{source}" rel="nofollow ugc">' in html and "Kai Brandt" in html


def test_page_announces_its_endpoints(client, article):
    html = client.get(article.url).content.decode()
    assert '<link rel="webmention" href="http://testserver/webmention/">' in html
    assert '<link rel="pingback" href="http://testserver/pingback/">' in html


def test_source_without_link_fails(web, article):
    source = web.page(
        "/other/", "<html><body><a href='https://x.example/'>x</a></body></html>"
    )
    webmention(source)
    mention = Mention.objects.get(source=source)
    assert mention.status == "failed" and "does not link" in mention.failure


def test_source_that_removed_the_link_is_taken_off(web, admin_client, article):
    source = web.page("/post/", ENTRY)
    webmention(source)
    mention = Mention.objects.get(source=source)
    admin_client.post(
        f"/admin/comments/mention-review/{mention.pk}/", {"action": "approve"}
    )
    web.page("/post/", "<html><body>Link entfernt.</body></html>")
    webmention(source)
    mention.refresh_from_db()
    assert mention.status == "failed"
    assert "Gute Tipps" not in Client().get(article.url).content.decode()


@pytest.mark.parametrize(
    "source",
    [
        "http://127.0.0.1:9/post/",  # loopback (no test setting here)
        "http://10.1.2.3/post/",  # private
        "http://169.254.169.254/latest/meta-data/",  # link-local (cloud metadata)
        "http://[::1]/post/",  # loopback, IPv6
        "http://localhost/post/",  # a name that resolves to loopback
    ],
)
def test_private_addresses_are_never_fetched(source, article):
    assert webmention(source).status_code == 202
    mention = Mention.objects.get(source=source)
    assert mention.status == "failed"
    assert "non-public address" in mention.failure


def test_a_redirect_to_a_private_address_is_refused(web, article):
    source = web.page("/jump/", "", status=302, Location="http://169.254.169.254/")
    webmention(source)
    assert "non-public address" in Mention.objects.get(source=source).failure


def test_size_and_time_caps(web, article, monkeypatch):
    padding = "<p>" + "x" * 2_000_000 + "</p>"
    big = web.page(
        "/big/", f"<html><body>{padding}<a href='{TARGET}'>x</a></body></html>"
    )
    webmention(big)
    assert Mention.objects.get(source=big).status == "failed"  # link beyond the cap
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    slow = web.page("/slow/", ENTRY, **{"X-Sleep": "2"})
    started = time.monotonic()
    webmention(slow)
    assert time.monotonic() - started < 1.8
    assert Mention.objects.get(source=slow).status == "failed"


def test_bad_webmentions_get_400_with_a_reason(article):
    assert webmention("", TARGET).status_code == 400
    response = webmention("https://a.example/", "https://elsewhere.example/post/")
    assert response.status_code == 400 and response.json()["error"] == "target-foreign"
    response = webmention("https://a.example/", "http://127.0.0.1:8000/gibt-es-nicht/")
    assert response.json()["error"] == "target-missing"
    assert webmention("ftp://a.example/", TARGET).json()["error"] == "source-invalid"
    assert not Mention.objects.exists()


def pingback(source: str, target: str = TARGET):
    payload = xmlrpc.client.dumps((source, target), "pingback.ping")
    response = Client().post("/pingback/", payload, content_type="text/xml")
    return xmlrpc.client.loads(response.content)[0][0]


def test_pingback_is_verified_like_a_webmention(web, article):
    source = web.page("/ping/", ENTRY)
    assert "received" in pingback(source)
    mention = Mention.objects.get(source=source)
    assert mention.kind == "pingback" and mention.status == "pending"
    with pytest.raises(xmlrpc.client.Fault) as fault:
        pingback(source)
    assert fault.value.faultCode == 48
    with pytest.raises(xmlrpc.client.Fault) as fault:
        pingback(source, "http://127.0.0.1:8000/gibt-es-nicht/")
    assert fault.value.faultCode == 32


def test_a_source_without_microformats_is_named_by_its_title(web, article):
    source = web.page(
        "/plain/",
        f"<html><head><title>Notizen von Ute</title></head><body>"
        f"<time class='dt-published' datetime='2026-13-45'>?</time>"
        f"<a href='{TARGET}'>Lesetipp</a></body></html>",
    )
    webmention(source)
    mention = Mention.objects.get(source=source)
    assert (mention.status, mention.title) == ("pending", "Notizen von Ute")
    assert mention.author_name == "" and mention.published is None


def test_mentions_per_address_are_limited(article, monkeypatch):
    monkeypatch.setattr(mentions, "MENTIONS_PER_IP_HOUR", 2)
    for number in range(2):
        assert webmention(f"https://a.example/{number}/").status_code == 202
    response = webmention("https://a.example/3/")
    assert response.status_code == 429 and response.json()["error"] == "rate-limit"
    assert Mention.objects.count() == 2
