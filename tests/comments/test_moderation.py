"""Moderation in the Wagtail admin and the mails it sets off, through a real SMTP
sink."""

import re

from django.test import Client

from comments.models import Comment
from tests.mailsink import body

from .helpers import READER, approved, send


def pending(article, number: int = 0) -> Comment:
    return Comment.objects.create(
        page=article, name=f"Leser {number}", email=f"l{number}@leser.example",
        text=f"Wartender Kommentar {number}.",
    )  # fmt: skip


def test_menu_counts_waiting_comments(admin_client, article):
    pending(article, 1)
    pending(article, 2)
    html = admin_client.get("/admin/").content.decode()
    assert "Kommentare (2)" in html
    listing = admin_client.get(
        "/admin/comments/comments/?status=pending"
    ).content.decode()
    assert "Wartender Kommentar 1." in listing and "Moderieren" in listing


def test_approve_reject_spam_on_the_review_page(admin_client, article):
    comment = pending(article)
    url = f"/admin/comments/review/{comment.pk}/"
    assert "Wartender Kommentar 0." in admin_client.get(url).content.decode()
    for action, status in (
        ("approve", "approved"),
        ("spam", "spam"),
        ("reject", "rejected"),
    ):
        admin_client.post(url, {"action": action})
        comment.refresh_from_db()
        assert comment.status == status
    assert "Wartender Kommentar 0." not in Client().get(article.url).content.decode()


def test_bulk_actions(admin_client, article):
    comments = [pending(article, n) for n in range(3)]
    ids = "&".join(f"id={c.pk}" for c in comments[:2])
    url = f"/admin/bulk/comments/comment/approve/?{ids}&next=/admin/comments/comments/"
    confirm = admin_client.get(url).content.decode()
    assert "Wartender Kommentar 0." in confirm
    assert admin_client.post(url).status_code == 302
    assert sorted(Comment.objects.values_list("status", flat=True)) == [
        "approved", "approved", "pending",
    ]  # fmt: skip
    url = f"/admin/bulk/comments/comment/spam/?id={comments[2].pk}"
    admin_client.post(url)
    assert Comment.objects.get(pk=comments[2].pk).status == "spam"
    html = Client().get(article.url).content.decode()
    assert "Wartender Kommentar 0." in html and "Wartender Kommentar 2." not in html


def test_editor_in_moderators_group_may_moderate(client, article, django_user_model):
    from tests import world

    client.force_login(django_user_model.objects.get(email=world.EDITOR_EMAIL))
    comment = pending(article)
    client.post(f"/admin/comments/review/{comment.pk}/", {"action": "approve"})
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_reply_as_author_is_marked_and_approves_the_question(
    admin_client, article, lead_author
):
    question = pending(article)
    response = admin_client.post(
        f"/admin/comments/review/{question.pk}/",
        {"action": "reply", "as_author": lead_author.pk, "text": "Gute Frage!"},
    )
    assert response.status_code == 302
    reply = Comment.objects.get(parent=question)
    assert reply.author == lead_author and reply.status == "approved"
    question.refresh_from_db()
    assert question.status == "approved"
    html = Client().get(article.url).content.decode()
    assert "Gute Frage!" in html and "comment--by-author" in html


def test_authors_hear_of_a_new_approved_comment(
    admin_client, article, lead_author, smtp_sink
):
    lead_author.email = "hanna@autorin.example"
    lead_author.save()
    comment = pending(article)
    assert not smtp_sink.messages
    admin_client.post(f"/admin/comments/review/{comment.pk}/", {"action": "approve"})
    [mail] = smtp_sink.to("hanna@autorin.example")
    text = body(mail, "plain")
    assert "Neuer Kommentar zu „" in mail["Subject"]
    assert "Wartender Kommentar 0." in text
    assert f"#kommentar-{comment.pk}" in text
    # Approving again after a rejection sends nothing new.
    admin_client.post(f"/admin/comments/review/{comment.pk}/", {"action": "reject"})
    admin_client.post(f"/admin/comments/review/{comment.pk}/", {"action": "approve"})
    assert len(smtp_sink.to("hanna@autorin.example")) == 1


def test_reply_notifications_need_confirmation_and_can_be_stopped(
    client, admin_client, article, smtp_sink
):
    send(Client(), article.url, notify="on")
    mine = Comment.objects.get(email=READER["email"])
    [confirmation] = smtp_sink.to(READER["email"])
    link = re.search(
        r"http://\S+/kommentare/benachrichtigen/\S+/", body(confirmation, "plain")
    )
    admin_client.post(f"/admin/comments/review/{mine.pk}/", {"action": "approve"})

    # Not confirmed yet: a reply tells nobody.
    admin_client.post(
        f"/admin/comments/review/{mine.pk}/",
        {"action": "reply", "text": "Erste Antwort."},
    )
    assert len(smtp_sink.to(READER["email"])) == 1

    path = link.group(0).split("127.0.0.1:8000", 1)[1]
    reader = Client()
    assert "Ja, bei Antworten benachrichtigen" in reader.get(path).content.decode()
    mine.refresh_from_db()
    assert mine.notify_confirmed_at is None  # a GET (a mail scanner) confirms nothing
    reader.post(path)
    admin_client.post(
        f"/admin/comments/review/{mine.pk}/",
        {"action": "reply", "text": "Zweite Antwort."},
    )
    notice = smtp_sink.to(READER["email"])[-1]
    assert "Zweite Antwort." in body(notice, "plain")
    stop = re.search(r"<(http://\S+)>", notice["List-Unsubscribe"]).group(1)
    reader.post(stop.split("127.0.0.1:8000", 1)[1])
    admin_client.post(
        f"/admin/comments/review/{mine.pk}/",
        {"action": "reply", "text": "Dritte Antwort."},
    )
    assert len(smtp_sink.to(READER["email"])) == 2


def test_admin_cannot_add_comments(admin_client):
    assert admin_client.get("/admin/comments/comments/add/").status_code in (302, 403)


def test_edit_in_admin_rerenders_and_purges(admin_client, article):
    comment = approved(article, text="Tippfehlr.")
    Client().get(article.url)
    admin_client.post(
        f"/admin/comments/comments/edit/{comment.pk}/",
        {"name": "Leser", "website": "", "text": "Tippfehler <b>behoben</b>."},
    )
    html = Client().get(article.url).content.decode()
    assert "Tippfehler &lt;b&gt;behoben&lt;/b&gt;." in html
