"""The shop's catalogue, search and German gross prices."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from wagtail.test.utils.form_data import querydict_from_html

from core.query import clean_query
from shop.partner.strategy import vat_included
from taxonomy.models import Category
from tests import world

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


def test_catalogue_lists_every_public_product_with_price_and_kind(client):
    response = client.get("/shop/catalogue/")
    html = response.content.decode()
    assert response.status_code == 200
    listed = [product.title for product in response.context["products"]]
    public = Product.objects.filter(is_public=True, parent=None)
    assert sorted(listed) == sorted(public.values_list("title", flat=True))
    for product in public:
        assert product.title in html
    assert "3,99\xa0€" in html and "19,99\xa0€" in html
    assert "E-Kurs" in html and "E-Book" in html  # the kind of each
    assert "inkl. MwSt." in html


def test_hidden_products_are_not_listed(client, ids):
    Product.objects.filter(pk=ids.ebook).update(is_public=False)
    response = client.get("/shop/catalogue/")
    assert ids.ebook not in [product.pk for product in response.context["products"]]
    assert "Gehalt klar verhandeln" not in response.content.decode()


def test_catalogue_search_finds_by_words_of_title_and_description(client, ids):
    response = client.get("/shop/catalogue/", {"q": "lernen"})
    assert [p.pk for p in response.context["products"]] == [ids.course]
    response = client.get("/shop/search/", {"q": "vorbereitet"})  # description only
    assert [p.pk for p in response.context["products"]] == [ids.ebook]


def test_category_page_lists_only_its_products(client, ids):
    books = create_from_breadcrumbs("Bücher")
    get_model("catalogue", "ProductCategory").objects.create(
        product_id=ids.book, category=books
    )
    response = client.get(books.get_absolute_url())
    assert response.status_code == 200
    assert [p.pk for p in response.context["products"]] == [ids.book]


@pytest.mark.parametrize("junk", ['"', "((", "*", "a" * 500, "ä:ö^"])
def test_junk_queries_give_a_page_not_an_error(client, junk):
    public = set(
        Product.objects.filter(is_public=True, parent=None).values_list("pk", flat=True)
    )
    for path in ("/shop/search/", "/shop/catalogue/"):
        response = client.get(path, {"q": junk})
        assert response.status_code == 200
        listed = {product.pk for product in response.context["products"]}
        if clean_query(junk):
            assert listed <= public  # whatever matched, nothing hidden
        else:
            assert listed == public  # nothing left to search for: everything


def test_junk_page_number_shows_a_page(client):
    first = client.get("/shop/catalogue/", {"page": "zwei"})
    last = client.get("/shop/catalogue/", {"page": "999"})
    assert first.context["page_obj"].number == 1
    assert last.context["page_obj"].number == last.context["paginator"].num_pages
    assert len(first.context["products"]) == len(last.context["products"]) > 0


def test_price_is_gross_with_vat_of_the_product_class():
    from shop.partner.strategy import Selector

    pdf = Product.objects.get(pk=world.WORLD.pdf_product)
    course = Product.objects.get(pk=world.WORLD.course)
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


def test_digital_product_checks_out_without_shipping_address(client, admin_user, ids):
    response = client.post(f"/shop/basket/add/{ids.pdf_product}/", {"quantity": 1})
    assert response.status_code == 302
    basket = client.get("/shop/basket/")
    assert "3,99" in basket.content.decode()
    # Oscar skips address and shipping for baskets that need no shipping.
    client.force_login(admin_user)
    response = client.get("/shop/checkout/shipping-address/")
    assert response.status_code == 302
    assert "shipping-address" not in response.url


def test_dashboard_saves_a_product_with_magazine_topics_and_tags(admin_client):
    salary = Category.objects.get(slug="gehalt")
    url = reverse(
        "dashboard:catalogue-product-create", kwargs={"product_class_slug": "buch"}
    )
    form = querydict_from_html(
        admin_client.get(url).content.decode(), form_id="create_update_product_form"
    )
    form["title"] = "Verhandeln für Einsteiger"
    # Oscar wants a shop category for every product.
    category_field = next(key for key in form if key.endswith("-0-category"))
    form[category_field] = str(create_from_breadcrumbs("Bücher").pk)
    form.setlist("topics", [str(salary.pk)])
    form["tags"] = "Gehalt, Verhandlung"
    response = admin_client.post(url, form)
    assert response.status_code == 302, re.findall(
        r'class="[^"]*error[^"]*"[^>]*>([^<]+)', response.content.decode()
    )
    saved = Product.objects.get(title="Verhandeln für Einsteiger")
    assert list(saved.topics.all()) == [salary]
    assert sorted(saved.tags.names()) == ["Gehalt", "Verhandlung"]


def test_dashboard_saves_a_product_class_with_kind_and_vat_rate(admin_client):
    url = reverse("dashboard:catalogue-class-create")
    form = querydict_from_html(
        admin_client.get(url).content.decode(),
        form_id="create_update_product_class_form",
    )
    form["name"] = "Hörbuch"
    form["kind"] = "ebook"
    form["vat_rate"] = "0.07"
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = get_model("catalogue", "ProductClass").objects.get(name="Hörbuch")
    assert (saved.kind, saved.vat_rate) == ("ebook", "0.07")
