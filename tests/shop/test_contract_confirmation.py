"""The contract confirmation on a durable medium (§ 312f(2) BGB, Art. 246a EGBGB):
the order's first mail carries the VAT per rate, the § 356(5) consents as
recorded, and the AGB and withdrawal policy in the versions valid when the order
was placed, as PDFs, with the model withdrawal form."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from oscar.core.loading import get_model
from pypdf import PdfReader

from consent.models import ConsentRecord, PolicyVersion
from home.models import StandardPage
from shop import mails
from tests.flows.checkout import ADDRESS, guest_buys

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    pdf = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in pdf.pages).replace("\xa0", " ")


@pytest.fixture
def placed(client, ids, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.book, ids.pdf_product, address=ADDRESS)
    return Order.objects.get(guest_email="leser@test.example")


def test_the_order_mail_confirms_the_contract(placed):
    [confirmation] = [
        m
        for m in mail.outbox
        if "Bestellung" in m.subject and "Zahlung" not in m.subject
    ]
    body = confirmation.body.replace("\xa0", " ")
    assert "Ihre Vertragsbestätigung" in body
    assert "Enthaltene MwSt. 7 %:" in body and "(netto " in body
    consents = ConsentRecord.objects.filter(scope=placed.number)
    assert consents.count() == 2
    for consent in consents:
        assert f"„{consent.text}“" in body
    assert "/vertrag-widerrufen/" in body
    names = [name for name, _data, _kind in confirmation.attachments]
    assert names == ["AGB-Version-1.pdf", "Widerrufsbelehrung-Version-1.pdf"]
    terms, policy = (_text(data) for _name, data, _kind in confirmation.attachments)
    assert "Was zu AGB zu sagen ist." in terms
    assert f"gültig für die Bestellung {placed.number}" in terms
    assert "Muster-Widerrufsformular" not in terms
    assert "Was zu Widerrufsbelehrung zu sagen ist." in policy
    assert "Muster-Widerrufsformular" in policy
    assert "Verlag Lindenblatt GmbH" in policy and placed.number in policy
    # The payment mail that follows does not repeat it.
    payment = [m for m in mail.outbox if "Zahlung" in m.subject]
    assert payment and "Vertragsbestätigung" not in payment[0].body


def test_a_later_edit_of_the_agb_does_not_change_the_confirmation(placed, ids):
    page = StandardPage.objects.get(pk=ids.legal["terms"])
    page.body = [("paragraph_block", "<p>Neue Bedingungen ab morgen.</p>")]
    page.save_revision().publish()
    newest = PolicyVersion.objects.filter(role="terms").order_by("-number").first()
    assert newest.number == 2
    message = mails.order_mail_message(placed, mails.ORDER_PLACED)
    name, data, _kind = message.attachments[0]
    assert name == "AGB-Version-1.pdf"
    assert "Neue Bedingungen" not in _text(data)
    # An order placed after the edit gets the new version.
    Order.objects.filter(pk=placed.pk).update(
        date_placed=timezone.now() + timedelta(minutes=1)
    )
    placed.refresh_from_db()
    message = mails.order_mail_message(placed, mails.ORDER_PLACED)
    assert message.attachments[0][0] == "AGB-Version-2.pdf"


def test_prepayment_confirms_with_the_bank_details_mail(
    client, ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product, method="prepayment")
    [message] = mail.outbox
    assert "Vertragsbestätigung" in message.body
    assert len(message.attachments) == 2
