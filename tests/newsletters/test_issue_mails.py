"""An issue as readers get it: composed in the admin, sent in the background over
one SMTP connection per batch, each mail with its reader's own links; one-click
unsubscribe (RFC 8058) and the preference centre reached from those links."""

import re

import pytest
from django.test import Client
from newsletter.models import Subscription

from consent.models import ConsentRecord
from newsletters import dispatch, selectors, services
from newsletters.models import Issue, Recipient, Sending, Subscriber
from tests.mailsink import body

from .helpers import confirm_link, links, newsletter, path_of, state

pytestmark = pytest.mark.django_db

POST = "lindenblatt-post"


def confirmed(email: str, slugs=(POST,)) -> Subscriber:
    chosen = [newsletter(slug) for slug in slugs]
    subscriber = services.subscription_request(
        email=email,
        newsletters=chosen,
        text=services.consent_wording(chosen),
        source="test",
        limited=False,
    )
    services.subscription_confirm(
        subscriber=subscriber,
        subscriptions=list(
            Subscription.objects.filter(email_field=email).values_list("pk", flat=True)
        ),
    )
    subscriber.refresh_from_db()
    return subscriber


def fresh(sink) -> None:
    """Forget the confirmation mails: the test reads what the sending sends."""
    sink.messages.clear()
    sink.connections = 0


def an_issue(ids) -> Issue:
    from blog.models import ArticlePage

    article = ArticlePage.objects.get(pk=ids.first_part)
    from oscar.core.loading import get_model

    book = get_model("catalogue", "Product").objects.get(pk=ids.book)
    return Issue.objects.create(
        newsletter=newsletter(POST),
        subject="Post im Mai: Gut ankommen",
        preheader="Zwei Tipps für den Anfang",
        body=[
            ("heading", "Aus dem Magazin"),
            ("article", {"page": article, "teaser": ""}),
            ("product", {"product": book, "text": "Das Buch zur Serie."}),
        ],
    )


def test_issue_goes_to_confirmed_readers_only_with_their_own_links(
    send_issue, smtp_sink, ids
):
    readers = [confirmed(f"leser{n}@example.org") for n in range(3)]
    services.subscription_request(
        email="wartet@example.org",
        newsletters=[newsletter(POST)],
        text="x",
        source="test",
    )
    fresh(smtp_sink)
    issue = an_issue(ids)
    run = send_issue(issue)
    run.refresh_from_db()
    assert run.status == Sending.Status.FINISHED
    assert selectors.sending_counts(run) == {
        "total": 3,
        "queued": 0,
        "sent": 3,
        "failed": 0,
        "unknown": 0,
    }
    assert smtp_sink.connections == 1  # one SMTP connection for the batch
    assert sorted(rcpt[0] for rcpt, _raw in smtp_sink.messages) == sorted(
        r.email for r in readers
    )
    mail = smtp_sink.to("leser0@example.org")[0]
    assert mail["Subject"] == "Post im Mai: Gut ankommen"
    assert mail["From"] == "Testverlag <brief@test.example>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    https, mailto = re.findall(r"<([^>]+)>", mail["List-Unsubscribe"])
    assert "/newsletter/unsubscribe/" in https
    assert mailto.startswith("mailto:unsubscribe@test.example?subject=unsubscribe%20")
    assert mail["List-Id"] == "<lindenblatt-post.test.example>"
    text, html = body(mail, "plain"), body(mail, "html")
    assert "Der erste Tag" in text and "Weiterlesen" in text
    assert "24,90" in text or "24.90" in text  # the book at its live price
    assert "Abmelden" in html and "Ihre Newsletter verwalten" in html
    assert "leser0@example.org" not in https  # the address is not in the link
    other = smtp_sink.to("leser1@example.org")[0]
    assert other["List-Unsubscribe"] != mail["List-Unsubscribe"]
    # The archive shows it, without anyone's personal links.
    archive = Client().get("/newsletter/archive/").content.decode()
    assert "Post im Mai: Gut ankommen" in archive
    page = Client().get(f"/newsletter/archive/{run.pk}/").content.decode()
    assert "Der erste Tag" in page and "/newsletter/unsubscribe/" not in page


