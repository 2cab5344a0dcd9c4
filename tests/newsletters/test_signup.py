"""Double opt-in from every form: the footer and the article box on cached pages,
the newsletter page, the account and the checkout; read from real mails."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import strip_tags

from consent.models import ConsentRecord
from newsletters.models import Subscriber
from tests.flows import checkout as checkout_flow
from tests.mailsink import body

from .helpers import ARTICLE_URL, confirm_link, form_fields, signup, state

pytestmark = pytest.mark.django_db

POST = "lindenblatt-post"


def consent_shown(html: str) -> str:
    """The consent sentence under the first sign-up form, as HTML."""
    start = html.index('class="signup__consent">') + len('class="signup__consent">')
    return html[start : html.index("</p>", start)]


@pytest.fixture
def footer_signup(smtp_sink, settings) -> dict:
    """A reader signs up with the footer form of a cached article, behind one
    proxy: the page they saw, the answer, and what was mailed."""
    settings.TRUSTED_PROXY_COUNT = 1
    Client().get(ARTICLE_URL)
    cached = Client().get(ARTICLE_URL)
    html = cached.content.decode()
    reader = Client()
    response = reader.post(
        "/newsletter/subscribe/",
        {**form_fields(html), "email": "Ida.Neu@Example.org"},
        HTTP_ORIGIN="http://testserver",
        HTTP_REFERER=ARTICLE_URL,
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        REMOTE_ADDR="10.0.0.2",
    )
    return {
        "cached": cached,
        "html": html,
        "reader": reader,
        "response": response,
        "mails": smtp_sink.parsed(),
    }


def test_footer_form_on_a_cached_page_subscribes_in_one_step(footer_signup):
    assert footer_signup["cached"]["X-Page-Cache"] == "hit"
    assert "csrfmiddlewaretoken" not in footer_signup["html"]
    assert 'action="/newsletter/subscribe/"' in footer_signup["html"]
    response = footer_signup["response"]
    assert response.status_code == 302
    page = footer_signup["reader"].get(response["Location"])
    assert "Bitte prüfen Sie Ihr Postfach" in page.content.decode()
    assert state("ida.neu@example.org", POST) == "pending"
    # The page stayed in the cache throughout.
    assert Client().get(ARTICLE_URL)["X-Page-Cache"] == "hit"


def test_footer_sign_up_mails_one_confirmation_from_the_newsletter(footer_signup):
    [mail] = footer_signup["mails"]
    assert mail["To"] == "ida.neu@example.org"
    assert mail["From"] == "Testverlag <brief@test.example>"
    assert mail["Subject"] == "Bitte bestätigen Sie Ihr Newsletter-Abonnement"
    text, html_part = body(mail, "plain"), body(mail, "html")
    assert "Lindenblatt-Post" in text and "Lindenblatt-Post" in html_part
    assert "7 Tage" in text and " du " not in text and "Dear" not in text


def test_footer_sign_up_records_the_sentence_shown_in_the_ledger(footer_signup):
    record = ConsentRecord.objects.get(email="ida.neu@example.org")
    assert record.scope == POST and record.awaits_confirmation
    assert record.confirmed_at is None
    assert record.ip_address == "203.0.113.7"  # the reader's, not the proxy's
    assert record.policy_version.role == "privacy"
    assert "Lindenblatt-Post" in record.text and "Datenschutz" in record.text
    shown = consent_shown(footer_signup["html"])
    assert strip_tags(shown) == record.text  # exactly the sentence shown
    # Its own words link the privacy policy, once (no second link beside them).
    assert shown.endswith('">Datenschutzerklärung</a>.')
    assert shown.count("Datenschutzerklärung") == 1
    assert record.source.startswith(
        ("Anmeldeformular im Seitenfuß auf ", "Anmeldekasten in einem Artikel auf ")
    )


def test_confirmation_link_shows_a_button_and_only_its_post_confirms(smtp_sink):
    signup(Client(), "klick@example.org")
    link = confirm_link(smtp_sink.parsed()[0])

    scanner = Client()
    page = scanner.get(link)
    assert page.status_code == 200
    assert "Ja, ich möchte den Newsletter erhalten" in page.content.decode()
    assert state("klick@example.org", POST) == "pending"

    confirmed = Client().post(link)  # no cookie, no CSRF token: the link is the key
    assert confirmed.status_code == 200
    assert "Ihr Abonnement ist bestätigt" in confirmed.content.decode()
    assert state("klick@example.org", POST) == "confirmed"
    record = ConsentRecord.objects.get(email="klick@example.org")
    assert record.confirmed_at is not None

    # The mail opened again: the used link says so instead of asking once more.
    again = Client().get(link).content.decode()
    assert "Dieses Abonnement war schon bestätigt" in again
    assert "Ja, ich möchte den Newsletter erhalten" not in again
    assert Client().post(link).status_code == 200  # again: harmless
    assert ConsentRecord.objects.filter(email="klick@example.org").count() == 1


def test_every_answer_is_the_same_whether_or_not_the_address_is_known(smtp_sink):
    signup(Client(), "bekannt@example.org")
    Client().post(confirm_link(smtp_sink.parsed()[0]))
    answers = [
        signup(Client(), address)
        for address in ("bekannt@example.org", "unbekannt@example.org")
    ]
    assert {a.status_code for a in answers} == {302}
    assert len({a["Location"] for a in answers}) == 1
    # The same page (each form's signed stamp names the second it was made).
    pages = {
        re.sub(rb'name="stamp" value="[^"]*"', b"", Client().get(a["Location"]).content)
        for a in answers
    }
    assert len(pages) == 1
    # Nothing goes to the confirmed address again.
    assert len(smtp_sink.to("bekannt@example.org")) == 1


def test_confirmation_is_sent_at_most_once_an_hour(smtp_sink):
    for _ in range(3):
        signup(Client(), "oft@example.org")
    assert len(smtp_sink.to("oft@example.org")) == 1
    assert ConsentRecord.objects.filter(email="oft@example.org").count() == 1
    Subscriber.objects.filter(email="oft@example.org").update(
        confirmation_sent_at=timezone.now() - timedelta(minutes=61)
    )
    signup(Client(), "oft@example.org")
    assert len(smtp_sink.to("oft@example.org")) == 2


def test_sign_ups_per_ip_are_limited_and_the_form_keeps_the_address(
    smtp_sink, settings
):
    settings.NEWSLETTER_SIGNUPS_PER_IP_HOUR = 2
    for number in range(2):
        assert signup(Client(), f"massen{number}@example.org").status_code == 302
    refused = signup(Client(), "massen9@example.org")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "zu viele Anmeldungen" in html
    assert 'value="massen9@example.org"' in html
    assert state("massen9@example.org", POST) == "none"


def test_expired_link_and_link_from_before_an_unsubscription_do_nothing(smtp_sink):
    signup(Client(), "alt@example.org")
    link = confirm_link(smtp_sink.parsed()[0])
    eight_days_later = timezone.now().timestamp() + 8 * 86400
    with mock.patch("django.core.signing.time.time", return_value=eight_days_later):
        expired = Client().post(link)
    assert expired.status_code == 400
    assert "Dieser Link funktioniert nicht mehr" in expired.content.decode()
    assert state("alt@example.org", POST) == "pending"

    Client().post(link)
    assert state("alt@example.org", POST) == "confirmed"
    from newsletters import services

    subscriber = Subscriber.objects.get(email="alt@example.org")
    services.unsubscribe(subscriber=subscriber, newsletters=None, source="test")
    assert Client().post(link).status_code == 400
    assert state("alt@example.org", POST) == "ended"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Eva\r\nBcc: opfer@example.org"),
        ("name", "Besuchen Sie <http://phish.example/login>"),
        ("email", "eva@example.org\r\nBcc: opfer@example.org"),
        ("email", "keine-adresse"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_keeps_what_was_typed(
    smtp_sink, field, value
):
    client = Client()
    html = client.get("/newsletter/").content.decode()
    data = {**form_fields(html), "newsletters": POST, "email": "eva@example.org"}
    data[field] = value
    response = client.post(
        "/newsletter/subscribe/", data, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert smtp_sink.messages == []
    assert not Subscriber.objects.filter(email__startswith="eva@").exists()


def test_a_form_posted_from_another_site_is_refused(smtp_sink):
    html = Client().get("/newsletter/").content.decode()
    response = Client().post(
        "/newsletter/subscribe/",
        {**form_fields(html), "newsletters": POST, "email": "opfer@example.org"},
        HTTP_ORIGIN="https://boese.example",
    )
    assert response.status_code == 403
    assert 'value="opfer@example.org"' in response.content.decode()
    assert smtp_sink.messages == []


def test_newsletter_page_lists_each_newsletter_with_its_description():
    html = Client().get("/newsletter/").content.decode()
    assert "<h1>Unsere Newsletter</h1>" in html
    for title in ("Lindenblatt-Post", "Lindenblatt-Angebote"):
        assert title in html and f"Worum es in {title} geht." in html
    english = Client()
    english.cookies["django_language"] = "en"
    assert "<h1>Our newsletters</h1>" in english.get("/newsletter/").content.decode()


def test_choosing_two_newsletters_sends_one_mail_naming_both(smtp_sink):
    client = Client()
    html = client.get("/newsletter/").content.decode()
    client.post(
        "/newsletter/subscribe/",
        {
            **form_fields(html),
            "newsletters": [POST, "lindenblatt-angebote"],
            "email": "beide@example.org",
            "name": "Berta Müller",
        },
        HTTP_ORIGIN="http://testserver",
    )
    [mail] = smtp_sink.parsed()
    text = body(mail, "plain")
    assert "Lindenblatt-Post" in text and "Lindenblatt-Angebote" in text
    shown = consent_shown(html)
    for record in ConsentRecord.objects.filter(email="beide@example.org"):
        assert strip_tags(shown) == record.text
    assert "Berta" not in text  # a stranger's typed name never reaches the mail
    Client().post(confirm_link(mail))
    assert state("beide@example.org", POST) == "confirmed"
    assert state("beide@example.org", "lindenblatt-angebote") == "confirmed"


def test_account_page_subscribes_a_logged_in_reader_with_double_opt_in(
    smtp_sink, django_user_model
):
    user = django_user_model.objects.create_user(
        email="konto@example.org", password="x-geheim-123"
    )
    client = Client()
    client.force_login(user)
    profile = client.get("/shop/accounts/profile/").content.decode()
    assert 'href="/newsletter/account/"' in profile  # the account's own tab
    page = client.get("/newsletter/account/")
    assert page.status_code == 200
    assert "konto@example.org" in page.content.decode()
    client.post("/newsletter/account/", {"newsletters": [POST], "name": ""})
    assert state("konto@example.org", POST) == "pending"
    [mail] = smtp_sink.to("konto@example.org")
    Client().post(confirm_link(mail))
    assert state("konto@example.org", POST) == "confirmed"


def test_checkout_box_is_unticked_and_a_tick_starts_the_double_opt_in(
    smtp_sink, client, ids
):
    checkout_flow.add_to_basket(client, ids.book)
    checkout_flow.as_guest(client, "kaeufer@example.org")
    client.post("/shop/checkout/shipping-address/", checkout_flow.ADDRESS)
    page = client.get("/shop/checkout/shipping-method/")
    code = page.context["methods"][0]["method"].code
    client.post("/shop/checkout/shipping-method/", {"method_code": code})
    checkout_flow.choose_payment(client)
    review = client.get("/shop/checkout/preview/").content.decode()
    box = review[review.index('name="newsletter"') - 200 :][:400]
    assert "checked" not in box
    checkout_flow.place_order(client, newsletter="on")
    assert state("kaeufer@example.org", POST) == "pending"
    mails = smtp_sink.to("kaeufer@example.org")
    assert any("Newsletter" in m["Subject"] for m in mails)
    record = ConsentRecord.objects.get(
        email="kaeufer@example.org", purpose="newsletter"
    )
    assert record.source.startswith("Bestellübersicht im Checkout (Bestellung ")


def test_checkout_without_the_tick_subscribes_nobody(smtp_sink, client, ids):
    checkout_flow.guest_buys(client, ids.pdf_product, email="still@example.org")
    assert state("still@example.org", POST) == "none"


def test_a_reader_who_chose_english_gets_the_confirmation_in_english(smtp_sink):
    reader = Client()
    reader.cookies["django_language"] = "en"
    signup(reader, "english@example.org")
    [mail] = smtp_sink.to("english@example.org")
    assert mail["Subject"] == "Please confirm your newsletter subscription"
    assert "The link works for 7 days" in body(mail, "plain")
    assert "Confirm subscription" in body(mail, "html")
