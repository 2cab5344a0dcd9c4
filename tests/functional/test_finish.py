"""What a customer meets on the way, as the finish issue listed it: the wording,
the account, the basket's totals, one English, the invoice, the course found, and
markup a browser and a screen reader accept."""

import io
import re

import pytest
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model
from pypdf import PdfReader

from comments.models import Comment
from tests import factories
from tests.flows.checkout import (
    ADDRESS,
    add_to_basket,
    as_guest,
    choose_payment,
    guest_buys,
)

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db
PASSWORD = "ein-langes-passwort-2026"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _english() -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    return client


# Registration and the account


def test_registration_asks_for_the_name_and_shows_the_privacy_notice(client):
    html = client.get("/shop/accounts/login/").content.decode()
    assert "<h1>Anmelden oder registrieren</h1>" in html
    for label in ("Vorname", "Nachname", "Passwort bestätigen"):
        assert f">{label}</label>" in html
    assert "Einzelheiten in unserer <a href=" in html  # the privacy policy, linked
    assert "Redirect url" not in html and "Ups!" not in html


def test_a_refused_password_is_told_at_the_password_not_its_confirmation(client):
    response = client.post(
        "/shop/accounts/register/",
        {
            "first_name": "Ida",
            "last_name": "Neu",
            "email": "ida@example.org",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    form = response.context["form"]
    assert form.errors["password1"] and "password2" not in form.errors
    html = response.content.decode()
    assert "Ups! Es sind Fehler aufgetreten" not in html
    assert 'value="Ida"' in html  # nothing typed is lost


def test_account_menu_offers_what_this_shop_has_and_dates_orders_as_ordered(
    client, ids, django_user_model
):
    buyer = django_user_model.objects.create_user(
        email="konto@example.org", password=PASSWORD, first_name="Jo", last_name="K"
    )
    client.force_login(buyer)
    add_to_basket(client, ids.book)
    client.get("/shop/checkout/")
    client.post("/shop/checkout/shipping-address/", ADDRESS)
    page = client.get("/shop/checkout/shipping-method/")
    code = page.context["methods"][0]["method"].code
    client.post("/shop/checkout/shipping-method/", {"method_code": code})
    choose_payment(client)
    client.post("/shop/checkout/preview/", {"action": "place_order"})
    html = client.get("/shop/accounts/orders/").content.decode()
    menu = html[html.index('class="account-nav"') :]
    menu = menu[: menu.index("</nav>")]
    for wanted in ("Profil", "Meine Bestellungen", "Adressen", "Meine Downloads"):
        assert wanted in menu
    for stock in ("Wunschzettel", "Produktbenachrichtigungen", "Benachrichtigungen"):
        assert stock not in menu
    assert "Bestellt am" in html and "Sendedatum" not in html
    assert "Bezahlt" in html  # the status in words


# The basket and the checkout


def test_basket_totals_have_no_empty_rows_or_headings_in_cells(client, ids):
    add_to_basket(client, ids.book)
    add_to_basket(client, ids.pdf_product)
    html = client.get("/shop/basket/").content.decode()
    box = html[html.index('id="basket_totals"') :]
    box = box[: box.index("</table>")]
    assert "<h3" not in box and "<th></th>" not in box and "&nbsp;" not in box
    text = _text(box)
    assert "Zwischensumme 28,89 €" in text
    assert "Gesamtbetrag" in text and "darin enthaltene MwSt." in text
    assert "Summe (ohne Rabatte)" not in text and "Summe (mit Rabatte)" not in text


def test_review_page_names_the_terms_in_good_german(client, ids):
    add_to_basket(client, ids.pdf_product)
    as_guest(client)
    choose_payment(client)
    html = client.get("/shop/checkout/preview/").content.decode()
    assert "Es gelten unsere <a" in html
    assert ">Allgemeinen Geschäftsbedingungen</a>" in html


def test_thank_you_page_refreshes_itself_until_the_files_are_ready(client, ids):
    # The render waits for a worker: the PDF is "being prepared" after payment.
    from django.test import override_settings

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        guest_buys(client, ids.pdf_product)
    response = client.get("/shop/checkout/thank-you/")
    html = response.content.decode()
    assert response["Refresh"] == "5"  # honoured by browsers without JavaScript
    assert "lädt sich alle paar Sekunden neu" in html
    assert ">Jetzt neu laden</a>" in html
    assert "per E-Mail" in html


def test_the_order_link_in_a_mail_opens_a_german_page_in_the_sites_design(client, ids):
    guest_buys(client, ids.pdf_product)
    order = Order.objects.get(guest_email="leser@test.example")
    path = (
        f"/shop/accounts/order-status-form/{order.number}/{order.verification_hash()}/"
    )
    html = Client().get(path).content.decode()  # another browser, as from the mail
    assert 'class="site-header"' in html and 'lang="de"' in html
    assert "Enter the following information" not in html
    assert "mit der Sie diese Bestellung aufgegeben haben" in html
    shown = Client().post(path, {"email": order.email}, follow=True)
    assert order.number in shown.content.decode()


def test_invoice_names_the_vat_rate_of_the_shipping(client, ids):
    guest_buys(client, ids.book, address=ADDRESS)
    order = Order.objects.get(guest_email="leser@test.example")
    pdf = Client().get(
        f"/shop/invoices/{order.number}/", {"hash": order.verification_hash()}
    )
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    ).replace("\xa0", " ")
    # The parcel carries the book's rate (the charge follows the goods shipped).
    line = next(line for line in text.splitlines() if order.shipping_method in line)
    assert "7 %" in line, line


# One English


def test_english_says_basket_and_voucher_and_dates_day_first(client, ids):
    english = _english()
    add_to_basket(english, ids.book)
    html = english.get("/shop/basket/").content.decode()
    text = _text(html)
    assert "Basket" in text and "Cart" not in text
    assert "voucher" in text.lower() and "coupon" not in text.lower()
    from django.utils import formats, translation

    with translation.override("en"):
        day = timezone.datetime(2026, 12, 1)
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "01/12/2026"
        assert formats.date_format(day, "DATE_FORMAT") == "1 December 2026"


def test_english_product_kinds_and_quotes_are_english(client, ids):
    english = _english()
    html = english.get("/shop/catalogue/").content.decode()
    kinds = re.findall(r'class="product-card__kind">([^<]+)<', html)
    assert "Book" in kinds and "eCourse" in kinds, kinds
    assert "Buch" not in kinds and "E-Kurs" not in kinds
    footer = english.get("/").content.decode()
    assert "„" not in _text(footer[footer.index("signup__consent") :])


# The course is found


@pytest.fixture
def course(home_page, django_capture_on_commit_callbacks):
    product = factories.product("E-Kurs: Souverän führen", "19.99", kind="e-kurs")
    with django_capture_on_commit_callbacks(execute=True):
        course = factories.course_with_lessons(
            home_page, slug="souveraen-fuehren", lessons=2, product=product
        )
        # As an editor publishes them: the course sells through its product, and
        # a lesson's title joins the course's search entry.
        course.title = "Souverän führen"
        course.save_revision().publish()
        lesson = course.get_children().first().specific
        lesson.title = "Der Rollenwechsel"
        lesson.save_revision().publish()
    course.refresh_from_db()
    return course


@pytest.mark.parametrize("query", ["Souverän", "Rollenwechsel"])
def test_search_finds_the_course_page_by_its_name_and_a_lesson(client, course, query):
    html = client.get("/search/", {"q": query}).content.decode()
    assert f'href="{course.url}"' in html


def test_front_page_and_product_page_link_to_the_course(client, course):
    home = client.get("/").content.decode()
    assert f'href="{course.url}"' in home
    page = client.get(course.product.get_absolute_url()).content.decode()
    assert f'href="{course.url}"' in page and "Überblick und Inhalt" in page
    # Sold by the product, the course is not listed as "in the magazine".
    magazine = (
        page[page.index("product-page__related") :]
        if ("product-page__related" in page)
        else ""
    )
    assert f'href="{course.url}"' not in magazine


# Markup


def test_comment_times_are_valid_html_datetimes(client, article):
    Comment.objects.create(
        page=article,
        name="Lea",
        email="lea@example.org",
        text="Gut.",
        status=Comment.Status.APPROVED,
        created_at=timezone.now().replace(microsecond=123456),
    )
    html = client.get(article.url).content.decode()
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(
            r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?([+-]\d\d:?\d\d|Z)?)?",
            stamp,
        ), stamp


