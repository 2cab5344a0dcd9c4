"""Bounces and complaints (mailbox command and webhook), the GDPR part, and the
newsletter in the Wagtail admin: composing, preview, test send, sending with its
counts, the subscribers chart."""

import hashlib
import hmac
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

import privacy
from consent.models import ConsentRecord
from newsletters.models import Bounce, Subscriber
from tests.mailsink import body

from .helpers import newsletter, state
from .test_issue_mails import an_issue, confirmed, fresh

pytestmark = pytest.mark.django_db

POST = "lindenblatt-post"

DSN = """\
From: MAILER-DAEMON@mx.example.org
To: brief@test.example
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

--b1
Content-Type: text/plain

The mail could not be delivered.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; {address}
Action: failed
Status: {status}
Diagnostic-Code: smtp; {status} user unknown

--b1--
"""

ARF = """\
From: abuse@provider.example
To: brief@test.example
Subject: Complaint
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="b2"

--b2
Content-Type: text/plain

A user marked this as spam.

--b2
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: Provider/1.0
Version: 1
Original-Rcpt-To: {address}

--b2
Content-Type: text/rfc822-headers

From: brief@test.example
To: {address}
Subject: Post im Mai

--b2--
"""


def _command(tmp_path, text: str) -> str:
    path = tmp_path / "mail.eml"
    path.write_text(text)
    out = StringIO()
    call_command("newsletter_mailbox", str(path), stdout=out)
    return out.getvalue()


def test_bounced_reader_can_restart_from_the_preference_centre(tmp_path, smtp_sink):
    from newsletters import tokens

    subscriber = confirmed("zurueck@example.org")
    _command(tmp_path, DSN.format(address="zurueck@example.org", status="5.1.1"))
    fresh(smtp_sink)
    from tests.newsletters.helpers import signup

    signup(Client(), "zurueck@example.org")  # a public form sends nothing to it
    assert smtp_sink.messages == []
    centre = (
        "/newsletter/preferences/"
        f"{tokens.preferences_token(subscriber.pk, subscriber.email)}/"
    )
    assert "kamen nicht an" in Client().get(centre).content.decode()
    Client().post(centre, {"newsletters": [POST]})
    assert len(smtp_sink.to("zurueck@example.org")) == 1
    assert Subscriber.objects.get(email="zurueck@example.org").deactivated_at is None


def test_hard_bounce_from_the_mailbox_deactivates_the_address(tmp_path, admin_client):
    confirmed("hart@example.org")
    report = _command(tmp_path, DSN.format(address="hart@example.org", status="5.1.1"))
    assert "hard bounce: hart@example.org" in report
    subscriber = Subscriber.objects.get(email="hart@example.org")
    assert subscriber.deactivated_at is not None
    assert state("hart@example.org", POST) == "ended"
    listing = admin_client.get("/admin/newsletter_subscribers/?q=hart").content.decode()
    assert "hart@example.org" in listing and "unzustellbar (dauerhaft)" in listing


def test_soft_bounce_is_noted_and_changes_nothing(tmp_path):
    confirmed("weich@example.org")
    _command(tmp_path, DSN.format(address="weich@example.org", status="4.2.2"))
    assert Bounce.objects.get(email="weich@example.org").kind == "soft"
    assert state("weich@example.org", POST) == "confirmed"


def test_complaint_report_deactivates_the_address(tmp_path):
    confirmed("beschwerde@example.org")
    _command(tmp_path, ARF.format(address="beschwerde@example.org"))
    assert Subscriber.objects.get(email="beschwerde@example.org").deactivated_at
    assert Bounce.objects.get(email="beschwerde@example.org").kind == "complaint"


