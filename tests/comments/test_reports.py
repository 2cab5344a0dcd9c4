"""Reporting under the Digital Services Act (Art. 16 and 17): a "Melden" link on
every comment and mention for anyone, a reason from a list, an explanation, an
optional address and a receipt; reports in the moderation queue with a count; a
removed comment's writer gets a statement of reasons; the admin shows the year's
figures for a transparency report."""

import re

from django.core import mail
from django.test import Client
from django.utils import timezone

from comments.models import Comment, Mention, Report

from .helpers import approved


def _shown(article, **fields) -> Comment:
    comment = approved(article, **fields)
    Comment.objects.filter(pk=comment.pk).update(approved_at=timezone.now())
    comment.refresh_from_db()
    return comment


def _report(comment, **data):
    return Client().post(
        f"/kommentare/{comment.pk}/melden/",
        {
            "reason": "illegal",
            "explanation": "Der Kommentar beleidigt eine namentlich genannte Person.",
            "email": "melder@test.example",
            "confirm": "on",
            **data,
        },
    )


def test_every_comment_and_mention_has_a_report_link(article):
    comment = _shown(article, text="Ein sichtbarer Kommentar.")
    Mention.objects.create(
        page=article, kind="webmention", source="https://blog.example/beitrag",
        target="https://x.example/", status=Mention.Status.APPROVED, title="Ein Echo",
    )  # fmt: skip
    html = Client().get(article.url).content.decode()
    assert f'href="/kommentare/{comment.pk}/melden/"' in html
    mention = Mention.objects.get()
    assert f'href="/kommentare/erwaehnung/{mention.pk}/melden/"' in html
    form = Client().get(f"/kommentare/erwaehnung/{mention.pk}/melden/")
    assert form.status_code == 200 and "Erwähnung melden" in form.content.decode()


def test_a_stranger_reports_and_gets_a_receipt(article):
    comment = _shown(article, text="Ein sichtbarer Kommentar.")
    page = Client().get(f"/kommentare/{comment.pk}/melden/").content.decode()
    for reason in ("rechtswidriger Inhalt", "personenbezogene Daten Dritter", "Spam"):
        assert reason in page
    response = _report(comment)
    report = Report.objects.get()
    assert response.status_code == 200
    assert f"Ihre Meldung Nr. {report.pk} ist am" in response.content.decode()
    [receipt] = mail.outbox
    assert receipt.to == ["melder@test.example"]
    assert f"Ihre Meldung Nr. {report.pk} ist eingegangen" == receipt.subject
    assert "beleidigt eine namentlich genannte Person" in receipt.body


def test_bad_reports_come_back_with_what_was_typed(article):
    comment = _shown(article)
    response = _report(comment, reason="", confirm="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "beleidigt eine namentlich genannte Person" in html
    assert not Report.objects.exists()
    hidden = approved(article, text="Wartet noch.")
    Comment.objects.filter(pk=hidden.pk).update(status=Comment.Status.PENDING)
    assert Client().get(f"/kommentare/{hidden.pk}/melden/").status_code == 404


def test_queue_count_removal_statement_and_decision(admin_client, article):
    comment = _shown(article, name="Max", email="max@leser.example", text="Böse Worte.")
    _report(comment)
    _report(comment, reason="rules", email="")
    mail.outbox.clear()
    assert "Meldungen (DSA) (2)" in admin_client.get("/admin/").content.decode()
    queue = admin_client.get("/admin/comments/reports/").content.decode()
    assert "rechtswidriger Inhalt" in queue and "Entscheiden" in queue
    review = admin_client.get(f"/admin/comments/review/{comment.pk}/").content.decode()
    assert "beleidigt eine namentlich genannte Person" in review

    admin_client.post(f"/admin/comments/review/{comment.pk}/", {"action": "reject"})
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.statement_sent_at is not None
    assert set(Report.objects.values_list("decision", flat=True)) == {"removed"}
    statement = next(m for m in mail.outbox if m.to == ["max@leser.example"])
    assert "wurde entfernt" in statement.subject
    body = statement.body
    assert "Böse Worte." in body
    assert "2-mal gemeldet" in body and "rechtswidriger Inhalt" in body
    assert "automatisierte Mittel wurden nicht eingesetzt" in body
    assert "Antworten Sie auf diese E-Mail" in body
    decision = next(m for m in mail.outbox if m.to == ["melder@test.example"])
    assert "Wir haben den Inhalt entfernt." in decision.body
    assert "Böse Worte." not in Client().get(article.url).content.decode()

    figures = admin_client.get("/admin/comments/reports/").content.decode()
    assert re.search(r"Eingegangene Meldungen</th><td>2<", figures)
    assert re.search(r"Nach einer Meldung entfernte Kommentare</th><td>1<", figures)
    assert re.search(r"Versandte Begründungen</th><td>1<", figures)


def test_a_report_can_be_closed_keeping_the_comment(admin_client, article):
    comment = _shown(article, text="Harte, aber sachliche Kritik.")
    _report(comment)
    mail.outbox.clear()
    admin_client.post(f"/admin/comments/review/{comment.pk}/", {"action": "keep"})
    assert Report.objects.get().decision == Report.Decision.KEPT
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED and not comment.statement_sent_at
    [decision] = mail.outbox
    assert "lassen ihn online" in decision.body


def test_spam_gets_no_statement(admin_client, article):
    comment = _shown(article, email="bot@spam.example", text="Billige Uhren!")
    admin_client.post(f"/admin/comments/review/{comment.pk}/", {"action": "spam"})
    comment.refresh_from_db()
    assert comment.statement_sent_at is None
    assert not [m for m in mail.outbox if m.to == ["bot@spam.example"]]
