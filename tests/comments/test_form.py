"""Sending a comment from the cached article: consent, moderation, what the reader
sees, and that nothing typed is lost."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone
from newsletter.models import Subscription
from wagtail.models import PageViewRestriction

from comments import lifecycle
from comments.models import Comment, CommentSettings
from consent.models import ConsentRecord, PolicyVersion
from home.models import StandardPage
from tests.mailsink import body

from .helpers import READER, approved, form_fields, send


def test_first_comment_waits_and_the_receipt_shows_it(client, article):
    response = send(client, article.url)
    assert response.status_code == 302
    comment = Comment.objects.get(email=READER["email"])
    assert comment.status == "pending"
    receipt = client.get(response["Location"]).content.decode()
    assert "wartet auf Freigabe" in receipt
    assert "Am ersten Tag hat mir vor allem die Liste geholfen." in receipt
    assert (
        "vor allem die Liste geholfen" not in client.get(article.url).content.decode()
    )


def test_a_later_comment_from_an_approved_address_goes_live(client, article):
    approved(article, email=READER["email"], name=READER["name"])
    response = send(client, article.url, text="Noch ein Gedanke: Fragen notieren.")
    assert Comment.objects.get(text__startswith="Noch ein").status == "approved"
    page = client.get(article.url).content.decode()
    assert "Noch ein Gedanke: Fragen notieren." in page
    assert "2 Antworten auf „" in page
    assert response.status_code == 302


def test_every_comment_waits_when_the_editors_say_so(client, article, rules):
    rules.moderation = CommentSettings.Moderation.ALL
    rules.save()
    approved(article, email=READER["email"])
    send(client, article.url, text="Wartet trotzdem.")
    assert Comment.objects.get(text="Wartet trotzdem.").status == "pending"


def test_consent_is_recorded_with_the_versions_the_form_cited(client, article, ids):
    html = client.get(article.url).content.decode()
    fields = form_fields(html)
    rules = PolicyVersion.objects.get(pk=fields["debate_rules_version"])
    privacy = PolicyVersion.objects.get(pk=fields["privacy_version"])
    assert (rules.role, privacy.role) == ("debate_rules", "privacy")
    assert f'href="{rules.page.url}"' in html and f'href="{privacy.page.url}"' in html
    # A new version of the rules is published after the page was served: the
    # record names the version the reader saw.
    StandardPage.objects.get(pk=ids.legal["debate_rules"]).save_revision().publish()
    assert PolicyVersion.objects.filter(role="debate_rules").count() == 2
    comment_id = None
    send(client, article.url)
    comment_id = Comment.objects.get(email=READER["email"]).pk
    records = ConsentRecord.objects.filter(scope=f"comment {comment_id}")
    by_purpose = {record.purpose: record for record in records}
    assert by_purpose["debate_rules"].policy_version == rules
    assert by_purpose["privacy_policy"].policy_version == privacy
    assert by_purpose["debate_rules"].text.startswith("Ich habe die Debattenregeln")
    assert rules.label in by_purpose["debate_rules"].text
    assert by_purpose["privacy_policy"].email == READER["email"]
    assert by_purpose["privacy_policy"].ip_address == "127.0.0.1"


def test_missing_consent_or_fields_keep_what_was_typed(client, article):
    response = send(
        client, article.url, debate_rules=None, email="kein-at", website="x y"
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bitte bestätigen Sie die Debattenregeln." in html
    assert "Am ersten Tag hat mir vor allem die Liste geholfen." in html
    assert 'value="Jana Reuter"' in html
    assert not Comment.objects.exists()
    # The privacy box stays ticked, the rules box is offered again.
    assert 'name="privacy" required checked' in html


def test_newsletter_box_starts_the_double_opt_in(client, article, smtp_sink, ids):
    receipt = send(client, article.url, newsletter="on")
    # The receipt says a second mail is on its way, for the newsletter.
    told = client.get(receipt["Location"]).content.decode()
    assert "E-Mail zur Bestätigung des Newsletters" in told
    row = Subscription.objects.get(email_field=READER["email"])
    assert row.newsletter.slug == ids.newsletter_slug and not row.subscribed
    record = ConsentRecord.objects.get(purpose="newsletter", email=READER["email"])
    assert record.awaits_confirmation and "Kommentarformular auf" in record.source
    assert "/newsletter/confirm/" in body(smtp_sink.to(READER["email"])[0], "plain")


def test_receipt_without_the_newsletter_box_names_no_newsletter_mail(client, article):
    receipt = send(client, article.url)
    told = client.get(receipt["Location"]).content.decode()
    assert "Danke für Ihren Kommentar" in told
    assert "Bestätigung des Newsletters" not in told


def test_the_form_posts_from_the_cached_page_without_csrf(client, article):
    client.handler.enforce_csrf_checks = True
    first = client.get(article.url)
    again = client.get(article.url)
    assert again["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in again.content.decode()
    # Each response carries its own serving time, also from the cache.
    assert (
        form_fields(first.content.decode())["issued"]
        != form_fields(again.content.decode())["issued"]
    )
    assert send(client, article.url).status_code == 302


def test_a_forged_cross_site_post_is_refused_with_the_text_kept(client, article):
    response = send(
        client, article.url, origin=False, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "nicht von dieser Website" in html
    assert "Am ersten Tag hat mir vor allem die Liste geholfen." in html
    assert not Comment.objects.exists()


def test_an_approved_comment_purges_the_cached_page(article, admin_client):
    client = Client()
    client.get(article.url)
    assert client.get(article.url)["X-Page-Cache"] == "hit"
    send(client, article.url)
    comment = Comment.objects.get(email=READER["email"])
    admin_client.post(f"/admin/comments/review/{comment.pk}/", {"action": "approve"})
    fresh = client.get(article.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert (
        "Am ersten Tag hat mir vor allem die Liste geholfen." in fresh.content.decode()
    )


def test_closed_article_shows_no_form_and_refuses_posts(
    client, article, django_capture_on_commit_callbacks
):
    html = client.get(article.url).content.decode()
    article.comments_open = False
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert (
        "Kommentare zu dieser Seite sind geschlossen"
        in client.get(article.url).content.decode()
    )
    fields = form_fields(html)
    response = client.post(
        fields.pop("_action"),
        {**fields, **READER},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 403
    assert "Am ersten Tag hat mir vor allem" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_close_by_age(
    client, article, rules, django_capture_on_commit_callbacks
):
    html = client.get(article.url).content.decode()
    article.publication_date = timezone.localdate() - timedelta(days=40)
    rules.close_after_days = 30
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
        rules.save()
    assert "geschlossen" in client.get(article.url).content.decode()
    fields = form_fields(html)
    response = client.post(
        fields.pop("_action"), {**fields, **READER}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 403
    rules.close_after_days = 60
    with django_capture_on_commit_callbacks(execute=True):
        rules.save()
    assert "Kommentar schreiben" in client.get(article.url).content.decode()


def test_english_reader_gets_english_form(client, article):
    client.cookies["django_language"] = "en"
    html = client.get(article.url).content.decode()
    assert "Write a comment" in html and "E-mail address (never shown)" in html


def test_the_daily_job_purges_pages_whose_comments_just_closed(article, rules):
    article.publication_date = timezone.localdate() - timedelta(days=30)
    article.save_revision().publish()
    rules.close_after_days = 30
    rules.save()
    reader = Client()
    reader.get(article.url)
    assert reader.get(article.url)["X-Page-Cache"] == "hit"
    assert lifecycle.comments_close_due() == 1
    page = reader.get(article.url)
    assert page["X-Page-Cache"] == "miss"
    assert "Kommentare zu dieser Seite sind geschlossen" in page.content.decode()


def test_a_page_behind_a_password_takes_no_comments(
    client, article, django_capture_on_commit_callbacks
):
    html = client.get(article.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=article, restriction_type="password", password="geheim"
        )
    fields = form_fields(html)
    response = client.post(
        fields.pop("_action"), {**fields, **READER}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_bidirectional_controls_are_stripped_from_names(client, article):
    """U+202E turned the text after a commenter's name around on the page."""
    response = send(client, article.url, name="Jana \u202egpj.exe\u202c Reuter\u2066")
    assert response.status_code == 302
    comment = Comment.objects.get(email=READER["email"])
    assert comment.name == "Jana gpj.exe Reuter"


def test_a_name_of_only_bidirectional_controls_is_refused(client, article):
    response = send(client, article.url, name="\u202e\u202d")
    assert response.status_code == 400
    assert not Comment.objects.filter(email=READER["email"]).exists()