def test_unsubscribe_by_mail_works_only_from_the_address_it_went_to(
    send_issue, tmp_path, smtp_sink, ids
):

    confirmed("permail@example.org")
    fresh(smtp_sink)
    send_issue(an_issue(ids))
    mail = smtp_sink.to("permail@example.org")[0]
    mailto = mail["List-Unsubscribe"].split("<mailto:")[1].rstrip(">")
    subject = mailto.split("?subject=")[1].replace("%20", " ")
    forged = f"From: jemand@example.org\nTo: x\nSubject: {subject}\n\nbitte\n"
    _command(tmp_path, forged)
    assert state("permail@example.org", POST) == "confirmed"
    real = f"From: Per Mail <permail@example.org>\nTo: x\nSubject: {subject}\n\nbitte\n"
    assert "unsubscribed by mail" in _command(tmp_path, real)
    assert state("permail@example.org", POST) == "ended"


def _signed(body: bytes, shared: str = "geheimnis") -> str:
    return "sha256=" + hmac.new(shared.encode(), body, hashlib.sha256).hexdigest()


def test_bounce_webhook_needs_the_signature_and_a_valid_body(settings):
    settings.NEWSLETTER_WEBHOOK_SECRET = "geheimnis"
    confirmed("webhook@example.org")
    url = "/newsletter/webhooks/bounces/"
    payload = json.dumps(
        {
            "events": [
                {"type": "bounce", "bounce": "hard", "email": "webhook@example.org"}
            ]
        }
    ).encode()
    client = Client(enforce_csrf_checks=True)
    unsigned = client.post(url, payload, content_type="application/json")
    assert unsigned.status_code == 401
    forged = client.post(
        url,
        payload,
        content_type="application/json",
        HTTP_X_IMPRINT_SIGNATURE=_signed(payload, "falsch"),
    )
    assert forged.status_code == 401
    broken = b'{"events": [{"type": "bounce"}]}'
    answer = client.post(
        url,
        broken,
        content_type="application/json",
        HTTP_X_IMPRINT_SIGNATURE=_signed(broken),
    )
    assert answer.status_code == 400 and "bad payload" in answer.json()["error"]
    assert state("webhook@example.org", POST) == "confirmed"
    ok = client.post(
        url,
        payload,
        content_type="application/json",
        HTTP_X_IMPRINT_SIGNATURE=_signed(payload),
    )
    assert ok.status_code == 200 and ok.json() == {"recorded": 1}
    assert state("webhook@example.org", POST) == "ended"


def test_gdpr_export_and_erasure_cover_subscriber_rows_and_ledger():
    confirmed("auskunft@example.org", slugs=(POST, "lindenblatt-angebote"))
    exported = privacy.export("auskunft@example.org")
    newsletters_part = exported["newsletters"]
    assert any(
        entry.get("subscriber") == "auskunft@example.org" for entry in newsletters_part
    )
    assert {e.get("newsletter") for e in newsletters_part} >= {
        "Lindenblatt-Post",
        "Lindenblatt-Angebote",
    }
    assert len(exported["consent"]["consents"]) == 2
    privacy.erase("auskunft@example.org")
    assert not Subscriber.objects.filter(email="auskunft@example.org").exists()
    assert state("auskunft@example.org", POST) == "none"
    kept = ConsentRecord.objects.filter(purpose="newsletter", scope=POST).exclude(
        subject_hash=""
    )
    assert kept.exists() and not kept.filter(email="auskunft@example.org").exists()


