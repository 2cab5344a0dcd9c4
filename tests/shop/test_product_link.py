"""The link from a product to the page it sells is kept once, on the product
(`Product.page`): publishing writes it, delivery and courses read it through
`shop.selectors.pages_sold`, product cards find the page's offer by it."""

import pytest
from django.core.exceptions import ValidationError
from oscar.core.loading import get_model

from shop import selectors
from tests import factories

Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


def test_pages_sold_reads_the_products_own_link(ids):
    products = list(Product.objects.filter(pk__in=[ids.pdf_product, ids.book]))
    assert selectors.pages_sold(products) == {ids.pdf_product: ids.first_part}


def test_a_pages_offer_card_is_the_product_that_sells_it(ids):
    [card] = selectors.product_cards([], sold_from_page=ids.first_part)
    assert card.pk == ids.pdf_product and card.page_id == ids.first_part
    assert selectors.product_sold_from(page_id=ids.first_part).pk == ids.pdf_product


def test_publishing_a_course_links_its_product(home_page):
    product = factories.product("E-Kurs: Gespräche", "19.99", kind="e-kurs")
    course = factories.course_with_lessons(
        home_page, slug="gespraeche", lessons=1, product=product
    )
    assert Product.objects.get(pk=product.pk).page_id == course.pk


def test_a_course_that_changes_its_product_lets_the_old_one_go(home_page):
    first = factories.product("E-Kurs: erste Fassung", "19.99", kind="e-kurs")
    second = factories.product("E-Kurs: zweite Fassung", "24.99", kind="e-kurs")
    course = factories.course_with_lessons(
        home_page, slug="fassungen", lessons=1, product=first
    )
    course.product = second
    course.save_revision().publish()
    assert Product.objects.get(pk=second.pk).page_id == course.pk
    assert Product.objects.get(pk=first.pk).page_id is None


def test_a_course_cannot_name_a_product_that_sells_another_page(home_page, ids):
    course = factories.course_with_lessons(home_page, slug="doppelt", lessons=1)
    course.product = Product.objects.get(pk=ids.pdf_product)  # sells an article
    with pytest.raises(ValidationError) as refused:
        course.full_clean()
    assert "product" in refused.value.message_dict
