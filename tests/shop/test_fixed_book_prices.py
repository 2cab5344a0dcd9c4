"""Fixed book prices (Buchpreisbindungsgesetz §§ 3 and 5; e-books included): no
voucher, offer or basket discount reduces a price-bound book or e-book; the other
items in the same basket still get it, and the basket says why."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from tests.flows.checkout import add_to_basket

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
Range = get_model("offer", "Range")
Condition = get_model("offer", "Condition")
Benefit = get_model("offer", "Benefit")
ConditionalOffer = get_model("offer", "ConditionalOffer")
Voucher = get_model("voucher", "Voucher")

pytestmark = pytest.mark.django_db

NOTE = "gelten nicht für preisgebundene Bücher"


@pytest.fixture
def mixed(client, ids):
    """Book 24,90, e-book, article PDF 3,99 and eCourse 19,99 in one basket."""
    for pk in (ids.book, ids.ebook, ids.pdf_product, ids.course):
        add_to_basket(client, pk)
    return ids


def _offer(benefit_type, value, *, condition=Condition.COUNT, cvalue=1, kind=None):
    everything = Range.objects.create(
        name=f"Alles {benefit_type}", includes_all_products=True
    )
    return ConditionalOffer.objects.create(
        name=f"Aktion {benefit_type}",
        offer_type=kind or ConditionalOffer.SITE,
        condition=Condition.objects.create(
            range=everything, type=condition, value=cvalue
        ),
        benefit=Benefit.objects.create(
            range=everything, type=benefit_type, value=value
        ),
    )


def _lines(client) -> dict:
    page = client.get("/shop/basket/")
    basket = page.context["basket"]
    return page, {line.product_id: line for line in basket.all_lines()}


def test_books_and_ebooks_start_price_bound_and_the_flag_is_editable(ids):
    assert not Product.objects.get(pk=ids.book).is_discountable
    assert not Product.objects.get(pk=ids.ebook).is_discountable
    assert Product.objects.get(pk=ids.pdf_product).is_discountable
    assert Product.objects.get(pk=ids.course).is_discountable
    book_class = Product.objects.get(pk=ids.book).get_product_class()
    new = Product.objects.create(product_class=book_class, title="Neues Buch")
    assert new.is_price_bound
    new.is_discountable = True  # an editor lifts it, e.g. for a damaged copy
    new.save()
    assert Product.objects.get(pk=new.pk).is_discountable


@pytest.mark.parametrize(
    ("benefit_type", "value", "condition", "cvalue"),
    [
        (Benefit.PERCENTAGE, 10, Condition.COUNT, 1),
        (Benefit.FIXED, 5, Condition.VALUE, 10),
        (Benefit.FIXED_UNIT, 1, Condition.COUNT, 1),
        (Benefit.MULTIBUY, None, Condition.COUNT, 2),
        (Benefit.FIXED_PRICE, 10, Condition.COVERAGE, 2),
    ],
)
def test_no_site_offer_reduces_a_price_bound_line(
    client, mixed, benefit_type, value, condition, cvalue
):
    _offer(benefit_type, value, condition=condition, cvalue=cvalue)
    page, lines = _lines(client)
    for pk in (mixed.book, mixed.ebook):
        assert lines[pk].discount_value == 0, benefit_type
        assert (
            lines[pk].line_price_incl_tax_incl_discounts
            == lines[pk].line_price_incl_tax
        )
    discounted = sum(
        lines[pk].discount_value for pk in (mixed.pdf_product, mixed.course)
    )
    assert discounted > 0, benefit_type
    assert NOTE in page.content.decode()


def test_a_voucher_reduces_only_the_pdf_and_the_course(client, mixed):
    offer = _offer(Benefit.PERCENTAGE, 50, kind=ConditionalOffer.VOUCHER)
    voucher = Voucher.objects.create(
        name="Halber Preis",
        code="HALB",
        start_datetime=timezone.now() - timezone.timedelta(days=1),
        end_datetime=timezone.now() + timezone.timedelta(days=1),
    )
    voucher.offers.add(offer)
    page = client.get("/shop/basket/").content.decode()
    assert "Gutscheine " + NOTE in page
    client.post("/shop/basket/vouchers/add/", {"code": "HALB"})
    page, lines = _lines(client)
    assert lines[mixed.book].discount_value == 0
    assert lines[mixed.ebook].discount_value == 0
    # Half of 3,99 + 19,99 off the gross prices, rounded down to the cent as
    # Oscar does.
    for pk in (mixed.pdf_product, mixed.course):
        line = lines[pk]
        half = line.line_price_incl_tax / 2
        assert abs(line.line_price_incl_tax_incl_discounts - half) < D("0.01")
    basket = page.context["basket"]
    assert basket.total_incl_tax == basket.total_incl_tax_excl_discounts - D("11.99")


def test_a_basket_of_books_only_gets_no_discount(client, ids):
    add_to_basket(client, ids.book)
    _offer(Benefit.PERCENTAGE, 10)
    page, lines = _lines(client)
    assert lines[ids.book].discount_value == 0
    assert not page.context["basket"].offer_discounts
