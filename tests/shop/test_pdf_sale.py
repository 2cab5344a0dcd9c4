"""Pages and products in step: ticking "sell as PDF" and publishing puts the article
or series on sale; unticking or unpublishing takes it off; past orders keep working."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from blog.models import ArticlePage
from tests import factories as f
from tests.flows.checkout import (
    WAIVER,
    add_to_basket,
    as_guest,
    choose_payment,
    place_order,
)

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _sell(page, price: str = "4.99", *, sell: bool = True):
    page.sell_as_pdf = sell
    page.pdf_price = Decimal(price) if price else None
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def test_publishing_puts_the_article_pdf_on_sale(client, blog_index, lead_author):
    image = f.ImageFactory(title="Titelbild")
    article = f.ArticlePageFactory(
        parent=blog_index,
        title="Gut verhandeln",
        lead="Wie Sie mehr erreichen.",
        hero_image=image,
        authors=[lead_author],
    )
    article = _sell(article, "4.99")
    product = Product.objects.get(page_id=article.pk)
    assert product.page_id == article.pk
    assert product.title == "Gut verhandeln (PDF)"
    assert product.is_public
    assert product.get_product_class().slug == "artikel-pdf"
    assert product.stockrecords.get().price == Decimal("4.99")
    assert "Wie Sie mehr erreichen." in product.description
    assert product.images.get().caption == "Titelbild"
    page = client.get(product.get_absolute_url())
    assert page.status_code == 200
    assert "4,99" in page.content.decode()

    # A new price and title on the next publish update the same product.
    article.title = "Besser verhandeln"
    article = _sell(article, "5.49")
    product.refresh_from_db()
    assert Product.objects.filter(page_id=article.pk).count() == 1
    assert product.title == "Besser verhandeln (PDF)"
    assert product.stockrecords.get().price == Decimal("5.49")


def test_series_is_sold_as_a_series_pdf(series):
    series = _sell(series, "12.00")
    product = Product.objects.get(page_id=series.pk)
    assert product.get_product_class().slug == "serie-pdf"
    assert product.page_id == series.pk


def test_price_is_required_when_ticked(blog_index, lead_author):
    from django.core.exceptions import ValidationError

    article = f.ArticlePageFactory(parent=blog_index, authors=[lead_author])
    article.sell_as_pdf = True
    article.pdf_price = None
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "pdf_price" in error.value.message_dict


def test_unticking_or_unpublishing_withdraws_but_orders_keep_working(
    client, blog_index, lead_author, django_capture_on_commit_callbacks
):
    article = _sell(f.ArticlePageFactory(parent=blog_index, authors=[lead_author]))
    product = Product.objects.get(page_id=article.pk)
    with django_capture_on_commit_callbacks(execute=True):
        add_to_basket(client, product.pk)
        as_guest(client)
        choose_payment(client)
        place_order(client, **WAIVER)
    order = Order.objects.get(guest_email="leser@test.example")

    article = _sell(article, "4.99", sell=False)
    product.refresh_from_db()
    assert not product.is_public
    assert client.get(product.get_absolute_url()).status_code == 404
    assert order.lines.get().product_id == product.pk

    _sell(article, "4.99")
    product.refresh_from_db()
    assert product.is_public
    ArticlePage.objects.get(pk=article.pk).unpublish()
    product.refresh_from_db()
    assert not product.is_public
    order.refresh_from_db()
    assert order.is_paid and order.lines.count() == 1


def test_a_withdrawn_pdf_cannot_be_bought_from_an_old_basket(
    client, blog_index, lead_author
):
    article = _sell(f.ArticlePageFactory(parent=blog_index, authors=[lead_author]))
    product = Product.objects.get(page_id=article.pk)
    add_to_basket(client, product.pk)
    ArticlePage.objects.get(pk=article.pk).unpublish()
    as_guest(client)
    page = client.get("/shop/checkout/payment-method/", follow=True)
    assert page.redirect_chain[-1][0].endswith("/shop/basket/")
    assert not Order.objects.exists()
