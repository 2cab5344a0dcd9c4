"""The checkout in the browser-free form flow: guest and account, downloads and
books, the steps that apply, the waiver gate, German addresses and bad input."""

from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from consent.models import ConsentRecord
from tests import world
from tests.flows.checkout import (
    ADDRESS,
    WAIVER,
    add_to_basket,
    as_guest,
    choose_payment,
    guest_buys,
    place_order,
)

Order = get_model("order", "Order")
Country = get_model("address", "Country")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def test_guest_gateway_needs_no_password(client, ids):
    add_to_basket(client, ids.pdf_product)
    page = client.get("/shop/checkout/")
    html = page.content.decode()
    assert 'name="password"' in html
    assert 'name="password" required' not in html
    assert "required" not in html.split('name="password"')[1].split(">")[0]
    response = as_guest(client)
    assert response.status_code == 302
    assert response["Location"].endswith("/shop/checkout/shipping-address/")


def test_gateway_answers_the_same_for_a_taken_address(client, ids):
    """A guest using an address that has an account is not told so."""
    add_to_basket(client, ids.pdf_product)
    known = as_guest(client, world.ADMIN_EMAIL)
    assert known.status_code == 302
    assert known["Location"].endswith("/shop/checkout/shipping-address/")


def test_wrong_password_reads_the_same_for_known_and_unknown(client, ids):
    add_to_basket(client, ids.pdf_product)
    answers = []
    for email in (world.ADMIN_EMAIL, "niemand@test.example"):
        page = client.post(
            "/shop/checkout/",
            {"username": email, "options": "existing", "password": "falsch"},
        )
        assert page.status_code == 200
        answers.append(page.context["form"].non_field_errors())
    assert answers[0] == answers[1]
    assert "E-Mail-Adresse und Passwort passen nicht zusammen" in str(answers[0])


def test_over_long_email_is_a_form_error(client, ids):
    add_to_basket(client, ids.pdf_product)
    email = "a" * 250 + "@test.example"
    page = as_guest(client, email)
    assert page.status_code == 200
    assert page.context["form"].errors["username"]


def test_digital_basket_skips_address_and_shipping(client, ids):
    add_to_basket(client, ids.pdf_product)
    as_guest(client)
    page = client.get("/shop/checkout/shipping-address/", follow=True)
    assert page.redirect_chain[-1][0].endswith("/shop/checkout/payment-method/")
    steps = [step["title"] for step in page.context["checkout_steps"]]
    assert [str(s) for s in steps] == ["Zahlung", "Prüfen und bestellen", "Bestätigung"]


