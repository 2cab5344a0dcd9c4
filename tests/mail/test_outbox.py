"""Every mail leaves through the outbox: a request never waits on the mail server,
a server that is down costs no 500 and no mail, and the mail goes out once the
server is back."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from mail.models import OutboundMail
from mail.services import MAX_ATTEMPTS, outbox_retry_due
from tests import mailsink, world

pytestmark = pytest.mark.django_db
PASSWORD = "ein-langes-passwort-2026"


@pytest.fixture
def smtp_down(settings):
    """A mail server address where nothing listens (yet)."""
    port = mailsink.free_port()
    settings.MAIL_TRANSPORT_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 2
    return port


def _register(client, email):
    return client.post(
        "/shop/accounts/register/",
        {
            "first_name": "Ida",
            "last_name": "Neu",
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def test_registration_while_smtp_is_down_answers_and_mails_later(client, smtp_down):
    response = _register(client, "spaeter@test.example")
    assert response.status_code == 302  # was a 500 with a half-made account
    user = get_user_model().objects.get(email="spaeter@test.example")
    assert not user.is_active
    waiting = OutboundMail.objects.get(recipients="spaeter@test.example")
    assert waiting.status == OutboundMail.Status.QUEUED
    assert waiting.attempts == 1
    assert "Connection refused" in waiting.last_error
    assert waiting.next_attempt_at > timezone.now()

    # Not due yet: nothing is tried.
    assert outbox_retry_due() == 0

    inbox = mailsink.Inbox()
    controller = mailsink.start(inbox, smtp_down)
    try:
        assert outbox_retry_due(now=timezone.now() + timedelta(minutes=2)) == 1
    finally:
        controller.stop()
    (received,) = inbox.to("spaeter@test.example")
    assert "/shop/accounts/activate/" in received.get_body(("plain",)).get_content()
    assert not OutboundMail.objects.filter(pk=waiting.pk).exists()


def test_a_mail_the_server_keeps_refusing_is_given_up_and_kept(smtp_down):
    mail.send_mail("Betreff", "Text", "verlag@test.example", ["leser@test.example"])
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS):
        later += timedelta(days=1)
        outbox_retry_due(now=later)
    kept = OutboundMail.objects.get(subject="Betreff")
    assert kept.status == OutboundMail.Status.FAILED
    assert kept.attempts == MAX_ATTEMPTS
    assert outbox_retry_due(now=later + timedelta(days=1)) == 0


def test_password_reset_answers_the_same_with_smtp_down(client, smtp_down):
    known = client.post("/shop/password-reset/", {"email": world.ADMIN_EMAIL})
    unknown = client.post("/shop/password-reset/", {"email": "niemand@test.example"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert OutboundMail.objects.filter(recipients=world.ADMIN_EMAIL).count() == 1
    assert not OutboundMail.objects.filter(recipients="niemand@test.example").exists()


def test_links_again_answers_while_smtp_is_down(client, smtp_down):
    response = client.post(
        "/shop/downloads/links/",
        {"email": "leser@test.example", "number": "100001"},
    )
    assert response.status_code == 302


def test_mail_keeps_its_parts_headers_and_attachments_through_the_outbox():
    message = mail.EmailMultiAlternatives(
        "Ihre Rechnung",
        "Text",
        "Verlag <verlag@test.example>",
        ["leser@test.example"],
        headers={"List-Unsubscribe": "<https://example.org/u>"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("rechnung.pdf", b"%PDF-1.7 bytes", "application/pdf")
    message.send()
    (sent,) = mail.outbox
    assert sent.subject == "Ihre Rechnung"
    assert sent.from_email == "Verlag <verlag@test.example>"
    assert sent.extra_headers["List-Unsubscribe"] == "<https://example.org/u>"
    assert sent.alternatives[0][0] == "<p>HTML</p>"
    filename, content, mimetype = sent.attachments[0]
    assert (filename, content, mimetype) == (
        "rechnung.pdf",
        b"%PDF-1.7 bytes",
        "application/pdf",
    )
    assert not OutboundMail.objects.exists()


def test_a_retry_run_stops_at_the_first_failure(smtp_down):
    for number in range(3):
        mail.send_mail(f"Mail {number}", "Text", "verlag@test.example", ["a@b.example"])
    outbox_retry_due(now=timezone.now() + timedelta(minutes=5))
    attempts = sorted(OutboundMail.objects.values_list("attempts", flat=True))
    # Each was tried once when it was sent; the retry run tried one more and
    # left the others for the next run, instead of waiting out three timeouts.
    assert attempts == [1, 1, 2]


def test_a_purchase_while_smtp_is_down_is_confirmed_once_it_is_back(
    client, ids, smtp_down, django_capture_on_commit_callbacks
):
    from oscar.core.loading import get_model

    from tests.flows.checkout import guest_buys

    with django_capture_on_commit_callbacks(execute=True):
        response = guest_buys(client, ids.pdf_product, email="kauf@test.example")
    assert response.status_code == 302
    assert response["Location"].endswith("/shop/checkout/thank-you/")
    assert client.get("/shop/checkout/thank-you/").status_code == 200
    order = get_model("order", "Order").objects.get(guest_email="kauf@test.example")
    assert order.status == order.PAID
    assert OutboundMail.objects.filter(recipients="kauf@test.example").exists()

    inbox = mailsink.Inbox()
    controller = mailsink.start(inbox, smtp_down)
    try:
        later = timezone.now() + timedelta(minutes=2)
        while outbox_retry_due(now=later):
            pass
    finally:
        controller.stop()
    received = inbox.to("kauf@test.example")
    assert any(order.number in message["Subject"] for message in received)
    attachments = [
        part.get_filename()
        for message in received
        for part in message.iter_attachments()
    ]
    assert any(name and name.startswith("Rechnung-") for name in attachments)


def test_gdpr_export_and_erasure_take_only_that_address(smtp_down):
    from mail import privacy

    mail.send_mail("Für Anna", "Text", "verlag@test.example", ["anna@test.example"])
    mail.send_mail("Für Joanna", "Text", "verlag@test.example", ["joanna@test.example"])
    exported = privacy.export_personal_data("Anna@test.example")
    assert [row["subject"] for row in exported["mails_waiting"]] == ["Für Anna"]
    assert privacy.erase_personal_data("anna@test.example") == {
        "mails_waiting_deleted": 1
    }
    assert OutboundMail.objects.filter(subject="Für Joanna").exists()