def test_editor_composes_previews_tests_and_sends_an_issue(
    admin_client, admin_user, smtp_sink, ids
):
    confirmed("abo1@example.org")
    confirmed("abo2@example.org")
    fresh(smtp_sink)
    issue = an_issue(ids)
    listing = admin_client.get("/admin/newsletter/issues/").content.decode()
    assert "Post im Mai: Gut ankommen" in listing
    assert f"/admin/newsletter/issues/{issue.pk}/send/" in listing
    edit = admin_client.get(f"/admin/newsletter/issues/edit/{issue.pk}/")
    assert edit.status_code == 200
    preview = admin_client.get(
        f"/admin/newsletter/issues/{issue.pk}/mail/"
    ).content.decode()
    assert "Der erste Tag" in preview

    send_page = f"/admin/newsletter/issues/{issue.pk}/send/"
    page = admin_client.get(send_page).content.decode()
    assert "2 bestätigte Abonnenten" in page
    admin_client.post(send_page, {"action": "test"})
    [test_mail] = smtp_sink.to(admin_user.email)
    assert test_mail["Subject"] == "[Test] Post im Mai: Gut ankommen"
    assert "/newsletter/" in body(test_mail, "plain")

    ask = admin_client.post(send_page, {"action": "now"}).content.decode()
    assert "An 2 bestätigte Abonnenten von „" in ask  # the count and the newsletter
    assert smtp_sink.to("abo1@example.org") == []  # the first click sends nothing
    admin_client.post(send_page, {"action": "now", "confirmed": "1"})
    assert len(smtp_sink.to("abo1@example.org")) == 1
    page = admin_client.get(send_page).content.decode()
    assert '<td class="count-sent">2</td>' in page
    assert '<td class="count-failed">0</td>' in page

    again = admin_client.post(
        send_page, {"action": "now", "confirmed": "1"}, follow=True
    )
    assert "schon versandt oder geplant" in again.content.decode()
    assert len(smtp_sink.to("abo1@example.org")) == 1  # a second click sends nothing

    past = admin_client.post(
        f"/admin/newsletter/issues/{an_issue(ids).pk}/send/",
        {"action": "schedule", "when": "2001-01-01T10:00"},
    )
    assert "in der Zukunft" in past.content.decode()


def test_scheduled_sending_starts_when_its_time_comes(send_issue, smtp_sink, ids):
    from datetime import timedelta

    from django.utils import timezone

    from newsletters import selectors

    confirmed("plan@example.org")
    fresh(smtp_sink)
    later = timezone.now() + timedelta(hours=2)
    run = send_issue(an_issue(ids), when=later)
    assert selectors.sendings_due() == []
    assert smtp_sink.messages == []
    assert selectors.sendings_due(now=later + timedelta(minutes=1)) == [run.pk]


def test_dashboard_shows_subscribers_per_newsletter_as_a_chart(admin_client):
    confirmed("chart1@example.org")
    confirmed("chart2@example.org")
    from newsletters import services

    services.subscription_request(
        email="chart3@example.org", newsletters=[newsletter(POST)], text="x", source="t"
    )
    html = admin_client.get("/admin/").content.decode()
    panel = html[html.index('id="newsletter-subscribers-title"') :]
    assert "Lindenblatt-Post" in panel
    assert "Jetzt: 2 bestätigt, 1 unbestätigt" in panel
    assert "<svg" in panel


def test_nothing_is_sent_to_an_unconfirmed_address(send_issue, smtp_sink, ids):
    from newsletters import selectors, services

    services.subscription_request(
        email="nie@example.org", newsletters=[newsletter(POST)], text="x", source="t"
    )
    fresh(smtp_sink)
    run = send_issue(an_issue(ids))
    assert selectors.sending_counts(run)["total"] == 0
    assert smtp_sink.to("nie@example.org") == []
    assert state("nie@example.org", POST) == "pending"  # still waiting, untouched


def test_subscriber_history_follows_each_row_through_its_states():
    from datetime import timedelta

    from django.utils import timezone
    from newsletter.models import Subscription

    from newsletters import selectors

    now = timezone.now()
    weeks_ago = lambda n: now - timedelta(weeks=n, hours=1)  # noqa: E731
    post = newsletter(POST)
    Subscription.objects.create(
        newsletter=post, email_field="verlauf@example.org", create_date=weeks_ago(10)
    )
    Subscription.objects.filter(email_field="verlauf@example.org").update(
        subscribed=False,
        unsubscribed=True,
        subscribe_date=weeks_ago(8),
        unsubscribe_date=weeks_ago(2),
    )
    series = selectors.subscriber_history(weeks=12, now=now)["newsletters"][
        "Lindenblatt-Post"
    ]

    # Points are the ends of weeks 11 … 0 ago: index i is (11 - i) weeks ago.
    def at(weeks: int):
        return series[11 - weeks]

    assert at(11)["pending"] == at(11)["confirmed"] == 0  # not there yet
    assert at(9)["pending"] == 1
    assert at(5)["confirmed"] == 1 and at(5)["pending"] == 0
    assert at(0)["unsubscribed"] == 1 and at(0)["confirmed"] == 0


