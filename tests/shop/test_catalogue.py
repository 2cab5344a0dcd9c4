"""The shop's catalogue, search and German gross prices."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shop.partner.strategy import vat_included

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def test_catalogue_lists_every_public_product_with_price_and_kind(client):
    response = client.get("/shop/catalogue/")
    html = response.content.decode()
    assert response.status_code == 200
    for title in [
        "Der erste Arbeitstag: Was wirklich zählt (PDF)",
        "Gut ankommen. Der Ratgeber für die ersten 100 Tage",
        "Gehalt ohne Bauchschmerzen (E-Book)",
        "E-Kurs: Souverän führen in 30 Lektionen",
    ]:
        assert title in html
    assert "3,99\xa0€" in html
    assert "19,99\xa0€" in html
    assert "inkl. MwSt." in html or "incl. VAT" in html


def test_hidden_products_are_not_listed(client):
    Product.objects.filter(upc="978-3-00-000002-7").update(is_public=False)
    html = client.get("/shop/catalogue/").content.decode()
    assert "Gehalt ohne Bauchschmerzen" not in html


def test_catalogue_search_finds_by_words_of_title_and_description(client):
    response = client.get("/shop/catalogue/", {"q": "Lektionen"})
    assert [p.title for p in response.context["products"]] == [
        "E-Kurs: Souverän führen in 30 Lektionen"
    ]
    response = client.get("/shop/search/", {"q": "Gehalt"})
    assert [p.upc for p in response.context["products"]] == ["978-3-00-000002-7"]


def test_category_page_lists_only_its_products(client):
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    books = create_from_breadcrumbs("Bücher")
    response = client.get(books.get_absolute_url())
    assert response.status_code == 200
    assert [p.title for p in response.context["products"]] == [
        "Gut ankommen. Der Ratgeber für die ersten 100 Tage"
    ]


@pytest.mark.parametrize("junk", ['"', "((", "*", "\x00", "a" * 500, "ä:ö^"])
def test_junk_queries_give_a_page_not_an_error(client, junk):
    assert client.get("/shop/search/", {"q": junk}).status_code == 200
    assert client.get("/shop/catalogue/", {"q": junk}).status_code == 200


def test_junk_page_number_shows_a_page(client):
    assert client.get("/shop/catalogue/", {"page": "zwei"}).status_code == 200
    assert client.get("/shop/catalogue/", {"page": "999"}).status_code == 200


def test_price_is_gross_with_vat_of_the_product_class():
    from shop.partner.strategy import Selector

    pdf = Product.objects.get(upc="KOMPASS-PDF-0001")
    course = Product.objects.get(upc="KOMPASS-KURS-0001")
    strategy = Selector().strategy()
    pdf_price = strategy.fetch_for_product(pdf).price
    assert pdf_price.incl_tax == Decimal("3.99")
    assert pdf_price.tax == Decimal("0.26")  # 7 % contained in 3,99 €
    course_price = strategy.fetch_for_product(course).price
    assert course_price.incl_tax == Decimal("19.99")
    assert course_price.tax == Decimal("3.19")  # 19 % contained in 19,99 €


@pytest.mark.parametrize(
    ("gross", "rate", "tax"),
    [
        ("3.99", "0.07", "0.26"),
        ("24.90", "0.07", "1.63"),
        ("19.99", "0.19", "3.19"),
        ("0.00", "0.19", "0.00"),
    ],
)
def test_vat_included_in_gross_price(gross, rate, tax):
    assert vat_included(Decimal(gross), Decimal(rate)) == Decimal(tax)


def test_digital_product_checks_out_without_shipping_address(client, admin_user):
    pdf = Product.objects.get(upc="KOMPASS-PDF-0001")
    response = client.post(f"/shop/basket/add/{pdf.pk}/", {"quantity": 1})
    assert response.status_code == 302
    basket = client.get("/shop/basket/")
    assert "3,99" in basket.content.decode()
    # Oscar skips address and shipping for baskets that need no shipping.
    client.force_login(admin_user)
    response = client.get("/shop/checkout/shipping-address/")
    assert response.status_code == 302
    assert "shipping-address" not in response.url


def test_dashboard_edits_magazine_topics_and_the_kind_of_a_class(admin_client):
    from django.urls import reverse

    product_form = admin_client.get(
        reverse(
            "dashboard:catalogue-product-create", kwargs={"product_class_slug": "buch"}
        )
    ).content.decode()
    assert 'name="topics"' in product_form and 'name="tags"' in product_form
    class_form = admin_client.get(
        reverse("dashboard:catalogue-class-create")
    ).content.decode()
    assert 'name="kind"' in class_form and 'name="vat_rate"' in class_form