def _headings(html: str) -> list[int]:
    main = html[html.index("<main") : html.index("</main>")]
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", main)]


@pytest.mark.parametrize(
    "path", ["/", "/journal/", "/shop/basket/", "/shop/accounts/login/"]
)
def test_headings_do_not_skip_levels(client, ids, path):
    levels = _headings(client.get(path).content.decode())
    assert levels and levels[0] == 1, path
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, (path, levels)


def test_author_page_has_one_h1(client, ids):
    from blog.models import Author

    author = Author.objects.exclude(slug="").first()
    html = client.get(author.archive_url).content.decode()
    assert _headings(html).count(1) == 1


@pytest.mark.parametrize(
    "path", ["/search/?q=Gehalt", "/shop/catalogue/", "/gibt-es-nicht/"]
)
def test_every_search_landmark_has_a_name(client, ids, path):
    html = client.get(path).content.decode()
    forms = re.findall(r"<form[^>]*role=\"search\"[^>]*>", html)
    assert len(forms) == 2
    names = [re.search(r'aria-label="([^"]+)"', form).group(1) for form in forms]
    assert len(set(names)) == 2


@pytest.mark.parametrize(
    "path",
    [
        "/shop/catalogue/",
        "/search/?q=Gehalt",
        "/newsletter/",
        "/shop/accounts/login/",
        "/shop/accounts/register/",
    ],
)
def test_pages_carry_a_meta_description(client, ids, path):
    html = client.get(path).content.decode()
    found = re.search(r'<meta name="description" content="([^"]+)"', html)
    assert found and len(found.group(1)) > 30, path


def test_the_guests_own_browser_opens_the_order_page_without_asking(client, ids):
    guest_buys(client, ids.pdf_product)
    client.get("/shop/checkout/thank-you/")
    order = Order.objects.get(guest_email="leser@test.example")
    page = client.get(
        f"/shop/accounts/order-status/{order.number}/{order.verification_hash()}/"
    )
    assert page.status_code == 200 and order.number in page.content.decode()