def _history_row_by_row(points, weeks, bounced):
    """The chart counted one row at a time, every change at its exact time: the
    reference the database's grouped count must equal."""
    from bisect import bisect_left
    from collections import Counter

    from newsletter.models import Subscription

    from newsletters.selectors import STATES

    counts = {}
    for row in Subscription.objects.all():
        changes = [(row.create_date, "pending")]
        if row.subscribe_date and (row.subscribed or row.unsubscribed):
            changes.append((row.subscribe_date, "confirmed"))
        if row.unsubscribed and row.unsubscribe_date:
            changes.append((row.unsubscribe_date, "unsubscribed"))
        if row.email_field in bounced:
            changes.append((bounced[row.email_field], "bounced"))
        changes.sort(key=lambda change: change[0])
        series = counts.setdefault(
            row.newsletter.title, [Counter(dict.fromkeys(STATES, 0)) for _ in points]
        )
        for index, (since, kind) in enumerate(changes):
            until = changes[index + 1][0] if index + 1 < len(changes) else None
            last = weeks if until is None else bisect_left(points, until)
            for point in range(bisect_left(points, since), last):
                series[point][kind] += 1
    return counts


def test_subscriber_history_counted_in_groups_equals_a_count_row_by_row(
    django_assert_max_num_queries,
):
    """Changes in the same week in either order, at equal times, confirmations
    dated before the row, unsubscriptions before the confirmation, bounces: the
    grouped count reads like the exact one for each of them."""
    import random
    from datetime import timedelta

    from django.utils import timezone
    from newsletter.models import Subscription

    from newsletters import selectors

    now = timezone.now()
    chance = random.Random(2026)  # noqa: S311 (repeatable test data)
    news = [newsletter(POST), newsletter("lindenblatt-angebote")]
    week = timedelta(weeks=1)
    for number in range(160):
        created = now - chance.choice([14, 9, 5, 3, 0.5]) * week
        offsets = [timedelta(0), timedelta(hours=2), -timedelta(hours=2), 2 * week]
        signed = created + chance.choice(offsets)
        ended = signed + chance.choice(offsets)
        email = f"gruppe{number}@example.org"
        row = Subscription.objects.create(
            newsletter=chance.choice(news), email_field=email, create_date=created
        )
        fate = chance.choice(["pending", "confirmed", "unsubscribed", "undated"])
        Subscription.objects.filter(pk=row.pk).update(
            create_date=created,
            subscribed=fate == "confirmed",
            unsubscribed=fate in ("unsubscribed", "undated"),
            subscribe_date=None if fate == "pending" else signed,
            unsubscribe_date=ended if fate == "unsubscribed" else None,
        )
        if number % 9 == 0:
            Subscriber.objects.update_or_create(
                email=email,
                defaults={"deactivated_at": created + chance.choice(offsets)},
            )
    # Bounced addresses, the groups, the bounced rows, the titles.
    with django_assert_max_num_queries(4):
        history = selectors.subscriber_history(weeks=12, now=now)
    bounced = dict(
        Subscriber.objects.exclude(deactivated_at=None).values_list(
            "email", "deactivated_at"
        )
    )
    expected = _history_row_by_row(history["points"], 12, bounced)
    assert set(history["newsletters"]) == set(expected)
    for title, series in expected.items():
        assert [dict(point) for point in history["newsletters"][title]] == [
            dict(point) for point in series
        ], title