def test_guest_buys_the_article_pdf_with_the_test_payment(
    client, ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = guest_buys(client, ids.pdf_product)
    assert response.status_code == 302
    assert response["Location"].endswith("/shop/checkout/thank-you/")
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.status == Order.PAID
    assert order.payment_method == "test"
    assert order.language == "de"
    assert order.invoice.number > 0
    thanks = client.get("/shop/checkout/thank-you/")
    assert order.number in thanks.content.decode()
    assert "Ihre Zahlung ist eingegangen" in thanks.content.decode()
    invoice_link = (
        thanks.content.decode().split('href="/shop/invoices/')[1].split('"')[0]
    )
    pdf = client.get("/shop/invoices/" + invoice_link.replace("&amp;", "&"))
    assert pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/shop/invoices/{order.number}/").status_code == 404
    subjects = [message.subject for message in mail.outbox]
    assert f"Ihre Bestellung {order.number}" in subjects
    assert f"Zahlung für Ihre Bestellung {order.number} erhalten" in subjects
    paid_mail = next(m for m in mail.outbox if m.subject.startswith("Zahlung"))
    assert paid_mail.from_email.startswith(world.PUBLISHER)
    name, pdf, kind = paid_mail.attachments[0]
    assert kind == "application/pdf" and pdf.startswith(b"%PDF")


def test_review_page_shows_lines_vat_legal_links_and_the_button(client, ids):
    add_to_basket(client, ids.pdf_product)
    as_guest(client)
    choose_payment(client)
    html = client.get("/shop/checkout/preview/").content.decode()
    assert "Zahlungspflichtig bestellen" in html
    assert "enthaltene MwSt. 7 %" in html
    assert 'href="/agb/"' in html and 'href="/widerruf/"' in html
    assert "Ich stimme ausdrücklich zu" in html


def test_order_waits_for_both_waiver_ticks_and_records_them(client, ids):
    add_to_basket(client, ids.pdf_product)
    as_guest(client)
    choose_payment(client)
    refused = place_order(client, early_delivery="on")
    assert refused.status_code == 200
    assert not Order.objects.filter(guest_email="leser@test.example").exists()
    assert "Bitte bestätigen Sie beide Erklärungen" in refused.content.decode()
    placed = place_order(client, **WAIVER)
    assert placed.status_code == 302
    order = Order.objects.get(guest_email="leser@test.example")
    records = ConsentRecord.objects.filter(scope=order.number)
    assert {r.purpose for r in records} == {"early_delivery", "withdrawal_waiver"}
    for record in records:
        assert record.email == "leser@test.example"
        assert record.policy_version is not None
        assert record.policy_version.page_id == ids.legal["withdrawal"]
        assert record.ip_address == "127.0.0.1"
    waiver = records.get(purpose="withdrawal_waiver")
    assert "§ 356 Abs. 5 BGB" in waiver.text


def test_book_needs_a_german_address_and_pays_shipping(client, ids):
    add_to_basket(client, ids.book)
    as_guest(client)
    form = client.get("/shop/checkout/shipping-address/").context["form"]
    assert list(form.fields) == [
        "first_name",
        "last_name",
        "line1",
        "line2",
        "postcode",
        "line4",
        "country",
    ]
    countries = [label for _value, label in form.fields["country"].choices]
    assert countries[0] == "Deutschland" and countries[1] == "Österreich"
    client.post("/shop/checkout/shipping-address/", ADDRESS)
    page = client.get("/shop/checkout/shipping-method/")
    method = page.context["methods"][0]
    assert method["charge"].incl_tax == Decimal("3.90")
    client.post(
        "/shop/checkout/shipping-method/", {"method_code": method["method"].code}
    )
    choose_payment(client)
    response = place_order(client)  # no waiver for a printed book
    assert response.status_code == 302
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.total_incl_tax == Decimal("28.80")
    assert order.shipping_address.line4 == "Leipzig"
    assert StockRecord.objects.get(product_id=ids.book).num_allocated == 1


def test_eu_address_pays_the_eu_rate(client, ids):
    add_to_basket(client, ids.book)
    as_guest(client)
    client.post(
        "/shop/checkout/shipping-address/",
        {**ADDRESS, "country": "AT", "postcode": "1010", "line4": "Wien"},
    )
    page = client.get("/shop/checkout/shipping-method/")
    assert page.context["methods"][0]["charge"].incl_tax == Decimal("9.90")


def test_countries_exist_in_a_fresh_database():
    germany = Country.objects.get(iso_3166_1_a2="DE")
    assert germany.is_shipping_country
    assert Country.objects.filter(is_shipping_country=True).count() == 27
    assert Country.objects.order_by("-display_order").first() == germany


def test_a_download_is_bought_once_per_order(client, ids):
    add_to_basket(client, ids.pdf_product)
    second = add_to_basket(client, ids.pdf_product)
    assert second.status_code == 302
    basket_page = client.get("/shop/basket/")
    lines = basket_page.context["basket"].all_lines()
    assert [line.quantity for line in lines] == [1]


def test_account_checkout(client, ids, django_user_model):
    user = django_user_model.objects.create_user(
        email="kundin@test.example", password="passwort-fuer-tests"
    )
    add_to_basket(client, ids.ebook)
    response = client.post(
        "/shop/checkout/",
        {
            "username": user.email,
            "options": "existing",
            "password": "passwort-fuer-tests",
        },
    )
    assert response.status_code == 302
    choose_payment(client)
    assert place_order(client, **WAIVER).status_code == 302
    order = Order.objects.get(user=user)
    assert order.is_paid
    page = client.get(f"/shop/accounts/orders/{order.number}/")
    assert f"Rechnung {order.invoice.label} (PDF)" in page.content.decode()
    pdf = client.get(f"/shop/invoices/{order.number}/")
    assert pdf["Content-Type"] == "application/pdf"
    from django.test import Client as Stranger

    assert Stranger().get(f"/shop/invoices/{order.number}/").status_code == 404


def test_voucher_covering_everything_needs_no_payment(
    client, ids, django_capture_on_commit_callbacks
):
    from oscar.test.factories import (
        BenefitFactory,
        ConditionalOfferFactory,
        ConditionFactory,
        RangeFactory,
        VoucherFactory,
    )

    everything = RangeFactory(includes_all_products=True)
    offer = ConditionalOfferFactory(
        offer_type="Voucher",
        benefit=BenefitFactory(range=everything, type="Percentage", value=100),
        condition=ConditionFactory(range=everything, type="Count", value=1),
    )
    voucher = VoucherFactory(code="GESCHENK")
    voucher.offers.add(offer)
    add_to_basket(client, ids.pdf_product)
    client.post("/shop/basket/vouchers/add/", {"code": "GESCHENK"})
    as_guest(client)
    page = client.get("/shop/checkout/payment-method/", follow=True)
    assert page.redirect_chain[-1][0].endswith("/shop/checkout/preview/")
    assert "Nichts zu bezahlen" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = place_order(client, **WAIVER)
    assert response.status_code == 302
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.total_incl_tax == Decimal("0.00")
    assert order.status == Order.PAID


def test_basket_works_without_javascript(client, ids):
    """Each line is changed or removed by the form's own button; a download has no
    quantity box."""
    add_to_basket(client, ids.pdf_product)
    add_to_basket(client, ids.book)
    page = client.get("/shop/basket/")
    html = page.content.decode()
    assert 'data-behaviours="remove"' not in html
    assert "Warenkorb aktualisieren" in html and "Gutscheincode" in html
    lines = {line.product_id: line for line in page.context["basket"].all_lines()}
    form = {
        "form-TOTAL_FORMS": 2,
        "form-INITIAL_FORMS": 2,
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
        "form-0-id": lines[ids.pdf_product].pk,
        "form-0-quantity": 1,
        "form-0-DELETE": "on",
        "form-1-id": lines[ids.book].pk,
        "form-1-quantity": 2,
    }
    client.post("/shop/basket/", form)
    basket = client.get("/shop/basket/").context["basket"]
    assert [(line.product_id, line.quantity) for line in basket.all_lines()] == [
        (ids.book, 2)
    ]


@pytest.mark.parametrize("kind", ["pdf_product", "book", "ebook", "course"])
@pytest.mark.parametrize("as_account", [False, True], ids=["guest", "account"])
def test_each_product_class_can_be_bought(
    client, ids, django_user_model, django_capture_on_commit_callbacks, kind, as_account
):
    """Every class, by a guest and with an account: paid, invoiced, mailed, and the
    buyer's order page shows it in German with the invoice."""
    product_pk = getattr(ids, kind)
    email = "leser@test.example"
    if as_account:
        user = django_user_model.objects.create_user(
            email=email, password="passwort-fuer-tests"
        )
        client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        add_to_basket(client, product_pk)
        if not as_account:
            as_guest(client, email)
        else:
            client.get("/shop/checkout/")
        if kind == "book":
            client.post("/shop/checkout/shipping-address/", ADDRESS)
            client.post(
                "/shop/checkout/shipping-method/", {"method_code": "de-standard"}
            )
        choose_payment(client)
        response = place_order(client, **({} if kind == "book" else WAIVER))
    assert response["Location"].endswith("/shop/checkout/thank-you/")
    order = Order.objects.get(lines__product_id=product_pk)
    assert order.status == Order.PAID and order.invoice.number
    assert order.email == email
    assert {m.subject.split(" ")[0] for m in mail.outbox} >= {"Ihre", "Zahlung"}
    from shop.selectors import order_status_path

    page = client.get(order_status_path(order), follow=True)
    if not as_account:
        # A guest's link asks for the order's e-mail address first (Oscar).
        form_url = page.redirect_chain[-1][0]
        page = client.post(form_url, {"email": email}, follow=True)
    html = page.content.decode()
    assert "Status: <strong>Bezahlt</strong>" in html
    assert f"Rechnung {order.invoice.label} (PDF)" in html
