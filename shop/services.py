"""Writes of the shop that other apps call: putting a page's PDF on sale and
taking it off sale. The page-side logic (when to call) lives in blog/services.py;
this side knows only products, classes, prices and images."""

from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .product_classes import PRODUCT_CLASSES

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def product_class_ensure(*, slug: str):
    """The product class `slug` of `PRODUCT_CLASSES`, created on first use with
    its name in the site's language. A class made before classes had a kind
    gets its kind."""
    standard = PRODUCT_CLASSES[slug]
    with translation.override(settings.LANGUAGE_CODE):
        name = _(standard.name)
    product_class, created = ProductClass.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "kind": standard.kind,
            "vat_rate": standard.vat_rate,
            "requires_shipping": standard.shipped,
            "track_stock": standard.shipped,
        },
    )
    if not created and product_class.kind != standard.kind:
        ProductClass.objects.filter(pk=product_class.pk).update(kind=standard.kind)
        product_class.kind = standard.kind
    return product_class


def _publisher_partner():
    partner = Partner.objects.order_by("pk").first()
    return partner or Partner.objects.create(name=_("Publisher"))


@transaction.atomic
def pdf_product_sync(
    *,
    page_id: int,
    title: str,
    description: str,
    price: Decimal,
    series: bool,
    image=None,
):
    """Create or update the PDF product of a page and put it on sale."""
    product = Product.objects.filter(page_id=page_id).first()
    product_class = product_class_ensure(slug="serie-pdf" if series else "artikel-pdf")
    if product is None:
        product = Product(page_id=page_id, structure=Product.STANDALONE)
    product.title = _("%(title)s (PDF)") % {"title": title}
    product.description = description
    product.product_class = product_class
    product.is_public = True
    product.save()
    StockRecord.objects.update_or_create(
        product=product,
        partner=_publisher_partner(),
        defaults={
            "partner_sku": f"PDF-{page_id}",
            "price": price,
            "price_currency": "EUR",
        },
    )
    _sync_image(product, image)
    return product


def _sync_image(product, image) -> None:
    image_id = image.pk if image is not None else None
    if product.page_image_id == image_id:
        return
    product.images.all().delete()
    if image is not None:
        with image.open_file() as source:
            content = source.read()
        ProductImage.objects.create(
            product=product,
            original=ContentFile(content, name=image.file.name.rsplit("/", 1)[-1]),
            caption=image.title,
            display_order=0,
        )
    Product.objects.filter(pk=product.pk).update(page_image_id=image_id)
    product.page_image_id = image_id


@transaction.atomic
def product_page_link(*, product_id: int, page_id: int) -> None:
    """`product` now sells the page (a course names its product on publish): the
    link is `Product.page`, and a product that sold the page before lets go."""
    for product in Product.objects.filter(page_id=page_id).exclude(pk=product_id):
        product.page = None
        product.save(update_fields=["page"])
    product = Product.objects.filter(pk=product_id).first()
    if product is not None and product.page_id != page_id:
        product.page_id = page_id
        product.save(update_fields=["page"])


def pdf_product_withdraw(*, page_id: int) -> bool:
    """Take a page's PDF off sale. The product stays, so past orders and their
    downloads keep working; it is simply no longer shown or sold."""
    product = Product.objects.filter(page_id=page_id, is_public=True).first()
    if product is None:
        return False
    product.is_public = False
    product.save()
    return True
