"""Mentions from strangers cannot take a page down or hold the worker: impossible
dates are dropped before they are stored, a source that trickles its answer is cut
off at one wall-clock deadline, malformed addresses get a 400 with the reason, and
pingback faults say nothing about what runs here."""

import socket
import threading
import time
import xmlrpc.client
from datetime import UTC, datetime

import pytest
from django.test import Client

from comments import fetch
from comments.models import Mention
from comments.tasks import mention_verify
from comments.verification import source_details
from tests.comments.test_mentions import TARGET, webmention


def _entry(published: str) -> str:
    return f"""<html><body><article class="h-entry">
<h1 class="p-name">Datum vom Rand der Zeit</h1>
<time class="dt-published" datetime="{published}">irgendwann</time>
<div class="e-content"><a href="{TARGET}">der erste Tag</a></div>
</article></body></html>"""


@pytest.mark.parametrize(
    "published",
    [
        "0001-01-01T00:00:00+14:00",  # year 0 in UTC: PostgreSQL stores, cannot return
        "9999-12-31T23:59:59-23:59",  # year 10000 in UTC: crashed the verify task
        "1200-05-01T10:00:00Z",
        "2999-01-01",
    ],
)
def test_an_impossible_published_date_is_dropped_and_the_page_stays_up(
    web, admin_client, article, published
):
    source = web.page("/post/", _entry(published))
    assert webmention(source).status_code == 202
    mention = Mention.objects.get(source=source)
    assert mention.status == "pending"  # verified: the task did not crash
    assert mention.published is None
    assert mention.title == "Datum vom Rand der Zeit"
    admin_client.post(
        f"/admin/comments/mention-review/{mention.pk}/", {"action": "approve"}
    )
    assert Client().get(article.url).status_code == 200
    assert admin_client.get("/admin/comments/mentions/").status_code == 200
    assert Client().get(f"/webmention/{mention.pk}/").status_code == 200


def test_a_plausible_date_is_kept_in_utc():
    details = source_details(_entry("2026-11-20T10:00:00+01:00"), "https://a.example/")
    assert details["published"] == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


class Trickle:
    """A server that answers one byte at a time, `gap` seconds apart, for as long
    as the client listens: in the headers or in the body."""

    def __init__(self, *, in_headers: bool, gap: float = 0.3):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/post/"
        self.in_headers, self.gap = in_headers, gap
        self.stop = threading.Event()
        self.connected = threading.Event()  # a client is being answered
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:  # closed
                return
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn):
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        try:
            conn.recv(65536)
            self.connected.set()
            if self.in_headers:
                conn.sendall(head)
                filler = b"X-Slow: " + b"a" * 1000
            else:
                conn.sendall(head + b"\r\n")
                filler = b"<p>" + b"x" * 1000
            for byte in filler:
                if self.stop.is_set():
                    break
                conn.sendall(bytes([byte]))
                time.sleep(self.gap)
        except OSError:
            pass  # the fetcher hung up: what it should do
        finally:
            conn.close()

    def close(self):
        self.stop.set()
        self.sock.close()


@pytest.mark.parametrize("in_headers", [False, True], ids=["body", "headers"])
def test_a_trickling_source_is_cut_off_at_one_deadline(settings, in_headers):
    settings.COMMENTS_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    server = Trickle(in_headers=in_headers)
    try:
        began = time.monotonic()
        with pytest.raises(fetch.Refused, match="timed out"):
            fetch.fetch(server.url, timeout=1.5)
        took = time.monotonic() - began
    finally:
        server.close()
    # One byte every 0.3 s restarted the socket timeout for ever; now the whole
    # fetch ends at its deadline.
    assert took < 2.5


def test_mentions_are_fetched_on_their_own_queue():
    assert mention_verify.queue_name == "outside"


@pytest.mark.parametrize(
    "source, reason",
    [
        ("http://[/x", "source-invalid"),
        ("http://a.example:99999/post/", "source-invalid"),
        ("http://a.example:0/post/", "source-invalid"),
        ("javascript:alert(1)", "source-invalid"),
    ],
)
def test_malformed_sources_get_a_400_with_the_reason(article, source, reason):
    response = webmention(source)
    assert response.status_code == 400
    assert response.json()["error"] == reason
    assert not Mention.objects.filter(source=source).exists()


@pytest.mark.parametrize("field", ["source", "target"])
def test_a_nul_in_a_mention_is_a_400(article, field):
    data = {"source": "https://a.example/post/", "target": TARGET}
    data[field] = data[field] + "\x00"
    response = Client().post("/webmention/", data)
    assert response.status_code == 400


def test_a_malformed_target_gets_a_400(article):
    response = webmention("https://a.example/post/", "http://[/x")
    assert response.status_code == 400
    assert response.json()["error"] == "target-invalid"


@pytest.mark.parametrize(
    "body",
    [
        b"<methodCall><methodName>pingback.ping</methodName><params>",  # broken XML
        xmlrpc.client.dumps(("a",), "pingback.ping").encode(),  # one parameter
        xmlrpc.client.dumps((1, 2), "pingback.ping").encode(),  # not strings
        xmlrpc.client.dumps(("a", "b"), "system.listMethods").encode(),
        b"<?xml version='1.0'?><methodCall><methodName>pingback.ping</methodName>"
        b"<params><param><value><struct></struct></value></param></params></methodCall>",
    ],
)
def test_pingback_faults_are_plain(article, body):
    response = Client().post("/pingback/", body, content_type="text/xml")
    assert response.status_code == 200
    with pytest.raises(xmlrpc.client.Fault) as fault:
        xmlrpc.client.loads(response.content)
    text = fault.value.faultString
    for leak in ("Error", "Exception", "Traceback", "<class", "builtins", "File "):
        assert leak not in text
