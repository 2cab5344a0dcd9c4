"""The newsletter under strange input: links name no address, the sign-up does the
same work for every address, and the bounce webhook refuses malformed bodies with
a 400 instead of a 500."""

import base64
import hashlib
import hmac
import json
import zlib

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from newsletters import tokens
from newsletters.models import Subscriber

from .helpers import ARTICLE_URL, confirm_link, form_fields, signup
from .test_issue_mails import confirmed

pytestmark = pytest.mark.django_db
SECRET = "geheimnis"
URL = "/newsletter/webhooks/bounces/"


def _decoded(token: str) -> str:
    """What anyone reading a log can make of a signed value."""
    payload = token.split(":", 1)[0]
    compressed = payload.startswith(".")
    raw = base64.urlsafe_b64decode(payload.lstrip(".") + "==")
    return (zlib.decompress(raw) if compressed else raw).decode("utf-8", "replace")


def test_the_confirmation_link_carries_no_address(smtp_sink):
    signup(Client(), "geheim.leser@example.org")
    (message,) = smtp_sink.parsed()
    token = confirm_link(message).rstrip("/").rsplit("/", 1)[1]
    assert "geheim.leser" not in _decoded(token)
    subscriber, _rows = tokens.confirm_read(token)
    assert subscriber.email == "geheim.leser@example.org"


def test_a_link_mailed_before_still_confirms():
    subscriber = Subscriber.objects.create(email="alt@example.org")
    old = __import__("django.core.signing", fromlist=["dumps"]).dumps(
        [subscriber.pk, subscriber.generation, subscriber.email, []],
        salt=tokens.CONFIRM,
        compress=True,
    )
    assert tokens.confirm_read(old)[0] == subscriber


def _statements(queries) -> list[str]:
    return [q["sql"].split(" ")[0] + " " + q["sql"].split('"')[1] for q in queries]


def test_the_sign_up_request_does_the_same_work_for_every_address(settings):
    """The worker does the sign-up; the request only queues it."""
    confirmed("schon.da@example.org")
    mail.outbox.clear()
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "outside"],
        }
    }
    fields = form_fields(Client().get(ARTICLE_URL).content.decode())
    seen = {}
    for email in ("schon.da@example.org", "ganz.neu@example.org"):
        with CaptureQueriesContext(connection) as queries:
            response = Client().post(
                "/newsletter/subscribe/",
                {**fields, "email": email},
                HTTP_ORIGIN="http://testserver",
                HTTP_REFERER=ARTICLE_URL,
            )
        assert response.status_code == 302
        seen[email] = _statements(queries.captured_queries)
    assert seen["schon.da@example.org"] == seen["ganz.neu@example.org"]
    assert not Subscriber.objects.filter(email="ganz.neu@example.org").exists()
    assert mail.outbox == []


def _signed(body: bytes) -> str:
    return "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()


def _post(body: bytes):
    return Client().post(
        URL,
        body,
        content_type="application/json",
        HTTP_X_IMPRINT_SIGNATURE=_signed(body),
    )


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"events": [{"type": "bounce", "email": "a\u0000@example.org"}]}),
        json.dumps({"events": [{"type": "bounce", "email": "a" * 250 + "@ex.org"}]}),
        json.dumps({"events": [{"type": "bounce", "email": "a@b.c", "detail": "\0"}]}),
        json.dumps({"events": "nicht eine Liste"}),
        json.dumps({"events": ["nicht ein Objekt"]}),
        '{"events": ' + "[" * 5000 + "]" * 5000 + "}",
        "kein JSON",
    ],
)
def test_malformed_bounce_bodies_get_a_400(settings, body):
    settings.NEWSLETTER_WEBHOOK_SECRET = SECRET
    response = _post(body.encode())
    assert response.status_code == 400
    assert response.json()["error"].startswith("bad payload")


def test_an_unconfigured_webhook_says_only_not_found(settings):
    settings.NEWSLETTER_WEBHOOK_SECRET = ""
    response = Client().post(URL, b"{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {"error": "not found"}


def test_bidirectional_controls_are_stripped_from_subscriber_names():
    from newsletters.forms import clean_name

    assert clean_name("Kai \u202eBrandt\u202c") == "Kai Brandt"