def test_one_click_unsubscribe_by_post_without_cookie_or_token(
    send_issue, smtp_sink, ids
):
    confirmed("klick@example.org")
    fresh(smtp_sink)
    send_issue(an_issue(ids))
    mail = smtp_sink.to("klick@example.org")[0]
    url = re.findall(r"<([^>]+)>", mail["List-Unsubscribe"])[0]

    asking = Client().get(path_of(url))
    assert asking.status_code == 200
    assert "Ja, abmelden" in asking.content.decode()
    assert state("klick@example.org", POST) == "confirmed"  # a GET changes nothing

    mail_program = Client(enforce_csrf_checks=True)
    done = mail_program.post(
        path_of(url),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert done.status_code == 200
    assert state("klick@example.org", POST) == "ended"
    withdrawal = ConsentRecord.objects.get(
        email="klick@example.org", action="withdrawn"
    )
    assert withdrawal.scope == POST
    assert withdrawal.source == "Abmeldung mit einem Klick (RFC 8058)"


def test_preference_centre_from_the_mail_adds_with_confirmation_and_removes(
    send_issue, smtp_sink, ids
):
    confirmed("wahl@example.org")
    fresh(smtp_sink)
    send_issue(an_issue(ids))
    mail = smtp_sink.to("wahl@example.org")[0]
    centre = next(path_of(u) for u in links(mail) if "/newsletter/preferences/" in u)
    page = Client().get(centre).content.decode()
    assert "Lindenblatt-Angebote" in page and "wahl@example.org" in page

    Client().post(centre, {"newsletters": ["lindenblatt-angebote"], "name": "Wanda"})
    assert state("wahl@example.org", POST) == "ended"
    assert state("wahl@example.org", "lindenblatt-angebote") == "pending"
    confirmation = smtp_sink.to("wahl@example.org")[-1]
    assert "Lindenblatt-Angebote" in body(confirmation, "plain")
    Client().post(confirm_link(confirmation))
    assert state("wahl@example.org", "lindenblatt-angebote") == "confirmed"
    assert ConsentRecord.objects.filter(
        email="wahl@example.org", action="withdrawn", scope=POST
    ).exists()

    Client().post(centre, {"unsubscribe_all": "1"})
    assert state("wahl@example.org", "lindenblatt-angebote") == "ended"


def test_address_change_needs_the_new_address_to_confirm(smtp_sink, ids):
    subscriber = confirmed("alt@example.org", slugs=(POST, "lindenblatt-angebote"))
    from newsletters import tokens

    token = tokens.preferences_token(subscriber.pk, subscriber.email)
    centre = f"/newsletter/preferences/{token}/"
    Client().post(centre, {"change_address": "1", "new_email": "neu@example.org"})
    assert state("alt@example.org", POST) == "confirmed"  # nothing changed yet
    [mail] = smtp_sink.to("neu@example.org")
    link = next(path_of(u) for u in links(mail) if "/newsletter/address/" in u)
    assert Client().get(link).status_code == 200
    assert state("neu@example.org", POST) == "none"
    Client().post(link)
    assert state("neu@example.org", POST) == "confirmed"
    assert state("neu@example.org", "lindenblatt-angebote") == "confirmed"
    assert not Subscriber.objects.filter(email="alt@example.org").exists()
    moved = ConsentRecord.objects.filter(email="neu@example.org")
    assert {r.scope for r in moved} == {POST, "lindenblatt-angebote"}
    assert all(r.confirmed_at and "alt@example.org" in r.text for r in moved)
    assert Client().get(centre).status_code == 400  # the old link is dead


def test_a_refused_recipient_fails_alone_and_is_counted(send_issue, smtp_sink, ids):
    confirmed("gut@example.org")
    confirmed("kaputt@example.org")
    smtp_sink.refuse.add("kaputt@example.org")
    fresh(smtp_sink)
    run = send_issue(an_issue(ids))
    assert selectors.sending_counts(run) == {
        "total": 2,
        "queued": 0,
        "sent": 1,
        "failed": 1,
        "unknown": 0,
    }
    failed = Recipient.objects.get(sending=run, state="failed")
    assert "550" in failed.error
    assert len(smtp_sink.to("gut@example.org")) == 1


def test_batches_each_use_one_connection(send_issue, smtp_sink, ids, monkeypatch):
    for number in range(5):
        confirmed(f"stapel{number}@example.org")
    fresh(smtp_sink)
    monkeypatch.setattr(dispatch, "BATCH", 2)
    monkeypatch.setattr(dispatch, "CLAIM", 1)
    run = send_issue(an_issue(ids))
    assert selectors.sending_counts(run)["sent"] == 5
    assert smtp_sink.connections == 3


def test_the_first_mails_go_out_before_every_reader_is_written(
    send_issue, smtp_sink, ids, monkeypatch
):
    """A large list is written a range of subscriber ids at a time while the
    first batches go out: every confirmed reader still gets the issue once."""
    readers = [confirmed(f"bereich{number}@example.org") for number in range(7)]
    fresh(smtp_sink)
    step = readers[2].pk - readers[0].pk + 1
    monkeypatch.setattr(dispatch, "WRITE_STEP", step)
    monkeypatch.setattr(dispatch, "BATCH", 2)
    written_at_first_mail = []
    send_batch = dispatch._Mailer.send_batch

    def send_batch_noting(mailer, batch):
        if not written_at_first_mail:
            written_at_first_mail.append(mailer.sending.recipients.count())
        return send_batch(mailer, batch)

    monkeypatch.setattr(dispatch._Mailer, "send_batch", send_batch_noting)
    run = send_issue(an_issue(ids))
    assert written_at_first_mail[0] < 7
    assert selectors.sending_counts(run)["sent"] == 7
    for reader in readers:
        assert len(smtp_sink.to(reader.email)) == 1
    run.refresh_from_db()
    assert run.written_through >= readers[-1].pk


def test_interrupted_rows_are_never_sent_again_and_the_rest_goes_out(
    send_issue, smtp_sink, ids, admin_client
):
    """What a killed worker leaves behind, set up by hand (the real kill is in
    test_killed_worker.py): two rows sent, one claimed when it died, two queued."""
    for number in range(5):
        confirmed(f"rest{number}@example.org")
    run = send_issue(an_issue(ids), when=None)
    run.refresh_from_db()
    smtp_sink.messages.clear()
    rows = list(run.recipients.order_by("pk"))
    Recipient.objects.filter(pk__in=[r.pk for r in rows[:2]]).update(state="sent")
    Recipient.objects.filter(pk=rows[2].pk).update(state="claimed")
    Recipient.objects.filter(pk__in=[r.pk for r in rows[3:]]).update(state="queued")
    Sending.objects.filter(pk=run.pk).update(status="running", heartbeat_at=None)
    dispatch.sending_run(run.pk)
    assert len(smtp_sink.messages) == 2
    assert selectors.sending_counts(run) == {
        "total": 5,
        "queued": 0,
        "sent": 4,
        "failed": 0,
        "unknown": 1,
    }
    interrupted = Recipient.objects.get(pk=rows[2].pk)
    assert interrupted.state == "unknown"
    assert interrupted.error == dispatch.INTERRUPTED
    # The sending page says so: not failed, but unknown.
    page = admin_client.get(f"/admin/newsletter/issues/{run.issue_id}/send/")
    html = page.content.decode()
    assert "Unbekannt (unterbrochen)" in html
    assert '<td class="count-unknown">1</td>' in html
    assert '<td class="count-failed">0</td>' in html


def test_a_deactivated_address_gets_no_issue(send_issue, smtp_sink, ids):
    confirmed("weg@example.org")
    services.bounce_record(email="weg@example.org", kind="hard", source="test")
    fresh(smtp_sink)
    run = send_issue(an_issue(ids))
    assert selectors.sending_counts(run)["total"] == 0
    assert smtp_sink.messages == []
